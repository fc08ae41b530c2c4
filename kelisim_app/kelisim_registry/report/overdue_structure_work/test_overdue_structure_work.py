# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe.desk.query_report import run

from kelisim_app.kelisim_registry.doctype.kls_structure_plan.test_kls_structure_plan import (
	REGION_B,
	WorkTestCase,
	activity,
)
from kelisim_app.kelisim_registry.tests.factories import make_structure

REPORT = "Overdue Structure Work"
YEAR = 2024


class TestOverdueStructureWork(WorkTestCase):
	def rows(self, user: str, **filters) -> dict:
		frappe.set_user(user)
		try:
			result = run(REPORT, filters={"year": YEAR, **filters})
		finally:
			frappe.set_user("Administrator")
		return {
			(r["structure"], r["item"]): r for r in result["result"] if isinstance(r, dict) and r.get("item")
		}

	def test_the_kgu_lists_what_his_regions_structures_have_not_handed_in(self):
		plan = frappe.get_doc(
			{
				"doctype": "KLS Structure Plan",
				"structure": self.structure,
				"year": YEAR,
				"activities": [activity(YEAR)],
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("KLS Structure Plan", plan.name, "workflow_state", "Submitted")
		frappe.get_doc(
			{"doctype": "KLS Structure Report", "structure": self.structure, "year": YEAR, "quarter": "1"}
		).insert(ignore_permissions=True)
		elsewhere = make_structure("Swk Council elsewhere", REGION_B)

		rows = self.rows(self.kgu_a)
		self.assertNotIn((self.structure, "Work plan"), rows, "a submitted plan is not overdue")
		q1 = rows[(self.structure, "Report Q1")]
		self.assertEqual((q1["state"], q1["doctype"]), ("Draft", "KLS Structure Report"))
		self.assertGreater(q1["days_overdue"], 0)
		self.assertEqual(rows[(self.structure, "Report Q4")]["state"], "Missing")
		self.assertIn((self.other, "Work plan"), rows)
		self.assertFalse(any(structure == elsewhere for structure, _item in rows))

		rgu_rows = self.rows(self.rgu, region=REGION_B)
		self.assertIn((elsewhere, "Work plan"), rgu_rows)
		self.assertEqual(
			self.rows(self.secretary).keys() - {k for k in rows if k[0] == self.structure}, set()
		)
