# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from kelisim_app.kelisim_core import rules as core
from kelisim_app.utils.masters import collapse_whitespace


class KLSPartner(Document):
	"""A crisis centre, shelter, mothers' home, NGO or state body that cases and consultations are referred
	to (KLS Referral rows); a region's partner is its KGU's to keep, one without a region is republican."""

	def validate(self):
		self.strip_name()
		self.check_district()

	def strip_name(self):
		self.partner_name = collapse_whitespace(self.partner_name or "")

	def check_district(self):
		if not self.region:
			self.district = None
		if self.district:
			core.check_district_region(
				frappe.db.get_value("KLS District", self.district, "region"), self.region
			)
