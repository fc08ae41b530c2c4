"""Apply the workflows kept as code (see `workflow_defs`) to the site, never over an administrator's change."""

from __future__ import annotations

from pathlib import Path

import frappe
from frappe import _
from frappe.utils import now_datetime

from kelisim_app.kelisim_core import workflow_defs as defs
from kelisim_app.kelisim_core.workflow_defs import SyncAction

TRACKER = "KLS Shipped Workflow"
STATUS_IN_SYNC = "In sync"
STATUS_CUSTOMISED = "Customised by administrator"
STATUS_DELETED = "Deleted by administrator"


def current_definition(workflow_name: str) -> dict | None:
	if not frappe.db.exists("Workflow", workflow_name):
		return None
	doc = frappe.get_doc("Workflow", workflow_name)
	out = {k: doc.get(k) for k in defs.WORKFLOW_FIELDS}
	out["states"] = [{k: s.get(k) for k in defs.STATE_FIELDS} for s in doc.states]
	out["transitions"] = [{k: t.get(k) for k in defs.TRANSITION_FIELDS} for t in doc.transitions]
	return out


def _ensure_masters(definition: dict) -> None:
	for state in definition.get("states") or []:
		if not frappe.db.exists("Workflow State", state["state"]):
			frappe.get_doc(
				{
					"doctype": "Workflow State",
					"workflow_state_name": state["state"],
					"style": state.get("style") or "",
				}
			).insert(ignore_permissions=True)
	for transition in definition.get("transitions") or []:
		if not frappe.db.exists("Workflow Action Master", transition["action"]):
			frappe.get_doc(
				{"doctype": "Workflow Action Master", "workflow_action_name": transition["action"]}
			).insert(ignore_permissions=True)


def apply_definition(definition: dict) -> None:
	"""Create or overwrite the Workflow record from a (validated) definition."""
	_ensure_masters(definition)
	d = defs.normalise(definition)
	if frappe.db.exists("Workflow", d["workflow_name"]):
		doc = frappe.get_doc("Workflow", d["workflow_name"])
		doc.set("states", [])
		doc.set("transitions", [])
	else:
		doc = frappe.new_doc("Workflow")
	for key in defs.WORKFLOW_FIELDS:
		doc.set(key, d[key])
	for state in d["states"]:
		doc.append("states", state)
	for transition in d["transitions"]:
		doc.append("transitions", transition)
	doc.flags.ignore_permissions = True
	doc.save()


def _tracker(workflow_name: str):
	if frappe.db.exists(TRACKER, workflow_name):
		return frappe.get_doc(TRACKER, workflow_name)
	return frappe.get_doc({"doctype": TRACKER, "workflow_name": workflow_name})


def sync_definition(definition: dict, source_file: str = "", force: bool = False) -> SyncAction:
	"""Sync one definition; `force` takes the shipped definition even over an administrator's change."""
	known_roles = set(frappe.get_all("Role", pluck="name"))
	d = defs.validate(definition, known_roles)
	name = d["workflow_name"]
	tracker = _tracker(name)
	shipped = defs.fingerprint(d)
	current = current_definition(name)
	current_hash = defs.fingerprint(current) if current is not None else None
	action = defs.decide(shipped, tracker.applied_hash or None, current_hash)
	if force and action in (SyncAction.KEEP_CUSTOMISED, SyncAction.KEEP_DELETED):
		action = SyncAction.UPDATE if current is not None else SyncAction.CREATE

	if action in (SyncAction.CREATE, SyncAction.UPDATE):
		apply_definition(definition)
		tracker.applied_hash = defs.fingerprint(current_definition(name))
		tracker.status = STATUS_IN_SYNC
		tracker.note = ""
	elif action == SyncAction.UNCHANGED:
		tracker.applied_hash = current_hash
		tracker.status = STATUS_IN_SYNC
	elif action == SyncAction.KEEP_CUSTOMISED:
		tracker.status = STATUS_CUSTOMISED
		tracker.note = _(
			"Changed by an administrator; migrate keeps the change and does not apply the shipped definition."
		)
	else:
		tracker.status = STATUS_DELETED
		tracker.note = _("Deleted by an administrator; migrate does not create it again.")
	tracker.document_type = d["document_type"]
	tracker.shipped_hash = shipped
	tracker.source_file = source_file
	tracker.last_synced_on = now_datetime()
	tracker.flags.ignore_permissions = True
	tracker.save()
	return action


def sync_shipped_workflows(folder: Path | None = None, verbose: bool = True) -> dict[str, SyncAction]:
	"""Sync every definition file; print the workflows left alone (install and migrate call this)."""
	results: dict[str, SyncAction] = {}
	for path, definition in defs.load_definitions(folder or defs.WORKFLOW_DIR):
		if not frappe.db.exists("DocType", definition.get("document_type")):
			continue
		results[definition["workflow_name"]] = sync_definition(definition, source_file=path.name)
	left_alone = {
		k: v for k, v in results.items() if v in (SyncAction.KEEP_CUSTOMISED, SyncAction.KEEP_DELETED)
	}
	if verbose and results:
		print(
			"Kelisim workflows: {} in sync, {} left alone{}".format(
				len(results) - len(left_alone),
				len(left_alone),
				"".join(f"\n  - {k}: {v.value}" for k, v in left_alone.items()),
			)
		)
	return results


def reset_to_shipped(workflow_name: str) -> SyncAction:
	for path, definition in defs.load_definitions():
		if definition.get("workflow_name") == workflow_name:
			return sync_definition(definition, source_file=path.name, force=True)
	frappe.throw(_("No shipped definition for workflow {0}").format(workflow_name))
