"""Compile a region's figures for a period from the records (one aggregate query per source)."""

from __future__ import annotations

from datetime import date

import frappe
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Avg, Count, Sum
from frappe.utils import flt

from kelisim_app.kelisim_registry.report.scope import registered_at
from kelisim_app.kelisim_reporting import rules

RESOLVED = ("Agreement reached", "No agreement", "Referred elsewhere", "Withdrawn", "Closed")
HAPPENED = ("Held", "Reported", "Verified")


def _one(query) -> tuple:
	row = query.run()
	return row[0] if row else ()


ETHNIC_MEDIA = "Ethnic Media Outlet"
ASSOCIATION = "Ethnocultural Association"
VOLUNTEER = "Volunteer"


def structures(region: str, end: date) -> tuple[dict, list[dict]]:
	"""Structures as registered at the period's end (not on the day the report is compiled)."""
	s = DocType("KLS Public Structure")
	rows = (
		frappe.qb.from_(s)
		.select(
			s.structure_kind,
			Count(s.name),
			Sum(Case().when(s.activity_status == "Active", 1).else_(0)),
			Sum(s.member_count),
		)
		.where(s.region == region)
		.where(registered_at(s, end))
		.groupby(s.structure_kind)
		.orderby(s.structure_kind)
	).run()
	table = [
		{
			"structure_kind": kind,
			"registered": int(n),
			"active": int(active or 0),
			"inactive": int(n) - int(active or 0),
			"members": int(members or 0),
		}
		for kind, n, active, members in rows
	]
	return {
		"structures_registered": sum(r["registered"] for r in table),
		"structures_active": sum(r["active"] for r in table),
		"structures_inactive": sum(r["inactive"] for r in table),
		"members": sum(r["members"] for r in table),
	}, table


def events(region: str, start: date, end: date) -> tuple[dict, list[dict]]:
	e = DocType("KLS Event")
	in_period = (e.region == region) & (e.event_date >= start) & (e.event_date <= end)
	verified = e.workflow_state == "Verified"
	held, done, participants, youth, kazakh = _one(
		frappe.qb.from_(e)
		.select(
			Sum(Case().when(e.workflow_state.isin(HAPPENED), 1).else_(0)),
			Sum(Case().when(verified, 1).else_(0)),
			Sum(Case().when(verified, e.participants_total).else_(0)),
			Sum(Case().when(verified, e.participants_youth).else_(0)),
			Sum(Case().when(verified & (e.uses_kazakh == 1), 1).else_(0)),
		)
		.where(in_period)
	) or (0, 0, 0, 0, 0)
	rows = (
		frappe.qb.from_(e)
		.select(
			e.event_type, e.base_project, Count(e.name), Sum(e.participants_total), Sum(e.participants_youth)
		)
		.where(in_period & verified)
		.groupby(e.event_type, e.base_project)
		.orderby(e.event_type)
	).run()
	table = [
		{
			"event_type": t,
			"base_project": p,
			"events": int(n),
			"participants": int(pt or 0),
			"youth": int(y or 0),
		}
		for t, p, n, pt, y in rows
	]
	return {
		"events_held": int(held or 0),
		"events_verified": int(done or 0),
		"participants": int(participants or 0),
		"youth": int(youth or 0),
		"events_in_kazakh": int(kazakh or 0),
	}, table


def publications(region: str, start: date, end: date) -> dict:
	p = DocType("KLS Media Publication")
	total, kazakh = _one(
		frappe.qb.from_(p)
		.select(Count(p.name), Sum(Case().when(p.is_kazakh == 1, 1).else_(0)))
		.where(p.region == region)
		.where(p.published_on >= start)
		.where(p.published_on <= end)
	) or (0, 0)
	return {"publications": int(total or 0), "publications_in_kazakh": int(kazakh or 0)}


def mediation(region: str, start: date, end: date) -> dict:
	c = DocType("KLS Mediation Case")
	received, resolved, agreement, high = _one(
		frappe.qb.from_(c)
		.select(
			Count(c.name),
			Sum(Case().when(c.workflow_state.isin(RESOLVED), 1).else_(0)),
			Sum(Case().when(c.outcome == "Agreement reached", 1).else_(0)),
			Sum(Case().when(c.risk == "High", 1).else_(0)),
		)
		.where(c.region == region)
		.where(c.received_on >= start)
		.where(c.received_on <= end)
	) or (0, 0, 0, 0)
	return {
		"cases_received": int(received or 0),
		"cases_resolved": int(resolved or 0),
		"cases_agreement": int(agreement or 0),
		"cases_high_risk": int(high or 0),
	}


def instructions(region: str, start: date, end: date, today: date) -> dict:
	x = DocType("KLS Instruction Execution")
	due, on_time, overdue = _one(
		frappe.qb.from_(x)
		.select(
			Count(x.name),
			Sum(Case().when((x.docstatus == 1) & (x.completed_on <= x.deadline), 1).else_(0)),
			Sum(Case().when((x.docstatus == 0) & (x.deadline < today), 1).else_(0)),
		)
		.where(x.region == region)
		.where(x.deadline >= start)
		.where(x.deadline <= end)
	) or (0, 0, 0)
	return {
		"instructions_due": int(due or 0),
		"instructions_done_on_time": int(on_time or 0),
		"instructions_overdue": int(overdue or 0),
	}


def plans(region: str, year: int, today: date) -> list[dict]:
	p, k, a, r = (
		DocType("KLS Project Plan"),
		DocType("KLS Plan KPI"),
		DocType("KLS Plan Activity"),
		DocType("KLS Plan Risk"),
	)
	rows = (
		frappe.qb.from_(p)
		.select(p.name, p.base_project, p.budget_execution)
		.where(p.region == region)
		.where(p.year == year)
		.where(p.docstatus < 2)
		.orderby(p.base_project)
	).run(as_dict=True)
	names = [row.name for row in rows] or [""]
	attainment = dict(
		frappe.qb.from_(k)
		.select(k.parent, Avg(k.attainment))
		.where(k.parent.isin(names))
		.groupby(k.parent)
		.run()
	)
	overdue = dict(
		frappe.qb.from_(a)
		.select(a.parent, Count(a.name))
		.where(a.parent.isin(names))
		.where(a.end_date < today)
		.where(a.status.notin(["Done", "Cancelled"]))
		.groupby(a.parent)
		.run()
	)
	threshold = int(frappe.get_cached_doc("KLS Project Settings").high_risk_score or 15)
	risks = dict(
		frappe.qb.from_(r)
		.select(r.parent, Count(r.name))
		.where(r.parent.isin(names))
		.where(r.risk_status == "Open")
		.where(r.score >= threshold)
		.groupby(r.parent)
		.run()
	)
	return [
		{
			"plan": row.name,
			"base_project": row.base_project,
			"kpi_attainment": round(flt(attainment.get(row.name)), 1) if row.name in attainment else None,
			"budget_execution": row.budget_execution,
			"overdue_activities": int(overdue.get(row.name, 0)),
			"open_high_risks": int(risks.get(row.name, 0)),
		}
		for row in rows
	]


# the sections of the breakdown table (Select options of KLS Report Breakdown Row)
BY_PUBLICATION = "Publications by type and language"
BY_EVENT_LANGUAGE = "Verified events by language"
BY_OUTCOME = "Mediation cases by outcome"


def breakdowns(region: str, start: date, end: date) -> list[dict]:
	"""Publications by type and language, verified events by language, mediation cases by outcome."""
	p, e, lang, c = (
		DocType("KLS Media Publication"),
		DocType("KLS Event"),
		DocType("KLS Event Language"),
		DocType("KLS Mediation Case"),
	)
	publications = (
		frappe.qb.from_(p)
		.select(p.publication_type, p.language, Count(p.name))
		.where(p.region == region)
		.where(p.published_on >= start)
		.where(p.published_on <= end)
		.groupby(p.publication_type, p.language)
		.orderby(p.publication_type)
		.orderby(p.language)
	).run()
	languages = (
		frappe.qb.from_(lang)
		.join(e)
		.on(lang.parent == e.name)
		.select(lang.language, Count(e.name).distinct())
		.where(lang.parenttype == "KLS Event")
		.where(e.region == region)
		.where(e.event_date >= start)
		.where(e.event_date <= end)
		.where(e.workflow_state == "Verified")
		.groupby(lang.language)
		.orderby(lang.language)
	).run()
	outcomes = (
		frappe.qb.from_(c)
		.select(c.outcome, Count(c.name))
		.where(c.region == region)
		.where(c.received_on >= start)
		.where(c.received_on <= end)
		.where(c.outcome.isnotnull() & (c.outcome != ""))
		.groupby(c.outcome)
		.orderby(c.outcome)
	).run()
	return (
		[
			{"breakdown": BY_PUBLICATION, "category": kind, "language": language, "count": int(n)}
			for kind, language, n in publications
		]
		+ [
			{"breakdown": BY_EVENT_LANGUAGE, "category": None, "language": language, "count": int(n)}
			for language, n in languages
		]
		+ [
			{"breakdown": BY_OUTCOME, "category": outcome, "language": None, "count": int(n)}
			for outcome, n in outcomes
		]
	)


def reach(region: str, start: date, end: date) -> dict:
	"""The reach of the structures: accredited associations, ethnic media and their circulation, volunteers
	(at the period's end); consultations, books and charters reviewed (in the period)."""
	s, m, c, b = (
		DocType("KLS Public Structure"),
		DocType("KLS Membership"),
		DocType("KLS Consultation"),
		DocType("KLS Book"),
	)
	accredited, media, circulation, charters = _one(
		frappe.qb.from_(s)
		.select(
			Sum(
				Case()
				.when(
					(s.structure_kind == ASSOCIATION)
					& (s.is_accredited == 1)
					& (s.accreditation_date.isnull() | (s.accreditation_date <= end)),
					1,
				)
				.else_(0)
			),
			Sum(Case().when(s.structure_kind == ETHNIC_MEDIA, 1).else_(0)),
			Sum(Case().when(s.structure_kind == ETHNIC_MEDIA, s.circulation).else_(0)),
			Sum(Case().when((s.charter_reviewed_on >= start) & (s.charter_reviewed_on <= end), 1).else_(0)),
		)
		.where(s.region == region)
		.where(registered_at(s, end))
	) or (0, 0, 0, 0)
	(volunteers,) = _one(
		frappe.qb.from_(m)
		.select(Count(m.person).distinct())
		.where(m.region == region)
		.where(m.role == VOLUNTEER)
		.where(m.from_date.isnull() | (m.from_date <= end))
		.where(m.to_date.isnull() | (m.to_date >= end))
	) or (0,)
	(consultations,) = _one(
		frappe.qb.from_(c)
		.select(Count(c.name))
		.where(c.region == region)
		.where(c.consulted_on >= start)
		.where(c.consulted_on <= end)
	) or (0,)
	(books,) = _one(
		frappe.qb.from_(b)
		.select(Count(b.name))
		.where(b.region == region)
		.where(b.status == "Published")
		.where(b.published_on >= start)
		.where(b.published_on <= end)
	) or (0,)
	return {
		"associations_accredited": int(accredited or 0),
		"ethnic_media": int(media or 0),
		"media_reach": int(circulation or 0),
		"volunteers": int(volunteers or 0),
		"consultations": int(consultations or 0),
		"books_published": int(books or 0),
		"charters_reviewed": int(charters or 0),
	}


def compile_region(region: str, start: date, end: date, today: date) -> tuple[dict, dict[str, list[dict]]]:
	"""All figures of a region for [start, end], and the detail tables."""
	figures, structure_rows = structures(region, end)
	event_figures, event_rows = events(region, start, end)
	figures |= event_figures
	figures |= publications(region, start, end)
	figures |= mediation(region, start, end)
	figures |= instructions(region, start, end, today)
	figures |= reach(region, start, end)
	figures["kazakh_share"] = rules.kazakh_share(figures)
	return figures, {
		"structures": structure_rows,
		"events": event_rows,
		"plans": plans(region, start.year, today),
		"breakdowns": breakdowns(region, start, end),
	}
