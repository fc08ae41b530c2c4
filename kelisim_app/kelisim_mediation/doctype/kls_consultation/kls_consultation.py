# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_mediation import referrals
from kelisim_app.kelisim_mediation.exceptions import MediationCaseError


class KLSConsultation(Document):
	def validate(self):
		self.check_date()
		self.check_district()
		self.check_referrals()

	def check_date(self):
		if self.consulted_on and getdate(self.consulted_on) > getdate():
			frappe.throw(_("A consultation cannot be dated in the future"), MediationCaseError)

	def check_district(self):
		if self.district:
			core.check_district_region(
				frappe.db.get_value("KLS District", self.district, "region"), self.region
			)

	def check_referrals(self):
		referrals.check_referrals(self, "consulted_on")
