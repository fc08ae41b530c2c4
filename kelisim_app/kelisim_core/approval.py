"""What every KGU → RGU approval chain of the app shares: the state before this save, and the history of
returns (each round with its reason, who returned it and when)."""

from __future__ import annotations

import frappe
from frappe.utils import now_datetime


def previous_state(doc) -> str | None:
	"""The workflow state the document had before this save (None for a new one)."""
	before = doc.get_doc_before_save()
	return before.get("workflow_state") if before else None


def state_changed(doc) -> bool:
	previous = previous_state(doc)
	return bool(previous) and previous != doc.get("workflow_state")


def record_return(doc, reason: str, table: str = "returns") -> None:
	"""Keep a return round in the document's history table."""
	doc.append(
		table,
		{
			"round": len(doc.get(table) or []) + 1,
			"reason": reason,
			"returned_by": frappe.session.user,
			"returned_on": now_datetime(),
		},
	)
