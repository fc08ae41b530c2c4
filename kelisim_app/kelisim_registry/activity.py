"""Structure activity: one mechanism every activity-proving record feeds.

A DocType proves a structure's activity by declaring itself in hooks.py:

    kelisim_activity_sources = [
        {"doctype": "KLS Event", "structure_field": "organiser", "date_field": "end_date",
         "filters": {"status": "Verified"}},
    ]

and by routing its doc events to `on_source_change` (on_update, on_trash, on_cancel). The structure's
`last_activity_on` is then the latest date among its counted records; `activity_status` follows from it
(and from the founding date) with the inactivity period of KLS Registry Settings, refreshed daily.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Max
from frappe.utils import getdate, today

from kelisim_app.kelisim_registry import rules

STRUCTURE = "KLS Public Structure"
HOOK = "kelisim_activity_sources"


def activity_sources(doctype: str | None = None) -> list[dict]:
	sources = [frappe._dict(s) for s in frappe.get_hooks(HOOK) or []]
	return [s for s in sources if doctype is None or s.doctype == doctype]


def inactivity_months() -> int:
	value = frappe.db.get_single_value("KLS Registry Settings", "inactivity_months")
	return int(value) if value else rules.DEFAULT_INACTIVITY_MONTHS


def latest_activity(structures: list[str]) -> dict[str, date]:
	"""Latest counted date per structure over every declared source (one aggregate query per source)."""
	latest: dict[str, date] = {}
	for source in activity_sources():
		table = DocType(source.doctype)
		structure_col = table[source.structure_field]
		query = (
			frappe.qb.from_(table)
			.select(structure_col, Max(table[source.date_field]))
			.where(structure_col.isin(structures))
			.where(table.docstatus < 2)
			.groupby(structure_col)
		)
		for field, value in (source.get("filters") or {}).items():
			query = query.where(
				table[field].isin(value) if isinstance(value, list | tuple) else table[field] == value
			)
		for structure, when in query.run():
			if when and (structure not in latest or getdate(when) > latest[structure]):
				latest[structure] = getdate(when)
	return latest


def refresh(structures: list[str] | None = None) -> int:
	"""Recompute last activity and activity status; None = every structure. Returns how many changed."""
	if structures is None:
		structures = frappe.get_all(STRUCTURE, pluck="name")
	if not structures:
		return 0
	latest = latest_activity(structures)
	months = inactivity_months()
	now = getdate(today())
	changed = 0
	rows = frappe.get_all(
		STRUCTURE,
		filters={"name": ["in", structures]},
		fields=["name", "founded_on", "last_activity_on", "activity_status"],
	)
	for row in rows:
		last = latest.get(row.name)
		status = rules.activity_status(last, getdate(row.founded_on) if row.founded_on else None, now, months)
		if (
			getdate(row.last_activity_on) if row.last_activity_on else None
		) != last or row.activity_status != status:
			frappe.db.set_value(
				STRUCTURE,
				row.name,
				{"last_activity_on": last, "activity_status": status},
				update_modified=False,
			)
			changed += 1
	return changed


def on_source_change(doc, method=None) -> None:
	"""doc_events handler of every activity source: refresh the structures the record points at (and the
	one it pointed at before an edit)."""
	touched: set[str] = set()
	before = doc.get_doc_before_save() if hasattr(doc, "get_doc_before_save") else None
	for source in activity_sources(doc.doctype):
		for record in (doc, before):
			if record and record.get(source.structure_field):
				touched.add(record.get(source.structure_field))
	if touched:
		refresh(sorted(touched))


def daily() -> None:
	"""Scheduler: time alone turns a structure inactive."""
	refresh()
