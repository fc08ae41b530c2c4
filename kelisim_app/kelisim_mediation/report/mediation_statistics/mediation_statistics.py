# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

"""Mediation statistics per region and month: received, resolved, by outcome and by category, resolution
rate, median days to close, overdue and high-risk counts. Counts only: no names, no narrative. A KGU user
counts his region only (`report_regions`)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import getdate

from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.kelisim_mediation import rules
from kelisim_app.utils.read_only import replica_read

CASE = "KLS Mediation Case"


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	cases = fetch_cases(filters, frappe.session.user)
	rows = build_rows(cases)
	return columns(), rows + ([total_row(rows, cases)] if rows else []), None, None, summary(rows)


def fetch_cases(filters: frappe._dict, user: str) -> list[frappe._dict]:
	case = DocType(CASE)
	query = frappe.qb.from_(case).select(
		case.region,
		case.received_on,
		case.category,
		case.workflow_state,
		case.outcome,
		case.closed_on,
		case.is_overdue,
		case.risk,
	)
	regions = report_regions(user, CASE)
	if regions is not None:
		query = query.where(case.region.isin(regions))
	if filters.get("region"):
		query = query.where(case.region == filters.region)
	if filters.get("from_date"):
		query = query.where(case.received_on >= getdate(filters.from_date))
	if filters.get("to_date"):
		query = query.where(case.received_on <= getdate(filters.to_date))
	if filters.get("category"):
		query = query.where(case.category == filters.category)
	return query.run(as_dict=True)


def _key(category: str) -> str:
	return "cat_" + frappe.scrub(category).replace("/", "").replace("__", "_")


def days_to_close(case: frappe._dict) -> int | None:
	if case.workflow_state != rules.STATE_CLOSED or not case.closed_on:
		return None
	return (getdate(case.closed_on) - getdate(case.received_on)).days


def total_row(rows: list[dict], cases: list[frappe._dict]) -> dict:
	"""The report's own total row (the desk's would average the rates and add up the medians): counts
	summed, the resolution rate of the totals, the median of every closed case."""
	counts = [key for key, value in rows[0].items() if isinstance(value, int) and key != "median_days"]
	total = {key: sum(row[key] for row in rows) for key in counts}
	durations = [days for days in map(days_to_close, cases) if days is not None]
	return {
		"region": None,
		"month": _("Total"),
		**total,
		"resolution_rate": rules.resolution_rate(total["resolved"], total["received"]),
		"median_days": rules.median_days(durations),
		"bold": 1,
	}


def build_rows(cases: list[frappe._dict]) -> list[dict]:
	groups: dict[tuple[str, str], dict] = {}
	durations: dict[tuple[str, str], list[int]] = {}
	for c in cases:
		received = getdate(c.received_on)
		key = (c.region, received.strftime("%Y-%m"))
		row = groups.setdefault(
			key,
			{
				"region": c.region,
				"month": key[1],
				"received": 0,
				"resolved": 0,
				"agreement": 0,
				"no_agreement": 0,
				"referred": 0,
				"withdrawn": 0,
				"closed": 0,
				"overdue": 0,
				"high_risk": 0,
				**{_key(cat): 0 for cat in rules.CATEGORIES},
			},
		)
		row["received"] += 1
		if c.workflow_state in rules.RESOLVED_STATES:
			row["resolved"] += 1
		outcome_field = {
			rules.STATE_AGREEMENT: "agreement",
			rules.STATE_NO_AGREEMENT: "no_agreement",
			rules.STATE_REFERRED: "referred",
			rules.STATE_WITHDRAWN: "withdrawn",
		}.get(c.outcome)
		if outcome_field:
			row[outcome_field] += 1
		if c.workflow_state == rules.STATE_CLOSED:
			row["closed"] += 1
			if (days := days_to_close(c)) is not None:
				durations.setdefault(key, []).append(days)
		if c.is_overdue and c.workflow_state in rules.OPEN_STATES:
			row["overdue"] += 1
		if c.risk == rules.RISK_HIGH:
			row["high_risk"] += 1
		if c.category in rules.CATEGORIES:
			row[_key(c.category)] += 1
	out = []
	for key in sorted(groups):
		row = groups[key]
		row["resolution_rate"] = rules.resolution_rate(row["resolved"], row["received"])
		row["median_days"] = rules.median_days(durations.get(key, []))
		out.append(row)
	return out


def columns() -> list[dict]:
	def col(fieldname, label, fieldtype="Int", width=90, **extra):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width, **extra}

	cols = [
		col("region", _("Region"), "Link", 110, options="KLS Region"),
		col("month", _("Month"), "Data", 80),
		col("received", _("Received")),
		col("resolved", _("Resolved")),
		col("resolution_rate", _("Resolution rate, %"), "Percent", 100),
		col("agreement", _("Agreement reached")),
		col("no_agreement", _("No agreement")),
		col("referred", _("Referred elsewhere")),
		col("withdrawn", _("Withdrawn")),
		col("closed", _("Closed")),
		col("median_days", _("Median days to close"), "Float", 110, precision=1),
		col("overdue", _("Overdue")),
		col("high_risk", _("High risk")),
	]
	cols += [col(_key(cat), _(cat)) for cat in rules.CATEGORIES]
	return cols


def summary(rows: list[dict]) -> list[dict]:
	received = sum(r["received"] for r in rows)
	resolved = sum(r["resolved"] for r in rows)
	return [
		{"label": _("Received"), "value": received, "datatype": "Int", "indicator": "Blue"},
		{"label": _("Resolved"), "value": resolved, "datatype": "Int", "indicator": "Green"},
		{
			"label": _("Resolution rate, %"),
			"value": rules.resolution_rate(resolved, received),
			"datatype": "Percent",
			"indicator": "Green",
		},
		{
			"label": _("Overdue"),
			"value": sum(r["overdue"] for r in rows),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"label": _("High risk"),
			"value": sum(r["high_risk"] for r in rows),
			"datatype": "Int",
			"indicator": "Orange",
		},
	]
