# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""The Kazakh share of verified events and of publications month by month over the last 12 months: the
Kazakh Share report's own chart (same queries, same definitions), in the user's scope."""

from __future__ import annotations

import frappe
from frappe.utils import add_months, get_first_day, getdate, today

from kelisim_app.kelisim_core.chart_source import chart_source
from kelisim_app.kelisim_events.report.kazakh_share.kazakh_share import get_chart, monthly_counts


@chart_source("KLS Event")
def get(filters: frappe._dict, user: str) -> dict:
	since = filters.from_date or get_first_day(add_months(getdate(today()), -11))
	monthly = monthly_counts(frappe._dict(from_date=since, region=filters.region), user)
	chart = get_chart(monthly) or {"data": {"labels": [], "datasets": []}}
	return chart["data"]
