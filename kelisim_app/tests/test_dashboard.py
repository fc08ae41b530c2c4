# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""The desk's number cards and dashboard charts: each figure, as a KGU user (his region) and an RGU user
(every region), equals what the test's records say and the matching Script Report figure."""

from __future__ import annotations

import frappe
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as chart_data
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, getdate, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_events.media_testing import ensure_languages, make_event
from kelisim_app.kelisim_mediation.testing import make_case
from kelisim_app.kelisim_projects.doctype.kls_project_plan.test_kls_project_plan import plan_values
from kelisim_app.kelisim_registry.tests.factories import make_structure
from kelisim_app.kelisim_reporting.dashboard import reports_overdue
from kelisim_app.kelisim_reporting.tests.factories import quarter
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REGION_A, REGION_B = "KZ-71", "KZ-75"
CARDS = (
	"Active Structures",
	"Events Held This Quarter",
	"Open Mediation Cases",
	"High-Risk Cases",
	"Plans At Risk",
	"Overdue Instructions",
)
CHARTS = (
	"Events per Month",
	"Events by Base Project",
	"Mediation Cases by Outcome",
	"Structures Active vs Inactive",
	"Plans at Risk by Region",
)


def card_value(name: str) -> float:
	card = frappe.get_doc("Number Card", name)
	if card.type == "Custom":
		return frappe.get_attr(card.method)(filters=card.filters_json)["value"]
	return get_result(card.as_dict(), card.filters_json)


def structure(key: str, region: str | None, active: bool, status: str = "Active") -> str:
	name = make_structure(f"Dashboard test {key}", region, founded_on=add_days(today(), -30))
	frappe.db.set_value(
		"KLS Public Structure",
		name,
		{"activity_status": "Active" if active else "Inactive", "status": status},
		update_modified=False,
	)
	return name


def case(region: str, risk: str, state: str, outcome: str | None = None) -> str:
	doc = make_case(region=region, risk=risk, risk_justification="Dashboard test" if risk == "High" else None)
	frappe.db.set_value(
		"KLS Mediation Case", doc.name, {"workflow_state": state, "outcome": outcome}, update_modified=False
	)
	return doc.name


def plan(region: str, project: str, at_risk: bool, docstatus: int = 0) -> str:
	doc = frappe.get_doc(plan_values(region, base_project=project, year=2041)).insert(ignore_permissions=True)
	frappe.db.set_value(
		"KLS Project Plan", doc.name, {"at_risk": int(at_risk), "docstatus": docstatus}, update_modified=False
	)
	return doc.name


def past_period() -> str:
	"""A quarter long past due that no other test uses."""
	return quarter(2003, 2)


def report_summary(report: str, user: str, label: str, filters: dict | None = None) -> int:
	result = run(report, filters=filters or {}, user=user)
	return next(s["value"] for s in result["report_summary"] if s["label"] == label)


class TestDashboard(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.kgu = make_user("dash-kgu-a", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A))
		cls.rgu = make_user("dash-rgu", [core.ROLE_RGU_COORDINATOR], rgu_office())
		cls.users = (cls.kgu, cls.rgu)
		cls.before = cls.values()
		cls.make_records()
		cls.after = cls.values()

	@classmethod
	def values(cls) -> dict[str, dict[str, float]]:
		out = {}
		for user in cls.users:
			frappe.set_user(user)
			out[user] = {name: card_value(name) for name in (*CARDS, "Reports Overdue")}
		frappe.set_user("Administrator")
		return out

	@classmethod
	def make_records(cls) -> None:
		# structures: A has 2 active, 1 inactive, 1 dissolved; B 1 active
		a1 = structure("A1", REGION_A, True)
		structure("A2", REGION_A, True)
		structure("A3", REGION_A, False)
		structure("A4", REGION_A, True, status="Dissolved")
		b1 = structure("B1", REGION_B, True)
		structure("R1", None, True)  # republican: no region
		cls.structures = {REGION_A: 2, REGION_B: 1, None: 1}

		# events this quarter: A held + verified (planned and last year's do not count); B reported
		ensure_languages()
		now = f"{today()} 10:00:00"
		project = frappe.get_all("KLS Base Project", pluck="name", order_by="name")[0]
		for state in ("Held", "Verified", "Planned"):
			name = make_event(a1, now, kazakh=True, title=f"Dashboard {state}", base_project=project)
			frappe.db.set_value("KLS Event", name, "workflow_state", state, update_modified=False)
		make_event(a1, f"{add_months(today(), -12)} 10:00:00", kazakh=True, title="Dashboard last year")
		name = make_event(b1, now, kazakh=False, title="Dashboard B")
		frappe.db.set_value("KLS Event", name, "workflow_state", "Reported", update_modified=False)
		cls.events = {REGION_A: 2, REGION_B: 1}

		# mediation cases: open / high-risk open per region
		case(REGION_A, "High", "Registered")
		case(REGION_A, "Low", "In mediation")
		case(REGION_A, "High", "Closed", "Agreement reached")
		case(REGION_A, "Medium", "No agreement", "No agreement")
		case(REGION_B, "High", "Assigned")
		cls.open_cases = {REGION_A: 2, REGION_B: 1}
		cls.high_risk = {REGION_A: 1, REGION_B: 1}

		# plans at risk: A one (a cancelled one does not count), B one
		projects = frappe.get_all("KLS Base Project", pluck="name", order_by="name")
		plan(REGION_A, projects[0], True)
		plan(REGION_A, projects[1], False)
		plan(REGION_A, projects[2], True, docstatus=2)
		plan(REGION_B, projects[0], True)
		plan(None, projects[3], True)  # republican: no region
		cls.plans_at_risk = {REGION_A: 1, REGION_B: 1, None: 1}

		# a period long past due: B reported (submitted), every other region did not
		period = past_period()
		frappe.db.delete("KLS Regional Report", {"period": period})
		report = frappe.get_doc(
			{"doctype": "KLS Regional Report", "period": period, "region": REGION_B, "language": "ru"}
		).insert(ignore_permissions=True)
		frappe.db.set_value(
			"KLS Regional Report", report.name, "submitted_on", f"{period_end(period)} 12:00:00"
		)
		regions = frappe.db.count("KLS Region")
		cls.overdue = {cls.kgu: 1, cls.rgu: regions - 1}

	def tearDown(self):
		frappe.set_user("Administrator")

	def delta(self, user: str, card: str) -> float:
		return self.after[user][card] - self.before[user][card]

	def expect(self, card: str, per_region: dict[str | None, int]) -> None:
		"""The KGU user counts his region's records and, as Frappe's user permissions are not strict,
		the records without a region (republican structures and plans); the RGU user counts all."""
		self.assertEqual(self.delta(self.kgu, card), per_region[REGION_A] + per_region.get(None, 0), card)
		self.assertEqual(self.delta(self.rgu, card), sum(per_region.values()), card)

	# ----------------------------------------------------------------------------- cards: the records
	def test_active_structures(self):
		self.expect("Active Structures", self.structures)

	def test_events_held_this_quarter(self):
		self.expect("Events Held This Quarter", self.events)

	def test_open_and_high_risk_cases(self):
		self.expect("Open Mediation Cases", self.open_cases)
		self.expect("High-Risk Cases", self.high_risk)

	def test_plans_at_risk(self):
		self.expect("Plans At Risk", self.plans_at_risk)

	def test_reports_overdue(self):
		for user in self.users:
			self.assertEqual(self.delta(user, "Reports Overdue"), self.overdue[user], user)

	def test_kgu_figures_are_within_the_rgu_figures(self):
		for card in (*CARDS, "Reports Overdue"):
			self.assertLessEqual(self.after[self.kgu][card], self.after[self.rgu][card], card)

	# ----------------------------------------------------------------------------- cards: the reports
	def test_cards_equal_the_script_reports(self):
		for user in self.users:
			frappe.set_user(user)
			rows = run("Active Structures", filters={}, user=user)["result"]
			active = sum(r["active"] for r in rows if isinstance(r, dict) and "active" in r)
			at_risk = report_summary("Project Status", user, "At risk")
			if user == self.kgu:
				# the reports count his region only; the cards add what has no region (see `expect`)
				active += frappe.db.count(
					"KLS Public Structure",
					{"region": ["is", "not set"], "status": ["!=", "Dissolved"], "activity_status": "Active"},
				)
				at_risk += frappe.db.count(
					"KLS Project Plan", {"region": ["is", "not set"], "at_risk": 1, "docstatus": ["<", 2]}
				)
			self.assertEqual(card_value("Active Structures"), active, user)
			self.assertEqual(card_value("Plans At Risk"), at_risk, user)
			self.assertEqual(
				card_value("Reports Overdue"), report_summary("Reporting Compliance", user, "Missing"), user
			)

	def test_custom_card_is_read_only_and_needs_read_permission(self):
		frappe.set_user(make_user("dash-secretary", [core.ROLE_STRUCTURE_SECRETARY]))
		self.assertFalse(frappe.has_permission("KLS Regional Report", "read"), "the premise of this test")
		self.assertRaises(frappe.PermissionError, reports_overdue)

	# ----------------------------------------------------------------------------- charts
	def chart(self, name: str, user: str) -> dict:
		frappe.set_user(user)
		return chart_data(chart_name=name, refresh=1) or {"labels": [], "datasets": [{"values": []}]}

	def grouped(self, name: str, user: str) -> dict[str, int]:
		data = self.chart(name, user)
		return dict(zip(data["labels"], data["datasets"][0]["values"], strict=True))

	def test_every_chart_answers_for_both_users(self):
		for name in CHARTS:
			for user in self.users:
				data = self.chart(name, user)
				self.assertTrue(data["labels"], (name, user))

	def test_plans_at_risk_by_region_is_scoped(self):
		kgu = self.grouped("Plans at Risk by Region", self.kgu)
		self.assertEqual(set(kgu) - {None, "Not Specified"}, {REGION_A})
		rgu = self.grouped("Plans at Risk by Region", self.rgu)
		self.assertTrue({REGION_A, REGION_B} <= set(rgu))
		count = frappe.db.count("KLS Project Plan", {"region": REGION_A, "at_risk": 1, "docstatus": ["<", 2]})
		self.assertEqual(kgu[REGION_A], count)
		self.assertEqual(rgu[REGION_A], count)

	def test_structures_active_vs_inactive_is_scoped(self):
		kgu = self.grouped("Structures Active vs Inactive", self.kgu)
		for status in ("Active", "Inactive"):
			# Frappe's (non-strict) user permissions show records without a region too
			count = sum(
				frappe.db.count(
					"KLS Public Structure",
					{"region": region, "status": ["!=", "Dissolved"], "activity_status": status},
				)
				for region in (REGION_A, ["is", "not set"])
			)
			self.assertEqual(kgu.get(status, 0), count, status)
		self.assertEqual(
			sum(self.grouped("Structures Active vs Inactive", self.rgu).values()),
			frappe.db.count("KLS Public Structure", {"status": ["!=", "Dissolved"]}),
		)

	def test_mediation_outcomes_are_scoped(self):
		kgu = self.grouped("Mediation Cases by Outcome", self.kgu)
		for outcome, n in kgu.items():
			self.assertEqual(
				n, frappe.db.count("KLS Mediation Case", {"region": REGION_A, "outcome": outcome})
			)
		self.assertGreaterEqual(kgu.get("Agreement reached", 0), 1)

	def test_grouped_charts_speak_the_readers_language(self):
		"""Through the desk's endpoint (read_guard.dashboard_chart_data) a Group By chart labels its bars in the
		reader's language: regions by name, Select options and translated masters translated."""
		from kelisim_app.kelisim_core.localization import in_language, region_names
		from kelisim_app.overrides.read_guard import dashboard_chart_data

		reader = make_user("dashboard-kk-reader", [core.ROLE_RGU_HEAD], rgu_office(), language="kk")
		for name, translate in (
			("Plans at Risk by Region", None),
			("Mediation Cases by Outcome", "kk"),
			("Structures Active vs Inactive", "kk"),
			("Events by Base Project", "kk"),
		):
			with self.subTest(chart=name):
				raw = self.chart(name, reader)["labels"]
				frappe.set_user(reader)
				frappe.local.lang = "kk"
				try:
					shown = dashboard_chart_data(chart_name=name, refresh=1)["labels"]
					names = region_names(set(raw)) if translate is None else {}
				finally:
					frappe.local.lang = "en"
				expected = [
					names.get(r, r) if translate is None else in_language(lambda r=r: frappe._(r), "kk")
					for r in raw
				]
				self.assertEqual(shown, expected)
				self.assertTrue(raw)
		shown = set(dashboard_chart_data(chart_name="Structures Active vs Inactive", refresh=1)["labels"])
		self.assertTrue(shown & {"Active", "Inactive"}, "in English for an English reader")
		frappe.local.lang = "kk"
		try:
			shown = set(dashboard_chart_data(chart_name="Structures Active vs Inactive", refresh=1)["labels"])
		finally:
			frappe.local.lang = "en"
		self.assertTrue(shown & {"Белсенді", "Белсенді емес"}, shown)
		self.assertFalse(shown & {"Active", "Inactive"}, shown)

	def test_events_per_month_is_scoped(self):
		month_start = getdate(today()).replace(day=1)
		for user, regions in ((self.kgu, [REGION_A]), (self.rgu, [REGION_A, REGION_B])):
			values = self.chart("Events per Month", user)["datasets"][0]["values"]
			count = frappe.db.count(
				"KLS Event",
				{
					"region": ["in", regions] if user == self.kgu else ["is", "set"],
					"workflow_state": ["in", ["Held", "Reported", "Verified"]],
					"event_date": ["between", [month_start, today()]],
				},
			)
			self.assertEqual(values[-1], count, user)
		by_project = self.grouped("Events by Base Project", self.kgu)
		self.assertGreaterEqual(sum(by_project.values()), 2, by_project)
		# events outside the base projects are not a bar of their own ("null")
		self.assertFalse({None, "", "null"} & set(by_project), by_project)


def period_end(period: str) -> str:
	return str(frappe.db.get_value("KLS Reporting Period", period, "end_date"))
