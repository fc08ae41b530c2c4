# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_reporting.rules import ReportApprovalError
from kelisim_app.kelisim_reporting.tests.factories import current_quarter
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office


class TestKLSNationalReport(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.period = current_quarter()
		frappe.db.delete("KLS National Report", {"period": self.period})
		frappe.db.delete("KLS Regional Report", {"period": self.period})

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_one_per_period_and_only_the_rgu_prepares_it(self):
		frappe.set_user(
			make_user("kgu-national", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-27"))
		)
		self.assertRaises(
			frappe.PermissionError,
			frappe.get_doc({"doctype": "KLS National Report", "period": self.period}).insert,
		)
		frappe.set_user(make_user("rgu-national", [core.ROLE_RGU_COORDINATOR], rgu_office()))
		national = frappe.get_doc({"doctype": "KLS National Report", "period": self.period}).insert()
		national.compile()
		self.assertEqual(
			(national.regions_signed_off, national.regions_missing, national.events_verified), (0, 20, 0)
		)
		self.assertRaises(
			(frappe.DuplicateEntryError, frappe.UniqueValidationError),
			frappe.get_doc({"doctype": "KLS National Report", "period": self.period}).insert,
		)

	def test_the_coordinator_does_not_sign_off(self):
		frappe.set_user(make_user("rgu-national-2", [core.ROLE_RGU_COORDINATOR], rgu_office()))
		national = frappe.get_doc({"doctype": "KLS National Report", "period": self.period}).insert()
		national.compile()
		national.workflow_state = "Signed off"
		self.assertRaises(
			(ReportApprovalError, frappe.PermissionError, frappe.ValidationError), national.submit
		)

	def test_print_format_in_kazakh_and_russian(self):
		frappe.set_user(make_user("rgu-national-3", [core.ROLE_RGU_COORDINATOR], rgu_office()))
		national = frappe.get_doc({"doctype": "KLS National Report", "period": self.period}).insert()
		national.compile()
		for language, heading in (("kk", "Ұлттық есеп"), ("ru", "Национальный отчёт")):
			frappe.db.set_value("KLS National Report", national.name, "language", language)
			html = frappe.get_print("KLS National Report", national.name, "National Report")
			self.assertIn(heading, html)
			self.assertNotIn("Registered structures", html)
