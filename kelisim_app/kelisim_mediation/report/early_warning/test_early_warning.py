# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_mediation.report.early_warning.early_warning import FIGURES, execute, rank
from kelisim_app.kelisim_mediation.testing import make_case
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REPORT = "Early Warning"
CASE_DT = "KLS Mediation Case"
REGION_A, REGION_B = "KZ-11", "KZ-35"
RECENT, PREVIOUS, OLD = add_days(today(), -10), add_months(today(), -4), add_months(today(), -8)

# region, received, risk, state, overdue
FIXTURE = (
	(REGION_A, RECENT, "High", "Registered", 0),
	(REGION_A, RECENT, "High", "Closed", 0),
	(REGION_A, RECENT, "Low", "In mediation", 1),
	(REGION_A, PREVIOUS, "High", "Closed", 0),
	(REGION_A, OLD, "High", "Assigned", 1),
	(REGION_B, RECENT, "High", "Assigned", 0),
	(REGION_B, PREVIOUS, "High", "Withdrawn", 0),
	(REGION_B, PREVIOUS, "High", "Closed", 0),
)
# what the fixture adds to each region's row
ADDED = {
	REGION_A: {
		"high_risk_recent": 2,
		"high_risk_previous": 1,
		"received_recent": 3,
		"unresolved_recent": 2,
		"open_cases": 3,
		"overdue_open": 2,
	},
	REGION_B: {
		"high_risk_recent": 1,
		"high_risk_previous": 2,
		"received_recent": 1,
		"unresolved_recent": 1,
		"open_cases": 1,
		"overdue_open": 0,
	},
}


def by_region(rows: list) -> dict[str, dict]:
	return {r["region"]: r for r in rows if isinstance(r, dict) and r.get("region")}


class TestEarlyWarning(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.kgu = make_user("ew-kgu-a", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A))
		cls.rgu = make_user("ew-rgu", [core.ROLE_RGU_COORDINATOR], rgu_office())
		cls.before = by_region(execute({})[1])
		for region, received, risk, state, overdue in FIXTURE:
			doc = make_case(
				region=region,
				received_on=received,
				risk=risk,
				risk_justification="Early warning test" if risk == "High" else None,
			)
			frappe.db.set_value(
				CASE_DT, doc.name, {"workflow_state": state, "is_overdue": overdue}, update_modified=False
			)
		cls.after = by_region(execute({})[1])

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_the_figures_count_the_records(self):
		for region, added in ADDED.items():
			for figure in FIGURES:
				self.assertEqual(
					self.after[region][figure] - self.before[region][figure], added[figure], (region, figure)
				)
			row = self.after[region]
			self.assertEqual(row["trend"], row["high_risk_recent"] - row["high_risk_previous"])

	def test_kgu_user_sees_his_region_only(self):
		frappe.set_user(self.kgu)
		rows = run(REPORT, filters={}, user=self.kgu)["result"]
		self.assertEqual(set(by_region(rows)), {REGION_A})
		self.assertEqual(by_region(rows)[REGION_A], self.after[REGION_A])
		self.assertEqual(run(REPORT, filters={"region": REGION_B}, user=self.kgu)["result"], [])

	def test_rgu_sees_every_region_ranked(self):
		frappe.set_user(self.rgu)
		rows = [r for r in run(REPORT, filters={}, user=self.rgu)["result"] if isinstance(r, dict)]
		self.assertEqual(len(rows), frappe.db.count("KLS Region"))
		self.assertEqual([r["rank"] for r in rows], list(range(1, len(rows) + 1)))
		self.assertEqual(rows, rank([dict(r) for r in rows]))

	def test_ranking(self):
		def row(region, recent, trend=0, unresolved=0.0, overdue=0.0):
			return {
				"region": region,
				"high_risk_recent": recent,
				"trend": trend,
				"unresolved_share": unresolved,
				"overdue_share": overdue,
			}

		ordered = rank(
			[
				row("R1", 1),
				row("R2", 3),
				row("R3", 1, trend=2),
				row("R4", 1, 2, 50.0),
				row("R5", 0, 0, 0, 10.0),
			]
		)
		self.assertEqual([r["region"] for r in ordered], ["R2", "R4", "R3", "R1", "R5"])
		self.assertEqual([r["rank"] for r in ordered], [1, 2, 3, 4, 5])

	def test_counts_only(self):
		columns = execute({})[0]
		self.assertFalse({c["fieldname"] for c in columns} & {"narrative", "party_name", "mediator", "name"})
