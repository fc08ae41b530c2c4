# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_projects.doctype.kls_project_plan.test_kls_project_plan import YEAR, plan_values
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office


class TestProjectStatus(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		frappe.db.delete("KLS Project Plan", {"year": YEAR, "region": ["in", ["KZ-43", "KZ-47"]]})
		cls.kz43 = frappe.get_doc(
			plan_values(
				"KZ-43",
				kpis=[
					{"indicator": "A", "unit": "u", "baseline": 0, "target": 10, "actual": 5},
					{"indicator": "B", "unit": "u", "baseline": 0, "target": 10, "actual": 10},
				],
				budget=[{"budget_line": "All", "planned_amount": 1000, "actual_amount": 250}],
				risks=[{"risk": "Storm", "probability": 5, "impact": 5}],
			)
		).insert()
		cls.kz47 = frappe.get_doc(plan_values("KZ-47")).insert()

	def tearDown(self):
		frappe.set_user("Administrator")

	def rows(self, user, **filters):
		frappe.set_user(user)
		result = run("Project Status", filters={"year": YEAR, **filters}, user=user)
		return {r["plan"]: r for r in result["result"] if isinstance(r, dict) and r.get("plan")}

	def test_rgu_sees_every_region_with_the_figures_of_the_plans(self):
		rows = self.rows(make_user("rgu-project-status", [core.ROLE_RGU_COORDINATOR], rgu_office()))
		self.assertTrue({self.kz43.name, self.kz47.name} <= set(rows))
		row = rows[self.kz43.name]
		self.assertEqual(row["kpi_attainment"], 75.0)
		self.assertEqual(row["budget_execution"], 25.0)
		self.assertEqual(row["high_risks"], 1)
		self.assertEqual(row["at_risk"], 1)
		self.assertIn("Storm", row["reasons"])

	def test_kgu_user_sees_his_region_only(self):
		user = make_user("kgu-project-status-43", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-43"))
		rows = self.rows(user)
		self.assertIn(self.kz43.name, rows)
		self.assertTrue(all(r["region"] == "KZ-43" for r in rows.values()))
		self.assertEqual(self.rows(user, region="KZ-47"), {})
