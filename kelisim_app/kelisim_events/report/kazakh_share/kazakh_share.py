# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Kazakh Share: per region (and, on request, per month), how much of the verified events and of the media
publications was in Kazakh, the state language — an indicator of the concept's expected results.

Definitions (shown above the report too):

* events: KLS Events in the workflow state Verified, by their date (`event_date`); in Kazakh: those held in
  Kazakh (`uses_kazakh`, set from the event's languages);
* publications: KLS Media Publications, by their publication date; in Kazakh: those whose language is the
  state language (`is_kazakh`);
* shares: the part in Kazakh of each, in percent with one decimal (`media.kazakh_share`), blank when there
  is nothing to count; the overall share counts events and publications together.

Two grouped queries (by region, year and month); a KGU user counts his own region only
(`report_regions`, since frappe.qb bypasses User Permissions), a region filter is AND-ed with that.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Extract, IfNull, Sum
from frappe.utils import cint, getdate
from pypika.enums import DatePart

from kelisim_app.exceptions import fail
from kelisim_app.kelisim_core.localization import region_names
from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.kelisim_events import media
from kelisim_app.kelisim_events.rules import VERIFIED
from kelisim_app.utils.read_only import replica_read

EVENT = "KLS Event"
PUBLICATION = "KLS Media Publication"
COUNTS = ("events", "events_kazakh", "publications", "publications_kazakh")


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	check_filters(filters)
	monthly = monthly_counts(filters)
	data = get_data(filters, monthly=monthly)
	return get_columns(filters), data, get_message(), get_chart(monthly), get_summary(data)


def check_filters(filters: frappe._dict) -> None:
	if filters.get("from_date") and filters.get("to_date"):
		if getdate(filters.from_date) > getdate(filters.to_date):
			fail(_("The start of the period is after its end"))


def get_columns(filters: frappe._dict) -> list[dict]:
	columns = [
		{
			"fieldname": "region",
			"label": _("Region"),
			"fieldtype": "Link",
			"options": "KLS Region",
			"width": 90,
		},
		{"fieldname": "region_name", "label": _("Region name"), "fieldtype": "Data", "width": 190},
	]
	if cint(filters.get("group_by_month")):
		columns.append({"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90})
	columns += [
		{"fieldname": "events", "label": _("Verified events"), "fieldtype": "Int", "width": 120},
		{"fieldname": "events_kazakh", "label": _("Events in Kazakh"), "fieldtype": "Int", "width": 120},
		{
			"fieldname": "events_share",
			"label": _("Events in Kazakh, %"),
			"fieldtype": "Percent",
			"width": 130,
		},
		{"fieldname": "publications", "label": _("Publications"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "publications_kazakh",
			"label": _("Publications in Kazakh"),
			"fieldtype": "Int",
			"width": 150,
		},
		{
			"fieldname": "publications_share",
			"label": _("Publications in Kazakh, %"),
			"fieldtype": "Percent",
			"width": 160,
		},
		{"fieldname": "overall_share", "label": _("Kazakh share, %"), "fieldtype": "Percent", "width": 130},
	]
	return columns


# ---------------------------------------------------------------------------------------------- queries
def _restrict(query, table, date_field, filters: frappe._dict, doctype: str, user: str | None):
	date_column = table[date_field]
	if filters.get("from_date"):
		query = query.where(date_column >= getdate(filters.from_date))
	if filters.get("to_date"):
		query = query.where(date_column <= getdate(filters.to_date))
	if filters.get("region"):
		query = query.where(table.region == filters.region)
	if filters.get("base_project"):
		query = query.where(table.base_project == filters.base_project)
	regions = report_regions(user or frappe.session.user, doctype)
	if regions is not None:
		query = query.where(table.region.isin(regions or [""]))
	return query


def _grouped(table, date_field: str, flag: str):
	year = Extract(DatePart.year, table[date_field])
	month = Extract(DatePart.month, table[date_field])
	return (
		frappe.qb.from_(table)
		.select(
			table.region,
			year.as_("year"),
			month.as_("month"),
			Count(table.name).as_("total"),
			IfNull(Sum(table[flag]), 0).as_("kazakh"),
		)
		.groupby(table.region, year, month)
	)


def monthly_counts(filters: frappe._dict, user: str | None = None) -> dict[tuple[str, str], dict[str, int]]:
	"""{(region, "YYYY-MM"): {events, events_kazakh, publications, publications_kazakh}}."""
	e = DocType(EVENT)
	p = DocType(PUBLICATION)
	events = _restrict(_grouped(e, "event_date", "uses_kazakh"), e, "event_date", filters, EVENT, user)
	events = events.where((e.workflow_state == VERIFIED) & e.event_date.isnotnull())
	publications = _restrict(
		_grouped(p, "published_on", "is_kazakh"), p, "published_on", filters, PUBLICATION, user
	)
	out: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
	for prefix, query in (("events", events), ("publications", publications)):
		for row in query.run(as_dict=True):
			key = (row.region, f"{cint(row.year):04d}-{cint(row.month):02d}")
			out[key][prefix] += cint(row.total)
			out[key][f"{prefix}_kazakh"] += cint(row.kazakh)
	return dict(out)


def with_shares(counts: dict[str, int]) -> dict:
	row = dict(counts)
	row["events_share"] = media.kazakh_share(counts["events_kazakh"], counts["events"])
	row["publications_share"] = media.kazakh_share(counts["publications_kazakh"], counts["publications"])
	row["overall_share"] = media.kazakh_share(
		counts["events_kazakh"] + counts["publications_kazakh"], counts["events"] + counts["publications"]
	)
	return row


def get_data(filters: frappe._dict, user: str | None = None, monthly: dict | None = None) -> list[dict]:
	if monthly is None:
		monthly = monthly_counts(filters, user)
	by_month = cint(filters.get("group_by_month"))
	grouped: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
	for (region, month), counts in monthly.items():
		key = (region, month) if by_month else (region,)
		for k in COUNTS:
			grouped[key][k] += counts[k]
	names = region_names({key[0] for key in grouped})
	data = []
	for key in sorted(grouped, key=lambda k: (k[0] or "", *k[1:])):
		row = {"region": key[0], "region_name": names.get(key[0]) or key[0]}
		if by_month:
			row["month"] = key[1]
		row.update(with_shares(grouped[key]))
		data.append(row)
	return data


# ---------------------------------------------------------------------------------------------- extras
def get_message() -> str:
	return _(
		"Events: verified events by their date; in Kazakh when held in the state language. Publications: media "
		"publications by their date; in Kazakh when their language is the state language. Shares are in "
		"percent; the overall share counts events and publications together."
	)


def get_chart(monthly: dict[tuple[str, str], dict[str, int]]) -> dict | None:
	"""The shares month by month, over every region counted."""
	per_month: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
	for (_region, month), counts in monthly.items():
		for k in COUNTS:
			per_month[month][k] += counts[k]
	if not per_month:
		return None
	months = sorted(per_month)
	shares = [with_shares(per_month[m]) for m in months]
	return {
		"data": {
			"labels": months,
			"datasets": [
				{"name": _("Events in Kazakh, %"), "values": [s["events_share"] or 0 for s in shares]},
				{
					"name": _("Publications in Kazakh, %"),
					"values": [s["publications_share"] or 0 for s in shares],
				},
				{"name": _("Kazakh share, %"), "values": [s["overall_share"] or 0 for s in shares]},
			],
		},
		"type": "line",
		"colors": ["#5E64FF", "#29CD42", "#FF9800"],
	}


def get_summary(data: list[dict]) -> list[dict]:
	totals = {k: sum(row[k] for row in data) for k in COUNTS}
	shares = with_shares(totals)
	return [
		{"value": totals["events"], "label": _("Verified events"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": shares["events_share"],
			"label": _("Events in Kazakh, %"),
			"datatype": "Percent",
			"indicator": "Blue",
		},
		{
			"value": totals["publications"],
			"label": _("Publications"),
			"datatype": "Int",
			"indicator": "Green",
		},
		{
			"value": shares["publications_share"],
			"label": _("Publications in Kazakh, %"),
			"datatype": "Percent",
			"indicator": "Green",
		},
		{
			"value": shares["overall_share"],
			"label": _("Kazakh share, %"),
			"datatype": "Percent",
			"indicator": "Orange",
		},
	]
