# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Execution discipline per region: instructions issued to it, done on time, done late, overdue, awaiting
the RGU's review (submitted in time), not yet due, and extensions granted. "On time" is measured against the deadline in force (after any granted
extension); the original deadline stays on the execution. Scoped like every report of the app: a KGU user
counts his own region only."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import flt, getdate, today

from kelisim_app.kelisim_core.localization import region_names
from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.kelisim_instructions import rules
from kelisim_app.utils.read_only import replica_read

EXECUTION = "KLS Instruction Execution"


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	rows = fetch(filters, frappe.session.user)
	figures = rules.discipline(rows, getdate(today()))
	names = region_names()
	data = []
	for region in sorted(figures):
		f = figures[region]
		done = f["on_time"] + f["late"]
		data.append(
			{
				"region": region,
				"region_name": names.get(region, region),
				"issued": f["issued"],
				"on_time": f["on_time"],
				"late": f["late"],
				"overdue": f["overdue"],
				"awaiting_review": f["awaiting_review"],
				"open": f["open"],
				"extensions": f["extensions"],
				"on_time_rate": flt(100.0 * f["on_time"] / done, 1) if done else None,
			}
		)
	return columns(), data, None, chart(data)


def fetch(filters, user: str) -> list[rules.ExecutionFacts]:
	e, i, x = DocType(EXECUTION), DocType("KLS Instruction"), DocType("KLS Execution Extension")
	query = (
		frappe.qb.from_(e)
		.join(i)
		.on(i.name == e.instruction)
		.select(
			e.name,
			e.region,
			e.workflow_state,
			e.deadline,
			e.original_deadline,
			e.completed_on,
			e.submitted_on,
		)
		.where(i.docstatus == 1)
	)
	regions = report_regions(user, EXECUTION)
	if regions is not None:
		query = query.where(e.region.isin(regions))
	if filters.region:
		query = query.where(e.region == filters.region)
	if filters.control_level:
		query = query.where(i.control_level == filters.control_level)
	if filters.from_date:
		query = query.where(i.issued_on >= filters.from_date)
	if filters.to_date:
		query = query.where(i.issued_on <= filters.to_date)
	executions = query.run(as_dict=True)
	if not executions:
		return []
	granted = dict(
		frappe.qb.from_(x)
		.select(x.parent, Count(x.name))
		.where(x.parenttype == EXECUTION)
		.where(x.decision == rules.EXTENSION_GRANTED)
		.where(x.parent.isin([r.name for r in executions]))
		.groupby(x.parent)
		.run()
	)
	return [
		rules.ExecutionFacts(
			region=r.region,
			state=r.workflow_state,
			deadline=getdate(r.deadline),
			original_deadline=getdate(r.original_deadline or r.deadline),
			completed_on=getdate(r.completed_on) if r.completed_on else None,
			extensions_granted=int(granted.get(r.name, 0)),
			reported_on=getdate(r.submitted_on) if r.submitted_on else None,
		)
		for r in executions
	]


def columns() -> list[dict]:
	def int_col(fieldname, label, width=110):
		return {"fieldname": fieldname, "label": label, "fieldtype": "Int", "width": width}

	return [
		{
			"fieldname": "region",
			"label": _("Region"),
			"fieldtype": "Link",
			"options": "KLS Region",
			"width": 90,
		},
		{"fieldname": "region_name", "label": _("Region name"), "fieldtype": "Data", "width": 200},
		int_col("issued", _("Issued")),
		int_col("on_time", _("Done on time")),
		int_col("late", _("Done late")),
		int_col("overdue", _("Overdue")),
		int_col("awaiting_review", _("Submitted in time, awaiting review"), 150),
		int_col("open", _("Not yet due")),
		int_col("extensions", _("Extensions granted"), 130),
		{"fieldname": "on_time_rate", "label": _("On time, %"), "fieldtype": "Percent", "width": 100},
	]


def chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [d["region_name"] for d in data],
			"datasets": [
				{"name": _("Done on time"), "values": [d["on_time"] for d in data]},
				{"name": _("Done late"), "values": [d["late"] for d in data]},
				{"name": _("Overdue"), "values": [d["overdue"] for d in data]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#29CD42", "#ECAD4B", "#E24C4C"],
	}
