# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.desk.query_report import run
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_reporting.tests.factories import NARRATIVE, current_quarter, regional_report
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office


class TestReportingCompliance(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.period = current_quarter()
		frappe.db.delete("KLS Regional Report", {"period": self.period})
		self.specialist = make_user("kgu-spec-compliance-39", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-39"))
		self.head = make_user(
			"kgu-head-compliance-39", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-39")
		)
		report = regional_report(self.period, "KZ-39", self.specialist, **NARRATIVE)
		report.compile()
		frappe.set_user(self.head)
		apply_workflow(frappe.get_doc("KLS Regional Report", report.name), "Submit to RGU")

	def tearDown(self):
		frappe.set_user("Administrator")

	def rows(self, user, **filters):
		frappe.set_user(user)
		result = run("Reporting Compliance", filters={"period": self.period, **filters}, user=user)
		return {r["region"]: r for r in result["result"] if isinstance(r, dict) and r.get("region")}

	def test_rgu_sees_every_region_and_who_has_reported(self):
		rows = self.rows(make_user("rgu-compliance", [core.ROLE_RGU_COORDINATOR], rgu_office()))
		self.assertEqual(len(rows), 20)
		self.assertEqual(rows["KZ-39"]["compliance"], "On time")
		self.assertEqual(rows["KZ-71"]["compliance"], "Pending")
		self.assertTrue(rows["KZ-39"]["regional_report"])

	def test_kgu_user_sees_his_region_only(self):
		rows = self.rows(self.specialist)
		self.assertEqual(set(rows), {"KZ-39"})
		self.assertEqual(self.rows(self.specialist, region="KZ-71"), {})
