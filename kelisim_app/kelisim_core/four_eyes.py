"""Four eyes and self-approval on every workflow of the app, as one mechanism (docs/security.md, «Four eyes»).

* `check_step` (doc_events "*": validate, before_cancel, before_update_after_submit) runs on every path
  that moves a document of an app DocType from one workflow state to another (the desk's workflow
  buttons, `apply_workflow`, a form save or REST PUT of the state field, bulk approval): the user must
  hold a transition of that step, may not approve what he prepared where the transition forbids it, and
  may not take the step after a hand-over he took himself (`approval_rules`). Every step leaves a Version,
  even in tests where Frappe skips them: the history the next step is checked against.
* `apply_workflow` / `get_transitions` replace Frappe's whitelisted methods of the same names
  (override_whitelisted_methods): the desk is not offered an action the user may not take, and a refused
  action is a permission error (HTTP 403), not a validation error.

Nothing here names a workflow: a new workflow on an app DocType is covered as it is. An administrator
relaxes four eyes per workflow in **KLS Approval Settings** (with a reason, logged).
"""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.model import workflow as frappe_workflow
from frappe.model.base_document import BaseDocument
from frappe.model.document import Document

from kelisim_app.exceptions import ApproverRoleError
from kelisim_app.kelisim_core import approval_rules as rules

SETTINGS = "KLS Approval Settings"
SUPERUSER = "Administrator"  # as in Frappe's own self-approval rule


def app_workflow(doctype: str):
	"""The active workflow of an app DocType, or None."""
	from kelisim_app.kelisim_core.permissions import _app_modules

	name = frappe_workflow.get_workflow_name(doctype)
	if not name or frappe.get_meta(doctype).module not in _app_modules():
		return None
	return frappe.get_cached_doc("Workflow", name)


def is_relaxed(workflow_name: str) -> bool:
	settings = frappe.get_cached_doc(SETTINGS)
	return any(row.workflow == workflow_name for row in settings.get("relaxed_workflows") or [])


def previous_step(doctype: str, name: str, field: str) -> rules.Step | None:
	"""The last change of the workflow state recorded in the document's history (Version), or None."""
	version = frappe.qb.DocType("Version")
	rows = (
		frappe.qb.from_(version)
		.select(version.owner, version.data)
		.where(
			(version.ref_doctype == doctype) & (version.docname == name) & (version.data.like(f'%"{field}"%'))
		)
		.orderby(version.creation, order=frappe.qb.desc)
		.limit(20)
		.run(as_dict=True)
	)
	for row in rows:
		try:
			changed = json.loads(row.data or "{}").get("changed") or []
		except ValueError:
			continue
		for change in changed:
			if len(change) == 3 and change[0] == field and change[1] != change[2]:
				return rules.Step(change[1] or "", change[2] or "", row.owner)
	return None


def rows_for(workflow, doc, state: str, user: str, *, next_state=None, action=None) -> list:
	"""The transition rows out of `state` the user holds (role, condition), optionally narrowed."""
	roles = set(frappe.get_roles(user))
	return [
		t
		for t in workflow.transitions
		if t.state == state
		and (next_state is None or t.next_state == next_state)
		and (action is None or t.action == action)
		and t.allowed in roles
		and frappe_workflow.is_transition_condition_satisfied(t, doc)
	]


def plain(row) -> dict:
	return row.as_dict() if isinstance(row, BaseDocument) else dict(row)


def refusal(workflow, doc, state: str, user: str, rows: list) -> None:
	"""Raise the permission error for a step out of `state` the user may not take (rows: his rows)."""
	if user == SUPERUSER:
		return
	rules.check_self_approval(doc.get("owner"), user, [plain(r) for r in rows])
	previous = previous_step(doc.doctype, doc.name, workflow.workflow_state_field)
	rules.check_four_eyes(
		[s.as_dict() for s in workflow.states],
		previous,
		state,
		user,
		relaxed=is_relaxed(workflow.name),
		step_label=_(rows[0].action) if rows else "",
	)


def check_step(doc: Document, method=None) -> None:
	"""doc_events: a change of the workflow state is a step the user may take."""
	if doc.meta.istable or doc.is_new() or frappe.flags.in_install or frappe.flags.in_migrate:
		return
	workflow = app_workflow(doc.doctype)
	if not workflow:
		return
	field = workflow.workflow_state_field
	before = doc.get_doc_before_save()
	old, new = (before.get(field) if before else None), doc.get(field)
	if not old or old == new:
		return
	doc.flags.ignore_version = False  # the step is the history the next step is checked against
	user = frappe.session.user
	rows = rows_for(workflow, before, old, user, next_state=new)
	if not rows:
		if doc.flags.ignore_permissions or user == SUPERUSER:
			return  # the app's own moves; Frappe's validate_workflow still checks the roles of a save
		frappe.throw(
			_("You may not move {0} {1} from {2} to {3}").format(_(doc.doctype), doc.name, _(old), _(new)),
			ApproverRoleError,
			title=_("Not permitted"),
		)
	refusal(workflow, before, old, user, rows)


def may_take(doc: Document, transition) -> bool:
	workflow = app_workflow(doc.doctype)
	if not workflow:
		return True
	state = doc.get(workflow.workflow_state_field)
	try:
		refusal(workflow, doc, state, frappe.session.user, [transition])
	except frappe.PermissionError:
		frappe.clear_last_message()
		return False
	return True


def _load(doc) -> Document:
	if isinstance(doc, Document):
		return doc
	doc = frappe.get_doc(frappe.parse_json(doc))
	doc.load_from_db()
	return doc


@frappe.whitelist()
def get_transitions(doc, workflow=None, raise_exception: bool = False) -> list[dict]:
	"""Frappe's list of the actions the user may take, without those four eyes or self approval refuse."""
	doc = _load(doc)
	if not frappe_workflow.get_workflow_name(doc.doctype):
		doc.check_permission("read")
		return []
	transitions = frappe_workflow.get_transitions(doc, raise_exception=raise_exception)
	return [t for t in transitions if may_take(doc, frappe._dict(t))]


@frappe.whitelist(methods=["POST"])
def apply_workflow(doc, action: str):
	"""Frappe's apply_workflow, with who-may-act refusals raised as permission errors (HTTP 403)."""
	loaded = _load(doc)
	workflow = app_workflow(loaded.doctype)
	if workflow:
		loaded.check_permission("read")
		state = loaded.get(workflow.workflow_state_field)
		user = frappe.session.user
		named = [
			t
			for t in workflow.transitions
			if t.state == state
			and t.action == action
			and frappe_workflow.is_transition_condition_satisfied(t, loaded)
		]
		mine = rows_for(workflow, loaded, state, user, action=action)
		if named and not mine and user != SUPERUSER:
			frappe.throw(
				_("{0} is not an action your roles may take on {1} {2}").format(
					_(action), _(loaded.doctype), loaded.name
				),
				ApproverRoleError,
				title=_("Not permitted"),
			)
		if mine:
			refusal(workflow, loaded, state, user, mine)
	return frappe_workflow.apply_workflow(doc, action)
