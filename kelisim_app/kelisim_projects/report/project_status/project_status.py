# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Project status per region and base project: KPI attainment (mean over the plan's KPIs), budget
execution, overdue milestones and activities, open high risks, and the at-risk flag with its reasons.
Counts plans that are not cancelled; scoped like every report of the app (a KGU user: his region)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Avg, Count
from frappe.utils import getdate, today

from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.utils.read_only import replica_read

PLAN = "KLS Project Plan"


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	plans = fetch_plans(filters, frappe.session.user)
	names = [p.name for p in plans]
	attainment = child_aggregate("KLS Plan KPI", Avg, "attainment", names)
	overdue = overdue_activities(names)
	high_risks = open_high_risks(names)
	data = [
		{
			"plan": p.name,
			"region": p.region,
			"base_project": p.base_project,
			"year": p.year,
			"status": _(p.workflow_state) if p.workflow_state else None,
			"kpi_attainment": round(attainment.get(p.name) or 0, 1) if p.name in attainment else None,
			"budget_execution": p.budget_execution,
			"overdue": overdue.get(p.name, 0),
			"high_risks": high_risks.get(p.name, 0),
			"at_risk": p.at_risk,
			# in the reader's language, not in that of whoever last computed the plan's progress
			"reasons": "; ".join(frappe.get_doc(PLAN, p.name).risk_reasons()) if p.at_risk else "",
		}
		for p in plans
	]
	summary = [
		{"value": len(data), "label": _("Plans"), "datatype": "Int"},
		{
			"value": sum(1 for d in data if d["at_risk"]),
			"label": _("At risk"),
			"datatype": "Int",
			"indicator": "Red",
		},
		{"value": sum(d["overdue"] for d in data), "label": _("Overdue activities"), "datatype": "Int"},
	]
	return columns(), data, None, None, summary


def fetch_plans(filters, user: str):
	p = DocType(PLAN)
	query = (
		frappe.qb.from_(p)
		.select(
			p.name,
			p.region,
			p.base_project,
			p.year,
			p.workflow_state,
			p.budget_execution,
			p.at_risk,
			p.at_risk_reasons,
		)
		.where(p.docstatus < 2)
		.orderby(p.region)
		.orderby(p.base_project)
	)
	regions = report_regions(user, PLAN)
	if regions is not None:
		query = query.where(p.region.isin(regions))
	for field in ("region", "base_project", "year"):
		if filters.get(field):
			query = query.where(p[field] == filters.get(field))
	if filters.get("at_risk_only"):
		query = query.where(p.at_risk == 1)
	return query.run(as_dict=True)


def child_aggregate(child: str, function, field: str, parents: list[str]) -> dict[str, float]:
	if not parents:
		return {}
	c = DocType(child)
	return dict(
		frappe.qb.from_(c)
		.select(c.parent, function(c[field]))
		.where(c.parenttype == PLAN)
		.where(c.parent.isin(parents))
		.where(c[field].isnotnull())
		.groupby(c.parent)
		.run()
	)


def overdue_activities(parents: list[str]) -> dict[str, int]:
	if not parents:
		return {}
	a = DocType("KLS Plan Activity")
	return dict(
		frappe.qb.from_(a)
		.select(a.parent, Count(a.name))
		.where(a.parenttype == PLAN)
		.where(a.parent.isin(parents))
		.where(a.end_date < getdate(today()))
		.where(a.status.notin(["Done", "Cancelled"]))
		.groupby(a.parent)
		.run()
	)


def open_high_risks(parents: list[str]) -> dict[str, int]:
	if not parents:
		return {}
	threshold = int(frappe.get_cached_doc("KLS Project Settings").high_risk_score or 15)
	r = DocType("KLS Plan Risk")
	return dict(
		frappe.qb.from_(r)
		.select(r.parent, Count(r.name))
		.where(r.parenttype == PLAN)
		.where(r.parent.isin(parents))
		.where(r.risk_status == "Open")
		.where(r.score >= threshold)
		.groupby(r.parent)
		.run()
	)


def columns() -> list[dict]:
	return [
		{"fieldname": "plan", "label": _("Plan"), "fieldtype": "Link", "options": PLAN, "width": 150},
		{
			"fieldname": "region",
			"label": _("Region"),
			"fieldtype": "Link",
			"options": "KLS Region",
			"width": 90,
		},
		{
			"fieldname": "base_project",
			"label": _("Base project"),
			"fieldtype": "Link",
			"options": "KLS Base Project",
			"width": 220,
		},
		{"fieldname": "year", "label": _("Year"), "fieldtype": "Int", "width": 70},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{"fieldname": "kpi_attainment", "label": _("KPI attainment"), "fieldtype": "Percent", "width": 120},
		{
			"fieldname": "budget_execution",
			"label": _("Budget execution"),
			"fieldtype": "Percent",
			"width": 130,
		},
		{"fieldname": "overdue", "label": _("Overdue activities"), "fieldtype": "Int", "width": 130},
		{"fieldname": "high_risks", "label": _("Open high risks"), "fieldtype": "Int", "width": 120},
		{"fieldname": "at_risk", "label": _("At risk"), "fieldtype": "Check", "width": 80},
		{"fieldname": "reasons", "label": _("Why at risk"), "fieldtype": "Data", "width": 300},
	]
