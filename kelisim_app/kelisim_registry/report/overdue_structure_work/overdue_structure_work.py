# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Overdue Structure Work: for the KGU, the active structures whose yearly work plan (due 31 January) or
quarterly report (due ten days after the quarter) is past its date and not handed in — missing, still a
draft, or returned and not resubmitted — with the days overdue. The user's scope (region, secretaryship)
is applied by `report.scope`."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, getdate, today

from kelisim_app.kelisim_registry import rules
from kelisim_app.kelisim_registry.report.scope import apply_scope, structure_columns
from kelisim_app.utils.i18n import N_
from kelisim_app.utils.read_only import replica_read

MISSING = N_("Missing")


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters, frappe.session.user)


def get_columns() -> list[dict]:
	return [
		*structure_columns(),
		{"fieldname": "item", "label": _("Due"), "fieldtype": "Data", "width": 130},
		{"fieldname": "due_date", "label": _("Due by"), "fieldtype": "Date", "width": 100},
		{"fieldname": "state", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{"fieldname": "days_overdue", "label": _("Days overdue"), "fieldtype": "Int", "width": 110},
		{"fieldname": "document", "label": _("Document"), "fieldtype": "Dynamic Link", "options": "doctype"},
		{"fieldname": "doctype", "label": _("Document type"), "fieldtype": "Data", "hidden": 1},
	]


def structures(filters, user: str) -> list:
	s = DocType("KLS Public Structure")
	query = (
		frappe.qb.from_(s)
		.select(s.name, s.structure_name, s.structure_kind, s.region)
		.where(s.status == rules.STATUS_ACTIVE)
	)
	if filters.get("region"):
		query = query.where(s.region == filters.region)
	if filters.get("structure_kind"):
		query = query.where(s.structure_kind == filters.structure_kind)
	return apply_scope(query, s, user).orderby(s.region).orderby(s.structure_name).run(as_dict=True)


def states(doctype: str, year: int, keys: tuple[str, ...]) -> dict[tuple, tuple[str, str]]:
	"""{(structure, *keys): (name, state)} of the year's records of `doctype`."""
	rows = frappe.get_all(
		doctype, filters={"year": year}, fields=["name", "structure", "workflow_state", *keys], limit=0
	)
	return {(r.structure, *(str(r[k]) for k in keys)): (r.name, r.workflow_state) for r in rows}


def get_data(filters: frappe._dict, user: str) -> list[dict]:
	year = cint(filters.get("year")) or getdate(today()).year
	on = getdate(filters.get("on") or today())
	due_items = [("KLS Structure Plan", (), _("Work plan"), rules.plan_due(year))] + [
		("KLS Structure Report", (str(q),), _("Report Q{0}").format(q), rules.report_due(year, q))
		for q in rules.QUARTERS
	]
	due_items = [item for item in due_items if item[3] < on]
	if not due_items:
		return []
	plans = states("KLS Structure Plan", year, ())
	reports = states("KLS Structure Report", year, ("quarter",))
	out = []
	for s in structures(filters, user):
		for doctype, key, label, due in due_items:
			name, state = (plans if doctype == "KLS Structure Plan" else reports).get(
				(s.name, *key), (None, None)
			)
			days = rules.overdue_days(due, state, on)
			if days:
				out.append(
					{
						"region": s.region,
						"structure": s.name,
						"structure_name": s.structure_name,
						"structure_kind": s.structure_kind,
						"item": label,
						"due_date": due,
						"state": _(state or MISSING),
						"days_overdue": days,
						"document": name,
						"doctype": doctype if name else None,
					}
				)
	return out
