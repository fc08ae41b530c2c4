# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Regional reports on time, late and missing, per reporting period that is already due (the last
`periods`, default 8): the Reporting Compliance report's figures (`compliance_rows`), in the user's scope."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from kelisim_app.kelisim_core.chart_source import chart_source
from kelisim_app.kelisim_reporting import rules
from kelisim_app.kelisim_reporting.dashboard import compliance_rows

STATUSES = (rules.ON_TIME, rules.LATE, rules.MISSING)


@chart_source("KLS Regional Report")
def get(filters: frappe._dict, user: str) -> dict:
	due = frappe.get_all(
		"KLS Reporting Period",
		filters={"due_date": ["<", getdate(today())]},
		fields=["name", "title"],
		order_by="start_date desc",
		limit=cint(filters.periods) or 8,
	)[::-1]
	rows = compliance_rows(user, {"name": ["in", [p.name for p in due] or [""]]}, filters.region)
	counts = {(p.name, s): 0 for p in due for s in STATUSES}
	for row in rows:
		if row.status in STATUSES:
			counts[(row.period, row.status)] += 1
	return {
		"labels": [p.title or p.name for p in due],
		"datasets": [
			{"name": _(status), "values": [counts[(p.name, status)] for p in due]} for status in STATUSES
		],
	}
