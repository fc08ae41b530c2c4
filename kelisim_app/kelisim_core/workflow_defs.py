"""Workflow definitions kept as code (`kelisim_app/workflow/*.json`): loading, validation, fingerprints
and the sync decision. Plain functions: layer-1 tests run them without Frappe.

Migrate applies a shipped definition only while the Workflow record still carries the fingerprint the
app last wrote into it; once an administrator has changed (or deleted) the workflow, it is left alone
and migrate says so.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any

from kelisim_app.exceptions import WorkflowDefinitionError, fail
from kelisim_app.utils.i18n import _

WORKFLOW_DIR = Path(__file__).resolve().parent.parent / "workflow"

DOC_STATUSES = ("0", "1", "2")
# docstatus moves Frappe allows along a transition: draft→draft/submitted, submitted→submitted/cancelled
LEGAL_DOCSTATUS_MOVES = {("0", "0"), ("0", "1"), ("1", "1"), ("1", "2")}

STATE_FIELDS = {
	"state": "",
	"doc_status": "0",
	"allow_edit": "",
	"update_field": "",
	"update_value": "",
	"is_optional_state": 0,
	"avoid_status_override": 0,
	"next_action_email_template": "",
	"message": "",
}
# Fields of the Workflow State master (not of the workflow's own state rows) a definition may carry.
STATE_MASTER_FIELDS = {"style": ""}
TRANSITION_FIELDS = {
	"state": "",
	"action": "",
	"next_state": "",
	"allowed": "",
	"allow_self_approval": 0,  # the app's default: nobody approves what he prepared
	"condition": "",
}
WORKFLOW_FIELDS = {
	"workflow_name": "",
	"document_type": "",
	"workflow_state_field": "workflow_state",
	"is_active": 1,
	"override_status": 0,
	"send_email_alert": 0,
}
CHECK_FIELDS = {
	"is_optional_state",
	"avoid_status_override",
	"allow_self_approval",
	"is_active",
	"override_status",
	"send_email_alert",
}


class SyncAction(str, Enum):
	CREATE = "create"
	UPDATE = "update"
	UNCHANGED = "unchanged"
	KEEP_CUSTOMISED = "keep-customised"
	KEEP_DELETED = "keep-deleted"


def _clean(value: Any, key: str, default: Any) -> Any:
	if value is None or value == "":
		return default
	if key in CHECK_FIELDS:
		return 1 if value in (1, "1", True) else 0
	return str(value)


def normalise(definition: dict) -> dict:
	"""The managed part of a workflow, with defaults filled and types fixed: the same for a definition
	file and for the Workflow record made from it."""
	out = {k: _clean(definition.get(k), k, d) for k, d in WORKFLOW_FIELDS.items()}
	out["states"] = [
		{k: _clean(s.get(k), k, d) for k, d in STATE_FIELDS.items()} for s in definition.get("states") or []
	]
	out["transitions"] = [
		{k: _clean(t.get(k), k, d) for k, d in TRANSITION_FIELDS.items()}
		for t in definition.get("transitions") or []
	]
	return out


def fingerprint(definition: dict) -> str:
	canonical = json.dumps(normalise(definition), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
	return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def problems(definition: dict, known_roles: Iterable[str] | None = None) -> list[str]:
	"""Every inconsistency of a definition, as translated sentences (empty list: the definition is sound)."""
	d = normalise(definition)
	out: list[str] = []
	name = d["workflow_name"] or "?"
	if not d["workflow_name"] or not d["document_type"]:
		out.append(_("Workflow {0}: workflow_name and document_type are required").format(name))
	states = [s["state"] for s in d["states"]]
	if not states:
		out.append(_("Workflow {0} has no states").format(name))
		return out
	# a state may have several rows, one per role allowed to edit it, with the same doc status
	rows = [(s["state"], s["allow_edit"]) for s in d["states"]]
	if len(set(rows)) != len(rows):
		out.append(_("Workflow {0} repeats a state").format(name))
	for state in set(states):
		if len({s["doc_status"] for s in d["states"] if s["state"] == state}) > 1:
			out.append(_("Workflow {0}: state {1} has rows with different doc statuses").format(name, state))
	by_state = {s["state"]: s for s in d["states"]}
	states = list(dict.fromkeys(states))
	roles = set(known_roles) if known_roles is not None else None
	for s in d["states"]:
		if s["doc_status"] not in DOC_STATUSES:
			out.append(
				_("Workflow {0}: state {1} has an illegal doc status {2}").format(
					name, s["state"], s["doc_status"]
				)
			)
		if roles is not None and s["allow_edit"] and s["allow_edit"] not in roles:
			out.append(
				_("Workflow {0}: state {1} names an unknown role {2}").format(
					name, s["state"], s["allow_edit"]
				)
			)
	if d["states"][0]["doc_status"] != "0":
		out.append(_("Workflow {0}: the first state must be a draft (doc status 0)").format(name))
	seen: set[tuple[str, str, str]] = set()
	for t in d["transitions"]:
		label = "{} --{}--> {}".format(t["state"], t["action"], t["next_state"])
		if not t["action"]:
			out.append(_("Workflow {0}: transition {1} has no action").format(name, label))
		if not t["allowed"]:
			out.append(_("Workflow {0}: transition {1} names no role").format(name, label))
		elif roles is not None and t["allowed"] not in roles:
			out.append(
				_("Workflow {0}: transition {1} names an unknown role {2}").format(name, label, t["allowed"])
			)
		if t["state"] not in by_state or t["next_state"] not in by_state:
			out.append(_("Workflow {0}: transition {1} joins an unknown state").format(name, label))
			continue
		move = (by_state[t["state"]]["doc_status"], by_state[t["next_state"]]["doc_status"])
		if move not in LEGAL_DOCSTATUS_MOVES:
			out.append(
				_("Workflow {0}: transition {1} moves doc status {2} to {3}").format(name, label, *move)
			)
		key = (t["state"], t["action"], t["allowed"])
		if key in seen:
			out.append(_("Workflow {0}: transition {1} is repeated").format(name, label))
		seen.add(key)
	reachable = {states[0]}
	changed = True
	while changed:
		changed = False
		for t in d["transitions"]:
			if t["state"] in reachable and t["next_state"] not in reachable and t["next_state"] in by_state:
				reachable.add(t["next_state"])
				changed = True
	for s in states:
		if s not in reachable:
			out.append(_("Workflow {0}: state {1} cannot be reached from {2}").format(name, s, states[0]))
	return out


def validate(definition: dict, known_roles: Iterable[str] | None = None) -> dict:
	found = problems(definition, known_roles)
	if found:
		fail("\n".join(found), WorkflowDefinitionError)
	return normalise(definition)


def load_definitions(folder: Path = WORKFLOW_DIR) -> list[tuple[Path, dict]]:
	"""Every `*.json` definition in the workflow folder, in name order."""
	out = []
	for path in sorted(folder.glob("*.json")):
		with open(path, encoding="utf-8") as f:
			out.append((path, json.load(f)))
	return out


def decide(shipped_hash: str, applied_hash: str | None, current_hash: str | None) -> SyncAction:
	"""What migrate does with one shipped workflow.

	shipped_hash: fingerprint of the definition file; applied_hash: what the app last wrote into the
	Workflow record (None: never); current_hash: the record as it is now (None: it does not exist)."""
	if current_hash is None:
		return SyncAction.KEEP_DELETED if applied_hash else SyncAction.CREATE
	if current_hash == shipped_hash:
		return SyncAction.UNCHANGED  # whoever wrote it, it is what the app ships: in sync
	if applied_hash is None or current_hash != applied_hash:
		return SyncAction.KEEP_CUSTOMISED
	return SyncAction.UPDATE
