"""KPI actuals measured from the records, where a measurement exists: verified events and media
publications of the plan's region (every region for the republican plan), base project and year, and the
ethnocultural materials published in the plan's region and year."""

from __future__ import annotations

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Sum

EVENT_MEASURES = {
	"Verified events": ("count", None),
	"Participants of verified events": ("sum", "participants_total"),
	"Young participants of verified events": ("sum", "participants_youth"),
	"Verified events in Kazakh": ("count", "uses_kazakh"),
}
PUBLICATION_MEASURES = {"Media publications": False, "Media publications in Kazakh": True}
# base project 3: the collected ethnocultural materials published after review (any base project's plan may
# count them; they belong to project 3 by nature)
MATERIALS_PUBLISHED = "Ethnocultural materials published"
# base projects 2 and 4, counted in the plan's region and year (whatever base project the record names):
# measurement -> (DocType, date field, extra conditions)
RECORD_MEASURES = {
	"Books published": ("KLS Book", "published_on", (("status", "Published"),)),
	"Books translated and published": ("KLS Book", "published_on", (("status", "Published"),)),
	"Mediators certified": ("KLS Mediator", "certificate_issued_on", ()),
	"Mediation cases resolved": ("KLS Mediation Case", "resolved_on", ()),
}


def measured_actual(measurement: str, region: str | None, base_project: str, year: int) -> float | None:
	"""The actual of one measured KPI; None for a KPI entered by hand."""
	if measurement in EVENT_MEASURES:
		kind, field = EVENT_MEASURES[measurement]
		e = DocType("KLS Event")
		value = Sum(e[field]) if kind == "sum" else Count(e.name)
		query = (
			frappe.qb.from_(e)
			.select(value)
			.where(e.workflow_state == "Verified")
			.where(e.base_project == base_project)
			.where(e.event_date[f"{year}-01-01" : f"{year}-12-31"])
		)
		if kind == "count" and field:
			query = query.where(e[field] == 1)
		if region:
			query = query.where(e.region == region)
		return float(query.run()[0][0] or 0)
	if measurement in PUBLICATION_MEASURES and frappe.db.table_exists("KLS Media Publication"):
		p = DocType("KLS Media Publication")
		query = (
			frappe.qb.from_(p)
			.select(Count(p.name))
			.where(p.base_project == base_project)
			.where(p.published_on[f"{year}-01-01" : f"{year}-12-31"])
		)
		if PUBLICATION_MEASURES[measurement]:
			query = query.where(p.is_kazakh == 1)
		if region:
			query = query.where(p.region == region)
		return float(query.run()[0][0] or 0)
	if measurement in RECORD_MEASURES:
		doctype, date_field, conditions = RECORD_MEASURES[measurement]
		t = DocType(doctype)
		query = (
			frappe.qb.from_(t).select(Count(t.name)).where(t[date_field][f"{year}-01-01" : f"{year}-12-31"])
		)
		for field, value in conditions:
			query = query.where(t[field] == value)
		if measurement == "Books translated and published":
			query = query.where(t.source_language.isnotnull() & (t.source_language != t.target_language))
		if region:
			query = query.where(t.region == region)
		return float(query.run()[0][0] or 0)
	if measurement == MATERIALS_PUBLISHED:
		m = DocType("KLS Ethnocultural Material")
		query = (
			frappe.qb.from_(m)
			.select(Count(m.name))
			.where(m.workflow_state == "Published")
			.where(m.published_on[f"{year}-01-01" : f"{year}-12-31"])
		)
		if region:
			query = query.where(m.region == region)
		return float(query.run()[0][0] or 0)
	return None
