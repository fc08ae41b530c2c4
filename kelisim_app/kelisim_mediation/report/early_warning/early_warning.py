# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Early Warning: the regions ranked by the conflict-risk signals of their mediation cases. Counts only: no
names, no narrative. A KGU user sees his own region (`report_regions`).

Per region:

* high-risk, last 3 months: cases of risk High received in the last three months (up to today);
* high-risk, previous 3 months: the same in the three months before; trend = the difference;
* received, last 3 months, and unresolved share: the part of them still open (Registered, Assigned,
  In mediation) today;
* open and overdue share: the cases open today (whenever received) and the part of them past their due date.

Regions are ranked by high-risk cases of the last 3 months, then the trend, the unresolved share and the
overdue share (all descending); the open and overdue figures are today's, not as of the window.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Sum
from frappe.utils import add_months, cint, getdate, today

from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.kelisim_mediation import rules
from kelisim_app.utils.read_only import replica_read

CASE = "KLS Mediation Case"
WINDOW_MONTHS = 3


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters, frappe.session.user)
	return columns(), data, message(), None, summary(data)


def windows(now=None) -> tuple:
	"""(start of the previous window, start of the last window, today): the last window is (start, today],
	the previous one (previous start, start]."""
	now = getdate(now or today())
	start = getdate(add_months(now, -WINDOW_MONTHS))
	return getdate(add_months(now, -2 * WINDOW_MONTHS)), start, now


def share(part: int, whole: int) -> float:
	return round(100.0 * part / whole, 1) if whole else 0.0


def rank(rows: list[dict]) -> list[dict]:
	"""Rows ordered by risk (most alarming first), numbered from 1."""
	ordered = sorted(
		rows,
		key=lambda r: (
			-r["high_risk_recent"],
			-r["trend"],
			-r["unresolved_share"],
			-r["overdue_share"],
			r["region"],
		),
	)
	for i, row in enumerate(ordered, 1):
		row["rank"] = i
	return ordered


def get_data(filters: frappe._dict, user: str) -> list[dict]:
	previous_start, start, now = windows()
	c = DocType(CASE)

	def count(condition):
		return Sum(Case().when(condition, 1).else_(0))

	recent = (c.received_on > start) & (c.received_on <= now)
	previous = (c.received_on > previous_start) & (c.received_on <= start)
	is_open = c.workflow_state.isin(rules.OPEN_STATES)
	high = c.risk == rules.RISK_HIGH
	query = (
		frappe.qb.from_(c)
		.select(
			c.region,
			count(recent & high).as_("high_risk_recent"),
			count(previous & high).as_("high_risk_previous"),
			count(recent).as_("received_recent"),
			count(recent & is_open).as_("unresolved_recent"),
			count(is_open).as_("open_cases"),
			count(is_open & (c.is_overdue == 1)).as_("overdue_open"),
		)
		.where(c.region.isnotnull())
		.groupby(c.region)
	)
	regions = report_regions(user, CASE)
	if regions is not None:
		query = query.where(c.region.isin(regions))
	if filters.get("region"):
		query = query.where(c.region == filters.region)
	found = {r.region: r for r in query.run(as_dict=True)}

	scope = regions if regions is not None else frappe.get_all("KLS Region", pluck="name", order_by="name")
	if filters.get("region"):
		scope = [r for r in scope if r == filters.region]
	rows = []
	for region in scope:
		r = found.get(region) or frappe._dict()
		values = {k: cint(r.get(k)) for k in FIGURES}
		rows.append(
			{
				"region": region,
				**values,
				"trend": values["high_risk_recent"] - values["high_risk_previous"],
				"unresolved_share": share(values["unresolved_recent"], values["received_recent"]),
				"overdue_share": share(values["overdue_open"], values["open_cases"]),
			}
		)
	return rank(rows)


FIGURES = (
	"high_risk_recent",
	"high_risk_previous",
	"received_recent",
	"unresolved_recent",
	"open_cases",
	"overdue_open",
)


def columns() -> list[dict]:
	def col(fieldname, label, fieldtype="Int", width=120, **extra):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width, **extra}

	return [
		col("rank", _("Rank"), width=70),
		col("region", _("Region"), "Link", 110, options="KLS Region"),
		col("high_risk_recent", _("High-risk, last 3 months"), width=170),
		col("high_risk_previous", _("High-risk, previous 3 months"), width=190),
		col("trend", _("Trend"), width=80),
		col("received_recent", _("Received, last 3 months"), width=170),
		col("unresolved_recent", _("Unresolved"), width=100),
		col("unresolved_share", _("Unresolved share, %"), "Percent", 150),
		col("open_cases", _("Open now"), width=100),
		col("overdue_open", _("Overdue"), width=90),
		col("overdue_share", _("Overdue share, %"), "Percent", 140),
	]


def message() -> str:
	return _(
		"High-risk cases received in the last 3 months and in the 3 months before; unresolved: cases of the "
		"last 3 months still open; overdue: open cases past their due date. Regions most at risk first."
	)


def summary(data: list[dict]) -> list[dict]:
	return [
		{
			"value": sum(r["high_risk_recent"] for r in data),
			"label": _("High-risk, last 3 months"),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"value": sum(r["trend"] for r in data),
			"label": _("Trend"),
			"datatype": "Int",
			"indicator": "Orange",
		},
		{
			"value": sum(1 for r in data if r["trend"] > 0),
			"label": _("Regions rising"),
			"datatype": "Int",
			"indicator": "Red",
		},
	]
