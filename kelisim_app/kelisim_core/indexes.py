"""Composite indexes the national-scale queries need (docs/benchmarks.md), kept in place by install and
migrate (`install.setup_site`). A DocType's `search_index` gives one column; these serve a filter and a range
together, or answer a count from the index alone:

* a region's records of a period — report compile, the KGU's lists and workspace: events by end date, cases by
  the day received, publications by the day published;
* the dashboards' counts over the whole country, answered from the index alone (Frappe's charts add
  `docstatus < 2`, hence the column) — events by date and state (events held this quarter, events per
  month, by base project, the Kazakh share by month), cases by state and risk (open and high-risk cases)
  and by outcome, structures by status and activity (the Active Structures card and chart).
"""

from __future__ import annotations

import frappe

INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
	("KLS Event", ("region", "event_date")),
	("KLS Event", ("event_date", "workflow_state", "docstatus")),
	("KLS Event", ("workflow_state", "base_project", "docstatus")),
	("KLS Event", ("workflow_state", "event_date", "uses_kazakh")),
	("KLS Mediation Case", ("region", "received_on")),
	("KLS Media Publication", ("region", "published_on")),
	("KLS Mediation Case", ("workflow_state", "risk", "docstatus")),
	("KLS Mediation Case", ("outcome", "docstatus")),
	("KLS Public Structure", ("status", "activity_status", "docstatus")),
)


def index_name(fields: tuple[str, ...]) -> str:
	return "kls_" + "_".join(fields)


def ensure_indexes() -> int:
	"""Create the missing ones; returns how many were created."""
	created = 0
	for doctype, fields in INDEXES:
		name = index_name(fields)
		if not frappe.db.has_index(f"tab{doctype}", name):
			frappe.db.add_index(doctype, list(fields), name)
			created += 1
	return created
