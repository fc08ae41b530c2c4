"""Four eyes, derived from a workflow's own metadata: plain functions, layer-1 tests run them without Frappe.

A state of a workflow belongs to a *desk*: the roles that may edit the document in that state (its
`allow_edit` rows). A step (transition) that leads to a state of another desk *hands the document over*
(the region hands its report to the RGU coordinator, the coordinator hands it to the RGU Head). After a
hand-over, the next step is taken by someone else than the person who handed the document over: nobody
acts on two consecutive approval steps of the same document, whatever roles his profile combines. Steps
that keep the document on the same desk (a specialist marks an event held and then reports it; a mediator
starts the mediation and records the agreement) may be taken by one person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kelisim_app.exceptions import FourEyesError, SelfApprovalError, fail
from kelisim_app.utils.i18n import _


@dataclass(frozen=True)
class Step:
	"""A step already taken: from which state to which, by whom."""

	from_state: str
	to_state: str
	user: str


def desks(states: Iterable[Mapping]) -> dict[str, frozenset[str]]:
	"""state -> the roles that edit the document in that state."""
	out: dict[str, set[str]] = {}
	for row in states:
		out.setdefault(row.get("state"), set())
		if row.get("allow_edit"):
			out[row.get("state")].add(row.get("allow_edit"))
	return {state: frozenset(roles) for state, roles in out.items()}


def hands_over(states: Iterable[Mapping], from_state: str, to_state: str) -> bool:
	"""Whether a step from `from_state` to `to_state` moves the document to another desk."""
	d = desks(states)
	return d.get(from_state, frozenset()) != d.get(to_state, frozenset())


def handover_steps(definition: Mapping) -> list[tuple[str, str, str]]:
	"""(state, action, next_state) of every transition of a definition that hands the document over."""
	states = definition.get("states") or []
	return sorted(
		{
			(t.get("state"), t.get("action"), t.get("next_state"))
			for t in definition.get("transitions") or []
			if hands_over(states, t.get("state"), t.get("next_state"))
		}
	)


def four_eyes_refuses(
	states: Iterable[Mapping], previous: Step | None, current_state: str, user: str, relaxed: bool = False
) -> bool:
	"""Whether `user` may not take a step out of `current_state` because he took the hand-over into it.

	`previous`: the last step of the document's history (None: unknown, e.g. a record made before the app
	kept its steps); it counts only when it explains the current state."""
	if relaxed or previous is None or previous.to_state != current_state:
		return False
	return previous.user == user and hands_over(states, previous.from_state, previous.to_state)


def check_four_eyes(
	states: Iterable[Mapping],
	previous: Step | None,
	current_state: str,
	user: str,
	relaxed: bool = False,
	step_label: str = "",
) -> None:
	if four_eyes_refuses(states, previous, current_state, user, relaxed):
		fail(
			_(
				"Four eyes: you took the previous step of this document ({0} → {1}); {2} is taken by "
				"someone else"
			).format(_(previous.from_state), _(previous.to_state), step_label or _("the next step")),
			FourEyesError,
			title=_("Not permitted"),
		)


def self_approval_refuses(owner: str | None, user: str, rows: Iterable[Mapping]) -> bool:
	"""Frappe's rule, on every path: the author of a document takes none of its steps that allow no self
	approval. `rows`: the transition rows the user's step may be (his roles, their conditions hold)."""
	rows = list(rows)
	return bool(rows) and owner == user and not any(int(r.get("allow_self_approval") or 0) for r in rows)


def check_self_approval(owner: str | None, user: str, rows: Iterable[Mapping]) -> None:
	if self_approval_refuses(owner, user, rows):
		fail(_("Self approval is not allowed"), SelfApprovalError, title=_("Not permitted"))
