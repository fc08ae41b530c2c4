# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from contextlib import contextmanager
from unittest.mock import patch

import frappe
from frappe.desk.query_report import run
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, getdate

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_reporting.tests.factories import NARRATIVE, current_quarter, regional_report
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office


@contextmanager
def moved_to(day):
	"""The reporting module's clock moved to `day` (noon): submissions are dated then, compliance judged
	then."""
	at = get_datetime(f"{getdate(day)} 12:00:00")
	with (
		patch(
			"kelisim_app.kelisim_reporting.doctype.kls_regional_report.kls_regional_report.now_datetime",
			return_value=at,
		),
		patch("kelisim_app.kelisim_reporting.dashboard.today", return_value=str(getdate(day))),
		patch(
			"kelisim_app.kelisim_reporting.doctype.kls_national_report.kls_national_report.today",
			return_value=str(getdate(day)),
		),
	):
		yield


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

	def test_late_and_missing_once_time_has_passed_the_due_date(self):
		"""Time moved past the due date: a report submitted after it is late, a region without one missing,
		and the national roll-up shows the late, missing and returned regions."""
		from frappe.utils import add_days

		due = getdate(frappe.db.get_value("KLS Reporting Period", self.period, "due_date"))
		late_spec = make_user("kgu-spec-compliance-47", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-47"))
		late_head = make_user(
			"kgu-head-compliance-47", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-47")
		)
		coordinator = make_user("rgu-compliance-2", [core.ROLE_RGU_COORDINATOR], rgu_office())
		returned_spec = make_user("kgu-spec-compliance-43", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-43"))
		returned_head = make_user(
			"kgu-head-compliance-43", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-43")
		)
		with moved_to(add_days(due, 2)):
			late = regional_report(self.period, "KZ-47", late_spec, **NARRATIVE)
			late.compile()
			frappe.set_user(late_head)
			apply_workflow(frappe.get_doc("KLS Regional Report", late.name), "Submit to RGU")
			back = regional_report(self.period, "KZ-43", returned_spec, **NARRATIVE)
			back.compile()
			frappe.set_user(returned_head)
			apply_workflow(frappe.get_doc("KLS Regional Report", back.name), "Submit to RGU")
			frappe.set_user(coordinator)
			back = frappe.get_doc("KLS Regional Report", back.name)
			back.return_reason = "Add the district figures"
			back.save()
			apply_workflow(back, "Return")
		with moved_to(add_days(due, 3)):
			rows = self.rows(coordinator)
			self.assertEqual(
				[rows[r]["compliance"] for r in ("KZ-39", "KZ-47", "KZ-71")], ["On time", "Late", "Missing"]
			)
			frappe.set_user(coordinator)
			frappe.db.delete("KLS National Report", {"period": self.period})
			national = frappe.get_doc({"doctype": "KLS National Report", "period": self.period}).insert()
			national.compile()
		regions = {r.region: (r.report_status, r.compliance) for r in national.regions}
		self.assertEqual(regions["KZ-47"], ("Submitted", "Late"))
		self.assertEqual(regions["KZ-71"], ("Missing", "Missing"))
		self.assertEqual(regions["KZ-43"][0], "Returned")

	def test_kgu_user_sees_his_region_only(self):
		rows = self.rows(self.specialist)
		self.assertEqual(set(rows), {"KZ-39"})
		self.assertEqual(self.rows(self.specialist, region="KZ-71"), {})
