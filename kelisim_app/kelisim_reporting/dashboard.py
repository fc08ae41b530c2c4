# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Figures of the desk's number cards that no single DocType query can give.

*Reports Overdue*: a report that was never written has no record, so the card cannot count records; it counts
the (reporting period, region) pairs that are past their due date without a submitted regional report — the
*Missing* figure of the Reporting Compliance report, with the same definition (`rules.compliance`) and the
same scope (`report_regions`: a KGU user counts his own region).
"""

from __future__ import annotations

import frappe
from frappe.utils import getdate, today

from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.kelisim_reporting import rules
from kelisim_app.utils.read_only import replica_read

REPORT = "KLS Regional Report"
PERIOD = "KLS Reporting Period"


def overdue_pairs(user: str | None = None) -> list[tuple[str, str]]:
	"""(period, region) pairs past due with no submitted report, in `user`'s scope."""
	user = user or frappe.session.user
	now = getdate(today())
	periods = {
		p.name: getdate(p.due_date)
		for p in frappe.get_all(PERIOD, filters={"due_date": ["<", now]}, fields=["name", "due_date"])
	}
	if not periods:
		return []
	regions = report_regions(user, REPORT) or frappe.get_all("KLS Region", pluck="name", order_by="name")
	submitted = {
		(r.period, r.region): r.submitted_on
		for r in frappe.get_all(
			REPORT,
			filters={
				"period": ["in", list(periods)],
				"region": ["in", regions or [""]],
				"docstatus": ["<", 2],
			},
			fields=["period", "region", "submitted_on"],
			order_by="creation",
			ignore_permissions=True,  # scoped above by report_regions, like the Reporting Compliance report
		)
	}
	return [
		(period, region)
		for period, due in sorted(periods.items())
		for region in regions
		if rules.compliance(due, submitted.get((period, region)), now) == rules.MISSING
	]


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
