# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Region Heat Table: the 20 regions × the last 12 months for one indicator, ranked by the total — the
offline stand-in for a coloured map. Indicators: high-risk mediation cases, all mediation cases (by the date
received), events held (held, reported or verified, by their date) and media publications (by their date);
optionally per 100,000 inhabitants (the region's population). Every cell links to the records behind it.

One grouped query (region × year × month); a KGU user sees his own region only (`report_regions`, since
frappe.qb bypasses User Permissions)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import quote

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Extract
from frappe.utils import add_months, cint, flt, get_first_day, get_last_day, getdate, today
from pypika.enums import DatePart

from kelisim_app.kelisim_core.localization import region_names
from kelisim_app.kelisim_core.permissions import scoped_regions
from kelisim_app.kelisim_events.rules import HAPPENED
from kelisim_app.kelisim_mediation.rules import RISK_HIGH
from kelisim_app.utils.read_only import replica_read

MONTHS = 12


@dataclass(frozen=True)
class Indicator:
	doctype: str
	date_field: str
	conditions: dict = field(default_factory=dict)  # fieldname: value or (operator, value)


INDICATORS = {
	"High-risk cases": Indicator("KLS Mediation Case", "received_on", {"risk": RISK_HIGH}),
	"Mediation cases": Indicator("KLS Mediation Case", "received_on"),
	"Events held": Indicator("KLS Event", "event_date", {"workflow_state": ("in", list(HAPPENED))}),
	"Publications": Indicator("KLS Media Publication", "published_on"),
}
DEFAULT_INDICATOR = "High-risk cases"


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	indicator_name = filters.indicator or DEFAULT_INDICATOR
	if indicator_name not in INDICATORS:
		frappe.throw(_("Unknown indicator: {0}").format(indicator_name), frappe.ValidationError)
	indicator = INDICATORS[indicator_name]
	months = month_windows(getdate(filters.to_date or today()))
	per_100k = cint(filters.per_100k)
	regions = scoped_regions(frappe.session.user, indicator.doctype, filters.region)
	counts = monthly_counts(indicator, months, regions)
	data = rows(indicator, months, counts, per_100k, regions)
	return columns(months, per_100k), data, None, None, summary(data, per_100k)


def month_windows(until) -> list[tuple[str, object, object]]:
	"""The 12 months ending with `until`'s month, oldest first: (key "YYYY-MM", first day, last day)."""
	out = []
	for back in range(MONTHS - 1, -1, -1):
		first = get_first_day(add_months(until, -back))
		out.append((f"{first.year:04d}-{first.month:02d}", first, get_last_day(first)))
	return out


def monthly_counts(indicator: Indicator, months, regions: list[str]) -> dict[tuple[str, str], int]:
	"""{(region, "YYYY-MM"): records} for the indicator in the 12 months, in `regions` (the user's scope)."""
	if not regions:
		return {}
	table = DocType(indicator.doctype)
	date = table[indicator.date_field]
	year, month = Extract(DatePart.year, date), Extract(DatePart.month, date)
	query = (
		frappe.qb.from_(table)
		.select(table.region, year.as_("year"), month.as_("month"), Count(table.name).as_("n"))
		.where(date[months[0][1] : months[-1][2]])
		.where(table.region.isin(regions))
		.groupby(table.region, year, month)
	)
	if frappe.get_meta(indicator.doctype).is_submittable:
		query = query.where(table.docstatus < 2)
	for fieldname, condition in indicator.conditions.items():
		operator, value = condition if isinstance(condition, tuple) else ("=", condition)
		query = query.where(table[fieldname].isin(value) if operator == "in" else table[fieldname] == value)
	return {(r.region, f"{cint(r.year):04d}-{cint(r.month):02d}"): cint(r.n) for r in query.run(as_dict=True)}


def drill_route(indicator: Indicator, region: str) -> str:
	"""The list of the indicator's records of a region; the JS adds the month's date range."""
	params = {"region": region}
	for fieldname, condition in indicator.conditions.items():
		params[fieldname] = json.dumps(list(condition)) if isinstance(condition, tuple) else condition
	query = "&".join(f"{k}={quote(str(v))}" for k, v in params.items())
	return f"/app/{frappe.scrub(indicator.doctype).replace('_', '-')}?{query}"


def rows(indicator: Indicator, months, counts, per_100k: int, regions: list[str]) -> list[dict]:
	names = region_names(regions)
	population = dict(
		frappe.get_all(
			"KLS Region",
			filters={"name": ["in", regions or [""]]},
			fields=["name", "population"],
			as_list=True,
		)
	)
	data = []
	for code in regions:
		row = {
			"region": code,
			"region_name": names.get(code) or code,
			"population": cint(population.get(code)),
			"_drill": drill_route(indicator, code),
			"_date_field": indicator.date_field,
		}
		total = 0
		for key, _first, _last in months:
			n = counts.get((code, key), 0)
			total += n
			row[column_name(key)] = rate(n, row["population"]) if per_100k else n
		row["total"] = rate(total, row["population"]) if per_100k else total
		data.append(row)
	data.sort(key=lambda r: (-(r["total"] or 0), r["region"]))
	for rank, row in enumerate(data, start=1):
		row["rank"] = rank
	return data


def rate(n: int, population: int) -> float | None:
	"""Records per 100,000 inhabitants, two decimals; None when the population is unknown."""
	return round(flt(n) * 100000 / population, 2) if population else None


def column_name(month_key: str) -> str:
	return "m_" + month_key.replace("-", "_")


def columns(months, per_100k: int) -> list[dict]:
	value_type = "Float" if per_100k else "Int"
	cols = [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 60},
		{
			"fieldname": "region",
			"label": _("Region"),
			"fieldtype": "Link",
			"options": "KLS Region",
			"width": 80,
		},
		{"fieldname": "region_name", "label": _("Region name"), "fieldtype": "Data", "width": 180},
		{"fieldname": "population", "label": _("Population"), "fieldtype": "Int", "width": 100},
	]
	for key, first, last in months:
		cols.append(
			{
				"fieldname": column_name(key),
				"label": key,
				"fieldtype": value_type,
				"width": 80,
				"from_date": str(first),
				"to_date": str(last),
			}
		)
	cols.append({"fieldname": "total", "label": _("Total"), "fieldtype": value_type, "width": 90})
	return cols


def summary(data: list[dict], per_100k: int) -> list[dict]:
	if not data:
		return []
	top = data[0]
	out = [
		{"value": len(data), "label": _("Regions"), "datatype": "Int"},
		{
			"value": top["region_name"] if (top["total"] or 0) > 0 else "—",
			"label": _("Highest"),
			"datatype": "Data",
			"indicator": "Red",
		},
	]
	if not per_100k:
		out.append({"value": sum(r["total"] for r in data), "label": _("Total"), "datatype": "Int"})
	return out
