# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from kelisim_app.kelisim_core import rules
from kelisim_app.kelisim_core.permissions import sync_user_region_permissions


class KLSOffice(Document):
	def autoname(self):
		self.name = rules.office_name_for(self.office_type, self.region)

	def validate(self):
		self.check_territory()
		self.check_unique()

	def check_territory(self):
		rules.check_office_territory(self.office_type, self.region)

	def check_unique(self):
		filters = {"office_type": self.office_type}
		if not self.is_new():
			filters["name"] = ["!=", self.name]
		if self.office_type == rules.OFFICE_KGU:
			filters["region"] = self.region
		rules.check_office_unique(
			self.office_type, self.region, frappe.get_all("KLS Office", filters=filters, pluck="name")
		)

	def on_update(self):
		self.rescope_staff()

	def rescope_staff(self):
		"""Staff of this office get (or lose) the region scope the office implies."""
		for user in frappe.get_all("User", filters={"kelisim_office": self.name}, pluck="name"):
			sync_user_region_permissions(user)
