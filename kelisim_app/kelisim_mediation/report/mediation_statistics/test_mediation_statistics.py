# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.kelisim_mediation.report.mediation_statistics.mediation_statistics import execute
from kelisim_app.kelisim_mediation.testing import REGION_A, REGION_B, make_case, make_mediator, users

CASE = "KLS Mediation Case"


def by_region(rows):
	out = {}
	for row in rows:
		agg = out.setdefault(row["region"], {})
		for key, value in row.items():
			if isinstance(value, int) and not isinstance(value, bool):
				agg[key] = agg.get(key, 0) + value
	return out


class TestMediationStatistics(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.u = users()
		mediator = make_mediator("Stat", REGION_A, cls.u.mediator_1)
		received = add_days(today(), -10)
		closed = make_case(mediator=mediator, received_on=received, narrative="Secret narrative")
		for state in ("In mediation", "No agreement", "Closed"):
			closed.workflow_state = state
			closed.save()
		make_case(received_on=received, category="Land", risk="High", risk_justification="Tension")
		overdue = make_case(received_on=received)
		frappe.db.set_value(CASE, overdue.name, "is_overdue", 1)
		make_case(region=REGION_B, received_on=received, category="Labour")
		cls.filters = {"from_date": received, "to_date": today()}

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_as(self, user):
		frappe.set_user(user)
		columns, rows, _message, _chart, summary = execute(self.filters)
		frappe.set_user("Administrator")
		return columns, rows, summary

	def test_counts_per_region_and_month(self):
		_columns, rows, summary = self.run_as(self.u.rgu)
		regions = by_region(rows)
		a = regions[REGION_A]
		self.assertGreaterEqual(a["received"], 3)
		self.assertGreaterEqual(a["resolved"], 1)
		self.assertGreaterEqual(a["no_agreement"], 1)
		self.assertGreaterEqual(a["high_risk"], 1)
		self.assertGreaterEqual(a["overdue"], 1)
		self.assertGreaterEqual(a["cat_land"], 1)
		self.assertIn(REGION_B, regions)
		row_a = next(r for r in rows if r["region"] == REGION_A and r["closed"])
		self.assertEqual(row_a["median_days"], 10.0)
		self.assertGreater(row_a["resolution_rate"], 0)
		self.assertTrue(any(s["label"] == "Resolution rate, %" for s in summary))

	def test_never_names_only_counts(self):
		columns, rows, _summary = self.run_as(self.u.observer)
		self.assertIn(REGION_A, by_region(rows))  # the observer sees counts of every region
		fieldnames = {c["fieldname"] for c in columns}
		self.assertFalse(fieldnames & {"narrative", "parties", "party_name", "agreement_terms", "name"})
		self.assertNotIn("Secret narrative", frappe.as_json(rows))
		self.assertNotIn("Aigerim", frappe.as_json(rows))

	def test_scoped_per_user(self):
		_columns, rows, _summary = self.run_as(self.u.kgu_head_a)
		self.assertEqual(set(by_region(rows)), {REGION_A})
		_columns, rows, _summary = self.run_as(self.u.kgu_head_b)
		self.assertEqual(set(by_region(rows)), {REGION_B})
		_columns, rows, _summary = self.run_as(self.u.rgu)
		self.assertTrue({REGION_A, REGION_B} <= set(by_region(rows)))
