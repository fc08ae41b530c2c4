"""What every KGU → RGU approval chain of the app shares: the state before this save, and the history of
returns (each round with its reason, who returned it and when)."""

from __future__ import annotations

import frappe
from frappe.model.document import Document
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


class ApprovalDocument(Document):
	"""Base of the app's documents that move through an approval workflow (regional reports, project plans,
	instruction executions, structures' plans and reports, events): the state before this save, and the
	state a save moves the document into. Who may take a step (four eyes, the region, the role) is checked
	for every workflow by `four_eyes.check_step`; a return's reason and history by `record_return`."""

	def previous_state(self) -> str | None:
		return previous_state(self)

	def entered_state(self) -> str | None:
		"""The state this save moves an existing document into (None when it stays where it was)."""
		state, previous = self.get("workflow_state"), self.previous_state()
		return state if previous and state != previous else None
