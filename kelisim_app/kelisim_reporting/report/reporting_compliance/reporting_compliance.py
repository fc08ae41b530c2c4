# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Reporting compliance per region and period: on time (first submitted by the due date), late, missing
(not submitted and past due) or pending (not yet due). Scoped: a KGU user sees his own region."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.kelisim_reporting import rules


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	period_filters = {"name": filters.period} if filters.period else {}
	if filters.year:
		period_filters["year"] = filters.year
	periods = frappe.get_all(
		"KLS Reporting Period",
		filters=period_filters,
		fields=["name", "title", "due_date"],
		order_by="start_date",
	)
	regions = report_regions(frappe.session.user, "KLS Regional Report") or frappe.get_all(
		"KLS Region", pluck="name", order_by="name"
	)
	if filters.region:
		regions = [r for r in regions if r == filters.region]
	reports = {
		(r.period, r.region): r
		for r in frappe.get_all(
			"KLS Regional Report",
			filters={
				"period": ["in", [p.name for p in periods] or [""]],
				"region": ["in", regions or [""]],
				"docstatus": ["<", 2],
			},
			fields=["name", "period", "region", "workflow_state", "submitted_on"],
			ignore_permissions=True,  # scoped above by report_regions, like every report of the app
		)
	}
	now = getdate(today())
	data = []
	for period in periods:
		for region in regions:
			report = reports.get((period.name, region))
			status = rules.compliance(getdate(period.due_date), report.submitted_on if report else None, now)
			data.append(
				{
					"period": period.name,
					"region": region,
					"regional_report": report.name if report else None,
					"report_status": _(report.workflow_state) if report and report.workflow_state else None,
					"due_date": period.due_date,
					"submitted_on": report.submitted_on if report else None,
					"compliance": _(status),
				}
			)
	counts = {
		s: sum(1 for d in data if d["compliance"] == _(s)) for s in (rules.ON_TIME, rules.LATE, rules.MISSING)
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
