# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Charter Review Cycle: every registered structure (not dissolved) with where its charter stands — no
charter, never reviewed, overdue (last review more than three years ago), due within 90 days, reviewed —
its last review and the next one due; a summary counts each state. Scoped like the registry reports."""

from __future__ import annotations

from collections import Counter

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import getdate, today

from kelisim_app.kelisim_registry import rules
from kelisim_app.kelisim_registry.report.scope import apply_scope, structure_columns
from kelisim_app.utils.read_only import replica_read


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	rows = get_data(filters, frappe.session.user)
	counts = Counter(r["state_key"] for r in rows)
	summary = [
		{"label": _(state), "value": counts[state], "datatype": "Int", "indicator": indicator}
		for state, indicator in zip(
			rules.CHARTER_STATES, ("grey", "orange", "red", "yellow", "green"), strict=True
		)
	]
	return get_columns(), rows, None, None, summary


def get_columns() -> list[dict]:
	return [
		*structure_columns(),
		{"fieldname": "charter_version", "label": _("Charter version"), "fieldtype": "Data", "width": 110},
		{"fieldname": "charter_reviewed_on", "label": _("Last review"), "fieldtype": "Date", "width": 110},
		{"fieldname": "next_review", "label": _("Next review due"), "fieldtype": "Date", "width": 120},
		{"fieldname": "state", "label": _("Charter"), "fieldtype": "Data", "width": 130},
	]


def get_data(filters: frappe._dict, user: str) -> list[dict]:
	s = DocType("KLS Public Structure")
	query = (
		frappe.qb.from_(s)
		.select(
			s.name,
			s.region,
			s.structure_name,
			s.structure_kind,
			s.charter_file,
			s.charter_version,
			s.charter_reviewed_on,
		)
		.where(s.status != rules.STATUS_DISSOLVED)
	)
	if filters.get("region"):
		query = query.where(s.region == filters.region)
	if filters.get("structure_kind"):
		query = query.where(s.structure_kind == filters.structure_kind)
	on = getdate(today())
	out = []
	for row in apply_scope(query, s, user).orderby(s.region).orderby(s.structure_name).run(as_dict=True):
		reviewed = getdate(row.charter_reviewed_on) if row.charter_reviewed_on else None
		state = rules.charter_state(bool(row.charter_file or row.charter_version or reviewed), reviewed, on)
		if filters.get("state") and state != filters.state:
			continue
		out.append(
			{
				"region": row.region,
				"structure": row.name,
				"structure_name": row.structure_name,
				"structure_kind": row.structure_kind,
				"charter_version": row.charter_version,
				"charter_reviewed_on": reviewed,
				"next_review": rules.charter_next_review(reviewed),
				"state": _(state),
				"state_key": state,
			}
		)
	return out
