# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Figures of the desk's number cards that no single DocType query can give.

*Reports Overdue*: a report that was never written has no record, so the card cannot count records; it counts
the (reporting period, region) pairs that are past their due date without a submitted regional report — the
*Missing* figure of the Reporting Compliance report, from the same rows (`compliance_rows`: one definition,
`rules.compliance`, and one scope, `report_regions`: a KGU user counts his own region).
"""

from __future__ import annotations

import frappe
from frappe.utils import getdate, today

from kelisim_app.kelisim_core.permissions import scoped_regions
from kelisim_app.kelisim_reporting import rules
from kelisim_app.utils.read_only import replica_read

REPORT = "KLS Regional Report"
PERIOD = "KLS Reporting Period"


def compliance_rows(
	user: str | None = None, period_filters: dict | None = None, region: str | None = None
) -> list[frappe._dict]:
	"""One row per (reporting period, region) in `user`'s scope: the regional report written for it, if any,
	and its compliance status (`rules.compliance`: on time, late, missing or pending). The data of the
	Reporting Compliance report, the *Reports Overdue* card and the *Reports On Time vs Late* chart."""
	user = user or frappe.session.user
	periods = frappe.get_all(
		PERIOD, filters=period_filters or {}, fields=["name", "title", "due_date"], order_by="start_date"
	)
	regions = scoped_regions(user, REPORT, region)
	if not periods or not regions:
		return []
	reports = {
		(r.period, r.region): r
		for r in frappe.get_all(
			REPORT,
			filters={
				"period": ["in", [p.name for p in periods]],
				"region": ["in", regions],
				"docstatus": ["<", 2],
			},
			fields=["name", "period", "region", "workflow_state", "submitted_on"],
			order_by="creation",
			ignore_permissions=True,  # scoped above (report_regions), like every report of the app
		)
	}
	now = getdate(today())
	rows = []
	for period in periods:
		for region_name in regions:
			report = reports.get((period.name, region_name))
			submitted_on = report.submitted_on if report else None
			rows.append(
				frappe._dict(
					period=period.name,
					period_title=period.title,
					region=region_name,
					regional_report=report.name if report else None,
					workflow_state=report.workflow_state if report else None,
					due_date=period.due_date,
					submitted_on=submitted_on,
					status=rules.compliance(getdate(period.due_date), submitted_on, now),
				)
			)
	return rows


def overdue_pairs(user: str | None = None) -> list[tuple[str, str]]:
	"""(period, region) pairs past due with no submitted report, in `user`'s scope."""
	rows = compliance_rows(user, {"due_date": ["<", getdate(today())]})
	return [(r.period, r.region) for r in rows if r.status == rules.MISSING]


@frappe.whitelist()
@replica_read
def reports_overdue(filters=None) -> dict:
	"""The *Reports Overdue* number card (type Custom)."""
	frappe.has_permission(REPORT, "read", throw=True)
	return {
		"value": len(overdue_pairs()),
		"fieldtype": "Int",
		"route": ["query-report", "Reporting Compliance"],
	}
