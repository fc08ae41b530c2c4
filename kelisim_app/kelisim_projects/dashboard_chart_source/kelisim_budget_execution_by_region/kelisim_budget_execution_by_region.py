# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Budget execution by region: the planned and the actual budget (KZT) of the regions' project plans of a
year (default: this year; cancelled plans left out), one grouped query, in the user's scope."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import IfNull, Sum
from frappe.utils import cint, flt, getdate, today

from kelisim_app.kelisim_core.chart_source import chart_source
from kelisim_app.kelisim_core.localization import region_names
from kelisim_app.kelisim_core.permissions import report_regions

PLAN = "KLS Project Plan"


def budget_by_region(year: int, user: str, base_project: str | None = None) -> list[frappe._dict]:
	"""[{region, planned, actual}] ordered by region code."""
	plan = DocType(PLAN)
	query = (
		frappe.qb.from_(plan)
		.select(
			plan.region,
			IfNull(Sum(plan.planned_total), 0).as_("planned"),
			IfNull(Sum(plan.actual_total), 0).as_("actual"),
		)
		.where((plan.year == year) & (plan.docstatus < 2) & plan.region.isnotnull())
		.groupby(plan.region)
		.orderby(plan.region)
	)
	if base_project:
		query = query.where(plan.base_project == base_project)
	regions = report_regions(user, PLAN)
	if regions is not None:
		query = query.where(plan.region.isin(regions or [""]))
	return query.run(as_dict=True)


@chart_source(PLAN)
def get(filters: frappe._dict, user: str) -> dict:
	rows = budget_by_region(cint(filters.year) or getdate(today()).year, user, filters.base_project)
	labels = region_names({r.region for r in rows})
	return {
		"labels": [labels.get(r.region) or r.region for r in rows],
		"datasets": [
			{"name": _("Planned, ₸"), "values": [flt(r.planned) for r in rows]},
			{"name": _("Actual, ₸"), "values": [flt(r.actual) for r in rows]},
		],
	}
