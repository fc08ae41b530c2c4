# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Reporting compliance per region and period: on time (first submitted by the due date), late, missing
(not submitted and past due) or pending (not yet due). Scoped: a KGU user sees his own region."""

from __future__ import annotations

import frappe
from frappe import _

from kelisim_app.kelisim_reporting import rules
from kelisim_app.kelisim_reporting.dashboard import compliance_rows
from kelisim_app.utils.read_only import replica_read


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	period_filters = {"name": filters.period} if filters.period else {}
	if filters.year:
		period_filters["year"] = filters.year
	rows = compliance_rows(frappe.session.user, period_filters, filters.region)
	data = [
		{
			"period": row.period,
			"region": row.region,
			"regional_report": row.regional_report,
			"report_status": _(row.workflow_state) if row.workflow_state else None,
			"due_date": row.due_date,
			"submitted_on": row.submitted_on,
			"compliance": _(row.status),
		}
		for row in rows
	]
	counts = {
		s: sum(1 for row in rows if row.status == s) for s in (rules.ON_TIME, rules.LATE, rules.MISSING)
	}
	summary = [
		{"value": counts[rules.ON_TIME], "label": _("On time"), "datatype": "Int", "indicator": "Green"},
		{"value": counts[rules.LATE], "label": _("Late"), "datatype": "Int", "indicator": "Orange"},
		{"value": counts[rules.MISSING], "label": _("Missing"), "datatype": "Int", "indicator": "Red"},
	]
	return columns(), data, None, None, summary


def columns():
	return [
		{
			"fieldname": "period",
			"label": _("Period"),
			"fieldtype": "Link",
			"options": "KLS Reporting Period",
			"width": 140,
		},
		{
			"fieldname": "region",
			"label": _("Region"),
			"fieldtype": "Link",
			"options": "KLS Region",
			"width": 90,
		},
		{
			"fieldname": "regional_report",
			"label": _("Regional report"),
			"fieldtype": "Link",
			"options": "KLS Regional Report",
			"width": 200,
		},
		{"fieldname": "report_status", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{"fieldname": "due_date", "label": _("Due"), "fieldtype": "Date", "width": 100},
		{"fieldname": "submitted_on", "label": _("Submitted on"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "compliance", "label": _("Compliance"), "fieldtype": "Data", "width": 100},
	]
