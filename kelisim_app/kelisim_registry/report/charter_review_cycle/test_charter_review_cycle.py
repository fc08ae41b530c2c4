# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_years, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry.tests.factories import make_structure
from kelisim_app.tests.utils import kgu_office, make_user


class TestCharterReviewCycle(FrappeTestCase):
	def test_each_structure_stands_where_its_charter_review_is_and_a_kgu_sees_his_region(self):
		made = {
			"Overdue": make_structure(
				"Crc overdue", "KZ-71", charter_version="1", charter_reviewed_on=add_years(today(), -4)
			),
			"Due soon": make_structure(
				"Crc due",
				"KZ-71",
				charter_version="2",
				charter_reviewed_on=add_days(add_years(today(), -3), 30),
			),
			"Reviewed": make_structure(
				"Crc fresh", "KZ-71", charter_version="3", charter_reviewed_on=add_days(today(), -10)
			),
			"Never reviewed": make_structure("Crc never", "KZ-71", charter_version="1"),
			"No charter": make_structure("Crc none", "KZ-71"),
		}
		elsewhere = make_structure("Crc elsewhere", "KZ-75", charter_version="1")
		user = make_user("crc-kgu", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		frappe.set_user(user)
		try:
			result = run("Charter Review Cycle", filters={})
			overdue = run("Charter Review Cycle", filters={"state": "Overdue"})
		finally:
			frappe.set_user("Administrator")
		states = {r["structure"]: r["state"] for r in result["result"]}
		for state, name in made.items():
			self.assertEqual(states[name], state)
		self.assertNotIn(elsewhere, states)
		self.assertIn(made["Overdue"], {r["structure"] for r in overdue["result"]})
		self.assertNotIn(made["Reviewed"], {r["structure"] for r in overdue["result"]})
		summary = {s["label"]: s["value"] for s in result["report_summary"]}
		self.assertGreaterEqual(summary["Overdue"], 1)
