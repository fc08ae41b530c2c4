# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""The analytics of issue 10 beyond the cards: the Region Heat Table, the custom chart sources (reports on
time vs late, budget execution by region, Kazakh share over time) and the Executive Summary print format.
Each figure is checked, as a KGU user (his region) and an RGU user (every region), against the records the
test made, counted by another path (frappe.db.count, the list a cell drills down to, the Script Report,
the national report's totals)."""

from __future__ import annotations

import json

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, get_first_day, get_last_day, getdate, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_events.dashboard_chart_source.kelisim_kazakh_share_over_time import (
	kelisim_kazakh_share_over_time as kazakh_chart,
)
from kelisim_app.kelisim_events.media_testing import ensure_languages, make_event
from kelisim_app.kelisim_mediation.testing import make_case
from kelisim_app.kelisim_projects.dashboard_chart_source.kelisim_budget_execution_by_region import (
	kelisim_budget_execution_by_region as budget_chart,
)
from kelisim_app.kelisim_projects.doctype.kls_project_plan.test_kls_project_plan import plan_values
from kelisim_app.kelisim_registry.tests.factories import make_structure
from kelisim_app.kelisim_reporting import rules
from kelisim_app.kelisim_reporting.dashboard_chart_source.kelisim_reports_on_time_vs_late import (
	kelisim_reports_on_time_vs_late as compliance_chart,
)
from kelisim_app.kelisim_reporting.executive import bars
from kelisim_app.kelisim_reporting.tests.factories import quarter, regional_report
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REGION_A, REGION_B = "KZ-71", "KZ-75"
HEAT = "Region Heat Table"
CASE = "KLS Mediation Case"


def month_range(months_back: int = 0) -> tuple:
	first = get_first_day(add_months(getdate(today()), -months_back))
	return first, get_last_day(first)


def month_column(first) -> str:
	return f"m_{first.year:04d}_{first.month:02d}"


class AnalyticsTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.kgu = make_user("analytics-kgu-a", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A))
		cls.rgu = make_user("analytics-rgu", [core.ROLE_RGU_COORDINATOR], rgu_office())

	def tearDown(self):
		frappe.set_user("Administrator")

	def as_user(self, user: str):
		frappe.set_user(user)
		return user


class TestRegionHeatTable(AnalyticsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		this_month, last_month = month_range(0)[0], month_range(1)[0]
		for region, risk, received in (
			(REGION_A, "High", this_month),
			(REGION_A, "High", this_month),
			(REGION_A, "High", last_month),
			(REGION_A, "Low", this_month),
			(REGION_B, "High", this_month),
		):
			make_case(
				region=region,
				risk=risk,
				received_on=received,
				risk_justification="Heat table test" if risk == "High" else None,
			)

	def heat(self, user: str, **filters) -> list[dict]:
		self.as_user(user)
		return run(HEAT, filters=filters, user=user)["result"]

	def count(self, region: str, months_back: int, **conditions) -> int:
		first, last = month_range(months_back)
		return frappe.db.count(
			CASE, {"region": region, "received_on": ["between", [first, last]], **conditions}
		)

	def test_kgu_sees_his_region_with_the_counts_of_the_records(self):
		rows = self.heat(self.kgu, indicator="High-risk cases")
		self.assertEqual([r["region"] for r in rows], [REGION_A])
		row = rows[0]
		for back in (0, 1):
			column = month_column(month_range(back)[0])
			self.assertEqual(row[column], self.count(REGION_A, back, risk="High"), column)
		self.assertGreaterEqual(row[month_column(month_range(0)[0])], 2)
		self.assertEqual(row["total"], sum(v for k, v in row.items() if k.startswith("m_")))
		self.assertEqual(self.heat(self.kgu, indicator="High-risk cases", region=REGION_B), [])

	def test_rgu_sees_every_region_ranked(self):
		rows = self.heat(self.rgu, indicator="Mediation cases")
		self.assertEqual(len(rows), frappe.db.count("KLS Region"))
		self.assertEqual([r["rank"] for r in rows], list(range(1, len(rows) + 1)))
		totals = [r["total"] for r in rows]
		self.assertEqual(totals, sorted(totals, reverse=True))
		by_region = {r["region"]: r for r in rows}
		column = month_column(month_range(0)[0])
		for region in (REGION_A, REGION_B):
			self.assertEqual(by_region[region][column], self.count(region, 0), region)

	def test_per_100k_divides_by_the_population(self):
		row = self.heat(self.rgu, indicator="High-risk cases", per_100k=1, region=REGION_A)[0]
		population = frappe.db.get_value("KLS Region", REGION_A, "population")
		column = month_column(month_range(0)[0])
		self.assertEqual(row[column], round(self.count(REGION_A, 0, risk="High") * 100000 / population, 2))

	def test_a_cell_drills_down_to_the_list_of_its_records(self):
		row = self.heat(self.kgu, indicator="High-risk cases")[0]
		self.assertTrue(row["_drill"].startswith("/app/kls-mediation-case?"))
		self.assertIn("region=KZ-71", row["_drill"])
		self.assertIn("risk=High", row["_drill"])
		first, last = month_range(0)
		listed = frappe.get_list(
			CASE, filters={"region": REGION_A, "risk": "High", row["_date_field"]: ["between", [first, last]]}
		)
		self.assertEqual(len(listed), row[month_column(first)])

	def test_events_and_publications_answer(self):
		for indicator in ("Events held", "Publications"):
			rows = self.heat(self.rgu, indicator=indicator)
			self.assertEqual(len(rows), frappe.db.count("KLS Region"), indicator)

	def test_unknown_indicator_is_refused(self):
		self.assertRaises(frappe.ValidationError, self.heat, self.rgu, indicator="Weather")


class TestChartSources(AnalyticsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# reporting compliance: a long-past quarter, A late, B on time, every other region missing
		cls.period = quarter(2004, 1)
		frappe.db.delete("KLS Regional Report", {"period": cls.period})
		due = frappe.db.get_value("KLS Reporting Period", cls.period, "due_date")
		for region, submitted in ((REGION_A, add_months(due, 1)), (REGION_B, due)):
			report = regional_report(cls.period, region)
			frappe.db.set_value("KLS Regional Report", report.name, "submitted_on", f"{submitted} 12:00:00")
		frappe.set_user("Administrator")
		# budgets of 2042: A two plans, B one
		projects = frappe.get_all("KLS Base Project", pluck="name", order_by="name")
		for region, project, planned, actual in (
			(REGION_A, projects[0], 1_000_000, 400_000),
			(REGION_A, projects[1], 500_000, 500_000),
			(REGION_B, projects[0], 2_000_000, 100_000),
		):
			plan = frappe.get_doc(plan_values(region, base_project=project, year=2042)).insert(
				ignore_permissions=True
			)
			frappe.db.set_value(
				"KLS Project Plan", plan.name, {"planned_total": planned, "actual_total": actual}
			)
		# Kazakh share: verified events in A this month, in Kazakh and not
		ensure_languages()
		structure = make_structure("Analytics council A", REGION_A)
		for kazakh in (True, True, False):
			make_event(structure, f"{today()} 10:00:00", kazakh=kazakh, title=f"Analytics {kazakh}")

	def test_reports_on_time_vs_late_equals_the_compliance_report(self):
		title = frappe.db.get_value("KLS Reporting Period", self.period, "title")
		for user, expected in (
			(self.kgu, {"On time": 0, "Late": 1, "Missing": 0}),
			(self.rgu, {"On time": 1, "Late": 1, "Missing": frappe.db.count("KLS Region") - 2}),
		):
			self.as_user(user)
			chart = compliance_chart.get(filters=json.dumps({"periods": 10000}))
			index = chart["labels"].index(title)
			got = {d["name"]: d["values"][index] for d in chart["datasets"]}
			self.assertEqual(got, expected, user)
			summary = run("Reporting Compliance", filters={"period": self.period}, user=user)[
				"report_summary"
			]
			self.assertEqual({s["label"]: s["value"] for s in summary}, expected, user)

	def test_budget_by_region_is_scoped_and_sums_the_plans(self):
		def sums(region):
			rows = frappe.get_all(
				"KLS Project Plan",
				filters={"region": region, "year": 2042, "docstatus": ["<", 2]},
				fields=["planned_total", "actual_total"],
			)
			return sum(r.planned_total for r in rows), sum(r.actual_total for r in rows)

		names = dict(frappe.get_all("KLS Region", fields=["name", "region_name"], as_list=True))
		self.as_user(self.kgu)
		chart = budget_chart.get(filters=json.dumps({"year": 2042}))
		self.assertEqual(chart["labels"], [names[REGION_A]])
		self.assertEqual([d["values"][0] for d in chart["datasets"]], list(sums(REGION_A)))
		self.as_user(self.rgu)
		chart = budget_chart.get(filters=json.dumps({"year": 2042}))
		index = chart["labels"].index(names[REGION_B])
		self.assertEqual([d["values"][index] for d in chart["datasets"]], list(sums(REGION_B)))
		self.assertEqual(sums(REGION_A), (1_500_000, 900_000))

	def test_kazakh_share_over_time_matches_the_records(self):
		self.as_user(self.kgu)
		chart = kazakh_chart.get()
		first, last = month_range(0)
		self.assertEqual(chart["labels"][-1], f"{first.year:04d}-{first.month:02d}")
		this_month = {
			"region": REGION_A,
			"workflow_state": "Verified",
			"event_date": ["between", [first, last]],
		}
		events = frappe.db.count("KLS Event", this_month)
		kazakh = frappe.db.count("KLS Event", {**this_month, "uses_kazakh": 1})
		self.assertEqual(chart["datasets"][0]["values"][-1], round(100 * kazakh / events, 1))

	def test_sources_need_read_permission(self):
		self.as_user(make_user("analytics-nobody", []))
		for source in (compliance_chart, budget_chart, kazakh_chart):
			self.assertRaises(frappe.PermissionError, source.get)


# region: (events held, participants, high-risk cases, Kazakh share) of its signed-off regional report
EXECUTIVE_FIGURES = {REGION_A: (10, 250, 3, 40.0), REGION_B: (4, 90, 1, 80.0)}


class TestExecutiveSummary(AnalyticsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.period = quarter(2004, 2)
		frappe.db.delete("KLS National Report", {"period": cls.period})
		frappe.db.delete("KLS Regional Report", {"period": cls.period})
		for region, (events, participants, high_risk, share) in EXECUTIVE_FIGURES.items():
			report = regional_report(cls.period, region)
			figures = {
				"events_held": events,
				"participants": participants,
				"cases_high_risk": high_risk,
				"kazakh_share": share,
			}
			frappe.db.set_value(
				"KLS Regional Report",
				report.name,
				{
					**figures,
					"docstatus": 1,
					"workflow_state": "Signed off",
					"snapshot": rules.snapshot(figures),
				},
			)
		frappe.set_user("Administrator")
		cls.national = frappe.get_doc(
			{"doctype": "KLS National Report", "period": cls.period, "language": "kk"}
		).insert()
		cls.national.compile()

	def test_bars_add_up_to_the_national_totals(self):
		from kelisim_app.kelisim_reporting.executive import kelisim_executive_summary

		figures = kelisim_executive_summary(self.national)
		self.assertEqual(sum(b["value"] for b in figures["events_held"]), self.national.events_held)
		self.assertEqual(sum(b["value"] for b in figures["participants"]), self.national.participants)
		self.assertEqual([b["width"] for b in figures["events_held"]], [100.0, 40.0])

	def test_prints_in_kazakh_and_russian(self):
		names = frappe.db.get_value(
			"KLS Region", REGION_A, ["region_name_kk", "region_name_ru"], as_dict=True
		)
		html = frappe.get_print("KLS National Report", self.national.name, "Executive Summary")
		self.assertIn("Басшылыққа арналған қысқаша шолу", html)
		self.assertIn(names.region_name_kk, html)
		self.assertIn("width:100.0%", html)
		self.national.db_set("language", "ru")
		html = frappe.get_print("KLS National Report", self.national.name, "Executive Summary")
		self.assertIn("Краткая справка для руководства", html)
		self.assertIn(names.region_name_ru, html)
		pdf = frappe.get_print("KLS National Report", self.national.name, "Executive Summary", as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))

	def test_bars_of_nothing(self):
		self.assertEqual(bars([], "events_held"), [])
		rows = [{"label": "x", "events_held": 0}]
		self.assertEqual(bars(rows, "events_held"), [{"label": "x", "value": 0, "width": 0}])
