"""What the benchmark measures: the users' main actions, each beside its SQL floor and a naive loop."""

from __future__ import annotations

import json
from datetime import date

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_months, get_first_day, get_last_day, getdate, today

from kelisim_app.benchmark import Case, Timing
from kelisim_app.demo import users

REGION = "KZ-75"  # the largest region (Almaty): the heaviest KGU
KGU_USER = users.kgu_specialist(REGION)
KGU_HEAD = users.kgu_head(REGION)
RGU_USER = users.RGU_COORDINATOR


def below(limit_ms: float, key: str = "median"):
	return lambda app, floor: getattr(app, key) <= limit_ms


def volumes() -> dict[str, int]:
	return {
		"structures": frappe.db.count("KLS Public Structure"),
		"memberships": frappe.db.count("KLS Membership"),
		"people": frappe.db.count("KLS Person"),
		"events": frappe.db.count("KLS Event"),
		"mediation cases": frappe.db.count("KLS Mediation Case"),
		"publications": frappe.db.count("KLS Media Publication"),
		"regional reports": frappe.db.count("KLS Regional Report"),
	}


def last_month() -> tuple[date, date]:
	start = get_first_day(add_months(getdate(today()), -1))
	return start, get_last_day(start)


# ---------------------------------------------------------------------------------------------- events list
def event_list_case() -> Case:
	start, end = last_month()
	filters = {"region": REGION, "event_date": ["between", [start, end]]}
	fields = ["name", "title", "event_date", "workflow_state", "organiser_name", "participants_total"]

	def app():
		# what the list view asks: a page of rows and the count (frappe.desk.reportview.get + get_count)
		frappe.get_list("KLS Event", filters=filters, fields=fields, order_by="event_date desc", limit=20)
		frappe.get_list("KLS Event", filters=filters, fields=["count(*) as count"], limit=1)

	def floor():
		frappe.db.sql(
			"""select name, title, event_date, workflow_state, organiser_name, participants_total
			from `tabKLS Event` where region=%s and event_date between %s and %s
			order by event_date desc limit 20""",
			(REGION, start, end),
		)
		frappe.db.sql(
			"select count(*) from `tabKLS Event` where region=%s and event_date between %s and %s",
			(REGION, start, end),
		)

	def naive():
		rows = []
		for name in frappe.get_all("KLS Event", filters={"region": REGION}, pluck="name"):
			doc = frappe.get_doc("KLS Event", name)
			if start <= getdate(doc.event_date) <= end and doc.has_permission("read"):
				rows.append(doc)

	return Case(
		"KGU list of events, region and month",
		KGU_USER,
		app,
		floor,
		naive,
		"p95 ≤ 150 ms",
		below(150, "p95"),
		naive_runs=2,
	)


# ---------------------------------------------------------------------------------------------- event form
def event_form_case() -> Case:
	from frappe.desk.form.load import getdoc

	name = frappe.get_all(
		"KLS Event",
		filters={"region": REGION, "workflow_state": "Verified"},
		order_by="event_date desc",
		limit=1,
		pluck="name",
	)[0]

	def floor():
		frappe.db.sql("select * from `tabKLS Event` where name=%s", name)
		for child in (
			"KLS Event Language",
			"KLS Event Organiser",
			"KLS Event Speaker",
			"KLS Event Participant",
		):
			frappe.db.sql(f"select * from `tab{child}` where parent=%s", name)  # nosemgrep: fixed names

	return Case(
		"Open an event form (getdoc)",
		KGU_USER,
		lambda: getdoc("KLS Event", name),
		floor,
		None,
		"",
		note="naive: n/a (one document)",
	)


# ---------------------------------------------------------------------------------------------- workflow
def transition_case() -> Case:
	name = frappe.get_all(
		"KLS Regional Report", filters={"workflow_state": "Submitted"}, order_by="name", limit=1, pluck="name"
	)
	name = name[0] if name else None

	def app():
		apply_workflow(frappe.get_doc("KLS Regional Report", name), "Pass for sign-off")

	def floor():
		frappe.db.sql("update `tabKLS Regional Report` set workflow_state='Reviewed' where name=%s", name)

	return Case(
		"Workflow transition of a regional report (rolled back)",
		RGU_USER,
		app,
		floor,
		None,
		"≤ 150 ms",
		below(150),
		note="naive: n/a",
	)


# ---------------------------------------------------------------------------------------------- compile
FLOOR_FIGURES = """
select
 (select count(*) from `tabKLS Public Structure` where region=%(r)s and status!='Dissolved'),
 (select count(*) from `tabKLS Public Structure` where region=%(r)s and status!='Dissolved'
	and activity_status='Active'),
 (select sum(member_count) from `tabKLS Public Structure` where region=%(r)s and status!='Dissolved'),
 (select count(*) from `tabKLS Event` where region=%(r)s and event_date between %(s)s and %(e)s
	and workflow_state in ('Held','Reported','Verified')),
 (select sum(participants_total) from `tabKLS Event` where region=%(r)s
	and event_date between %(s)s and %(e)s and workflow_state='Verified'),
 (select count(*) from `tabKLS Media Publication` where region=%(r)s and published_on between %(s)s and %(e)s),
 (select count(*) from `tabKLS Mediation Case` where region=%(r)s and received_on between %(s)s and %(e)s),
 (select count(*) from `tabKLS Instruction Execution` where region=%(r)s and deadline between %(s)s and %(e)s)
"""


def report_period() -> tuple[str, date, date]:
	period = frappe.get_all(
		"KLS Reporting Period",
		filters={"period_type": "Quarter", "end_date": ["<", today()]},
		fields=["name", "start_date", "end_date"],
		order_by="end_date desc",
		limit=1,
	)[0]
	return period.name, getdate(period.start_date), getdate(period.end_date)


def compile_case() -> Case:
	period, start, end = report_period()
	name = frappe.db.get_value(
		"KLS Regional Report",
		{"period": period, "workflow_state": ["in", ["Draft", "Returned"]], "docstatus": 0},
		"name",
	)
	region = frappe.db.get_value("KLS Regional Report", name, "region")
	user = users.kgu_specialist(region)

	def app():
		frappe.get_doc("KLS Regional Report", name).compile()

	def floor():
		args = {"r": region, "s": start, "e": end}
		frappe.db.sql(FLOOR_FIGURES, args)
		frappe.db.sql(
			"""select structure_kind, count(*), sum(activity_status='Active'), sum(member_count)
			from `tabKLS Public Structure` where region=%(r)s and status!='Dissolved' group by structure_kind""",
			args,
		)
		frappe.db.sql(
			"""select event_type, base_project, count(*), sum(participants_total), sum(participants_youth)
			from `tabKLS Event` where region=%(r)s and event_date between %(s)s and %(e)s
			and workflow_state='Verified' group by event_type, base_project""",
			args,
		)

	def naive():
		figures = {"events": 0, "participants": 0, "cases": 0, "structures": 0, "members": 0}
		for n in frappe.get_all("KLS Event", filters={"region": region}, pluck="name"):
			doc = frappe.get_doc("KLS Event", n)
			if start <= getdate(doc.event_date) <= end and doc.workflow_state == "Verified":
				figures["events"] += 1
				figures["participants"] += doc.participants_total or 0
		for n in frappe.get_all("KLS Mediation Case", filters={"region": region}, pluck="name"):
			if start <= getdate(frappe.get_doc("KLS Mediation Case", n).received_on) <= end:
				figures["cases"] += 1
		for n in frappe.get_all("KLS Public Structure", filters={"region": region}, pluck="name"):
			doc = frappe.get_doc("KLS Public Structure", n)
			if doc.status != "Dissolved":
				figures["structures"] += 1
				figures["members"] += doc.member_count or 0

	return Case(
		f"Compile a regional report ({region}, {period}; saves, rolled back)",
		user,
		app,
		floor,
		naive,
		"≤ 300 ms and ≤ 2× floor",
		lambda a, f: a.median <= 300 and (f is None or a.median <= 2 * f.median),
		naive_runs=1,
	)


def figures_case() -> Case:
	"""The computation of compile() alone (its queries), beside the same floor: the target's "≤ 2× floor"."""
	from kelisim_app.kelisim_reporting import compile as compiler

	period, start, end = report_period()
	base = compile_case()
	region = base.user and frappe.db.get_value(
		"KLS Regional Report",
		{"period": period, "workflow_state": ["in", ["Draft", "Returned"]], "docstatus": 0},
		"region",
	)
	return Case(
		f"Regional report figures only (compile_region, {region}, {period}; no save)",
		base.user,
		lambda: compiler.compile_region(region, start, end, getdate(today())),
		base.floor,
		None,
		"≤ 2× floor",
		lambda a, f: f is None or a.median <= 2 * f.median,
	)


# ---------------------------------------------------------------------------------------------- national
def national_case() -> Case:
	from kelisim_app.kelisim_reporting import compile as compiler

	_period, start, end = report_period()
	name = frappe.db.get_value("KLS National Report", {"docstatus": 0}, "name", order_by="period desc")

	def app():
		frappe.get_doc("KLS National Report", name).compile()

	def floor():
		frappe.db.sql(
			"""select region, snapshot from `tabKLS Regional Report`
			where period=%s and docstatus=1""",
			frappe.db.get_value("KLS National Report", name, "period"),
		)

	def naive():
		for region in frappe.get_all("KLS Region", pluck="name"):
			compiler.compile_region(region, start, end, getdate(today()))

	return Case(
		"National roll-up (compile; rolled back)",
		users.RGU_COORDINATOR,
		app,
		floor,
		naive,
		"≤ 500 ms",
		below(500),
		note="naive: every region recompiled from the records",
	)


# ---------------------------------------------------------------------------------------------- reports
def report_case(report: str, floor_sql: str, doctype: str, target: str, limit: float | None) -> Case:
	from frappe.desk.query_report import run

	def naive():
		counts: dict = {}
		for n in frappe.get_all(doctype, pluck="name"):
			doc = frappe.get_doc(doctype, n)
			key = (doc.get("region"), doc.get("structure_kind") or doc.get("workflow_state"))
			counts[key] = counts.get(key, 0) + 1

	return Case(
		f"{report} report",
		RGU_USER,
		lambda: run(report, filters={}, user=RGU_USER, ignore_prepared_report=True),
		lambda: frappe.db.sql(floor_sql),
		naive,
		target,
		below(limit) if limit else None,
		naive_runs=1,
	)


CENSUS_SQL = """select region, structure_kind, level, count(*), sum(status='Suspended'), sum(member_count)
from `tabKLS Public Structure` where status!='Dissolved' group by region, structure_kind, level"""
ACTIVE_SQL = """select region, structure_kind, count(*), sum(activity_status='Active'), sum(member_count)
from `tabKLS Public Structure` where status!='Dissolved' group by region, structure_kind"""
MEDIATION_SQL = """select region, date_format(received_on, '%Y-%m'), count(*),
sum(workflow_state in ('Agreement reached','No agreement','Referred elsewhere','Withdrawn','Closed')),
sum(outcome='Agreement reached'), sum(risk='High') from `tabKLS Mediation Case` group by 1, 2"""


# ---------------------------------------------------------------------------------------------- workspaces
def source_method(source: str) -> str:
	"""The method a Custom chart's Dashboard Chart Source names in its JS (module path + `get`)."""
	module = frappe.scrub(frappe.db.get_value("Dashboard Chart Source", source, "module"))
	app = frappe.local.module_app[module]
	return f"{app}.{module}.dashboard_chart_source.{frappe.scrub(source)}.{frappe.scrub(source)}.get"


def workspace_case(workspace: str, user: str) -> Case:
	from frappe.desk.desktop import get_desktop_page
	from frappe.desk.doctype.number_card.number_card import get_result

	doc = frappe.get_doc("Workspace", workspace)
	cards = [c.number_card_name for c in doc.number_cards]
	charts = [frappe.get_doc("Dashboard Chart", c.chart_name) for c in doc.charts]
	path = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
	chart_method = frappe.get_attr(
		(frappe.get_hooks("override_whitelisted_methods") or {}).get(path, [path])[-1]
	)

	def cards_and_charts():
		for name in cards:
			card = frappe.get_doc("Number Card", name)
			if not frappe.has_permission(card.document_type, "read"):
				continue
			if card.type == "Custom":
				frappe.get_attr(card.method)(filters=card.filters_json)
			else:
				get_result(card.as_dict(), card.filters_json)
		# each chart as its widget asks: a Custom chart its source's method, the others the chart method (or
		# the app's override of it) with the chart's own settings
		for chart in charts:
			if chart.chart_type == "Custom":
				frappe.get_attr(source_method(chart.source))(
					chart_name=chart.name, filters=chart.filters_json
				)
			else:
				chart_method(
					chart_name=chart.name,
					filters=chart.filters_json,
					timespan=chart.timespan,
					time_interval=chart.time_interval,
				)

	def app():
		get_desktop_page(json.dumps({"name": workspace, "title": workspace, "public": 1}))
		cards_and_charts()

	def floor():
		frappe.set_user("Administrator")
		cards_and_charts()

	return Case(
		f"Workspace {workspace}: page + {len(cards)} cards + {len(charts)} charts",
		user,
		app,
		floor,
		None,
		"≤ 1.5 s",
		below(1500),
		note="floor: the same cards and charts without permission conditions (Administrator)",
	)


def all_cases() -> list[Case]:
	makers = [
		event_list_case,
		event_form_case,
		transition_case,
		compile_case,
		figures_case,
		national_case,
		lambda: report_case("Structure Census", CENSUS_SQL, "KLS Public Structure", "≤ 1 s", 1000),
		lambda: report_case("Active Structures", ACTIVE_SQL, "KLS Public Structure", "≤ 1 s", 1000),
		lambda: report_case("Mediation Statistics", MEDIATION_SQL, "KLS Mediation Case", "", None),
		lambda: workspace_case("Kelisim RGU", RGU_USER),
		lambda: workspace_case("Kelisim KGU", KGU_USER),
	]
	out = []
	for make in makers:
		try:
			out.append(make())
		except Exception as e:  # e.g. no record of the needed kind on this site
			print(f"  skipped: {e}", flush=True)
	return out


__all__ = ["Timing", "all_cases", "volumes"]
