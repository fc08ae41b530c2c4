# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_mediation import appeals, rules


class KLSMediationAppeal(Document):
	def validate(self):
		self.clean_input()
		self.check_appeal()
		self.check_district()
		if self.is_new():
			self.check_rate()

	def after_insert(self):
		self.register_case()

	# ------------------------------------------------------------------ checks
	def clean_input(self):
		"""Whatever a guest typed is stored as plain text: markup is stripped, never rendered."""
		self.check_raw_size()
		self.applicant_name = appeals.clean_text(self.applicant_name)
		self.description = appeals.clean_text(self.description)
		self.phone = appeals.clean_text(self.phone, 40)
		self.email = appeals.clean_text(self.email, 140).lower()

	def check_raw_size(self):
		rules.check_appeal_size(self.description)

	def check_appeal(self):
		rules.check_appeal(
			self.applicant_name, self.phone, self.email, self.description, bool(self.consent), self.category
		)

	def check_district(self):
		if self.district:
			region = frappe.db.get_value("KLS District", self.district, "region")
			core.check_district_region(region, self.region)

	def check_rate(self):
		if frappe.session.user != "Guest":
			return
		self.ip_address = appeals.request_ip()
		self.submitted_at = now_datetime()
		rules.check_appeal_rate(
			appeals.recent_appeals(self.ip_address, self.phone, self.email, appeals.since_an_hour_ago())
		)

	# ------------------------------------------------------------------ the case
	def register_case(self):
		case = frappe.get_doc(
			{
				"doctype": "KLS Mediation Case",
				"received_on": today(),
				"channel": "Online form",
				"category": self.category or "Other",
				"region": self.region,
				"district": self.district,
				"risk": rules.RISK_LOW,
				"narrative": self.description,
				"appeal": self.name,
				"parties": [
					{
						"party_name": self.applicant_name,
						"role": rules.ROLE_APPLICANT,
						"phone": self.phone,
						"email": self.email,
					}
				],
			}
		)
		case.flags.ignore_permissions = True
		case.insert()
		self.db_set({"case": case.name, "reference_number": case.name}, update_modified=False)
		frappe.msgprint(
			_("Your appeal is registered under number {0}. Keep it to check the status.").format(case.name),
			alert=True,
		)
