# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from kelisim_app.kelisim_mediation.report.mediation_statistics.mediation_statistics import execute
from kelisim_app.kelisim_mediation.testing import REGION_A, REGION_B, make_case, make_mediator, users

CASE = "KLS Mediation Case"
REPORT = "Mediation Statistics"
# region A on the test's day: a closed case without agreement, a high-risk land case, an overdue open case
EXPECTED_A = {
	"received": 3,
	"resolved": 1,
	"resolution_rate": 33.3,
	"agreement": 0,
	"no_agreement": 1,
	"referred": 0,
	"withdrawn": 0,
	"closed": 1,
	"overdue": 1,
	"high_risk": 1,
	"cat_household": 2,
	"cat_land": 1,
	"cat_labour": 0,
}


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
		# a day no other test receives cases on: the counts below are exact
		received = add_days(today(), -417)
		cls.days = (getdate(today()) - getdate(received)).days
		closed = make_case(mediator=mediator, received_on=received, narrative="Secret narrative")
		for state in ("In mediation", "No agreement", "Closed"):
			closed.workflow_state = state
			closed.save()
		make_case(received_on=received, category="Land", risk="High", risk_justification="Tension")
		overdue = make_case(received_on=received)
		frappe.db.set_value(CASE, overdue.name, "is_overdue", 1)
		make_case(region=REGION_B, received_on=received, category="Labour")
		cls.month = getdate(received).strftime("%Y-%m")
		cls.filters = {"from_date": received, "to_date": received}

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_as(self, user, **filters):
		frappe.set_user(user)
		columns, rows, _message, _chart, summary = execute({**self.filters, **filters})
		desk = run(REPORT, filters={**self.filters, **filters}, user=user)
		self.assertEqual(desk["result"], rows)  # the report's own total row, none added by the desk
		frappe.set_user("Administrator")
		if rows:
			self.total = rows.pop()
			self.assertEqual(self.total["month"], "Total")
		return columns, rows, {s["label"]: s["value"] for s in summary}

	def test_counts_per_region_and_month(self):
		_columns, rows, summary = self.run_as(self.u.rgu)
		self.assertEqual(
			[(r["region"], r["month"]) for r in rows], [(REGION_A, self.month), (REGION_B, self.month)]
		)
		a, b = rows
		self.assertEqual(
			{k: a[k] for k in (*EXPECTED_A, "median_days")},
			{**EXPECTED_A, "median_days": float(self.days)},
		)
		self.assertEqual(
			(b["received"], b["cat_labour"], b["resolved"], b["resolution_rate"]), (1, 1, 0, 0.0)
		)
		self.assertEqual(
			summary,
			{"Received": 4, "Resolved": 1, "Resolution rate, %": 25.0, "Overdue": 1, "High risk": 1},
		)
		# the total row: the rate of the totals (not the mean of the rows' rates), the median of every case
		self.assertEqual(
			{
				k: self.total[k]
				for k in ("received", "resolved", "resolution_rate", "median_days", "cat_labour")
			},
			{
				"received": 4,
				"resolved": 1,
				"resolution_rate": 25.0,
				"median_days": float(self.days),
				"cat_labour": 1,
			},
		)
		_columns, rows, _summary = self.run_as(self.u.rgu, category="Land")
		self.assertEqual([(r["region"], r["received"], r["high_risk"]) for r in rows], [(REGION_A, 1, 1)])

	def test_never_names_only_counts(self):
		columns, rows, _summary = self.run_as(self.u.observer)
		self.assertIn(REGION_A, by_region(rows))  # the observer sees counts of every region
		fieldnames = {c["fieldname"] for c in columns}
		self.assertFalse(fieldnames & {"narrative", "parties", "party_name", "agreement_terms", "name"})
		self.assertNotIn("Secret narrative", frappe.as_json(rows))
		self.assertNotIn("Aigerim", frappe.as_json(rows))

	def test_scoped_per_user(self):
		_columns, rows, summary = self.run_as(self.u.kgu_head_a)
		self.assertEqual(set(by_region(rows)), {REGION_A})
		self.assertEqual(summary["Received"], 3)
		_columns, rows, _summary = self.run_as(self.u.kgu_spec_a, region=REGION_B)
		self.assertEqual(rows, [], "a KGU user asking for another region gets nothing")
		_columns, rows, summary = self.run_as(self.u.kgu_head_b)
		self.assertEqual(set(by_region(rows)), {REGION_B})
		self.assertEqual(summary["Received"], 1)
		_columns, rows, summary = self.run_as(self.u.observer)
		self.assertEqual(set(by_region(rows)), {REGION_A, REGION_B})
		self.assertEqual(summary["Received"], 4)
		frappe.set_user(self.u.mediator_1)
		self.assertRaises(frappe.PermissionError, run, REPORT, filters=self.filters, user=self.u.mediator_1)


class TestTotalRowPatch(FrappeTestCase):
	def test_existing_sites_drop_the_desks_total_row(self):
		from kelisim_app.patches import mediation_statistics_own_total_row as patch

		frappe.db.set_value("Report", REPORT, "add_total_row", 1)
		patch.execute()
		self.assertEqual(frappe.db.get_value("Report", REPORT, "add_total_row"), 0)
		self.assertIn(
			patch.__name__, frappe.get_file_items(frappe.get_app_path("kelisim_app", "patches.txt"))
		)
