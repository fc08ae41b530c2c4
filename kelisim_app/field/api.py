"""The field app's server side, all as the signed-in user (permissions and region scope hold).

* `bootstrap`: who the user is, which screens he gets, and the reference data the device caches.
* `translations`: the user's language's translations of the front end's strings (the app's catalogues).
* `sync`: records queued on the device. A new record carries a client id made on the device; the field
  `client_id` is unique in the database, so a retried or duplicated sync returns the record made the first
  time and creates nothing. A workflow action carries the state and `modified` the device saw: a record changed
  on the server meanwhile comes back as a conflict, never overwritten. A refusal comes back with the server's
  translated message and the record stays on the device to be corrected.
"""

from __future__ import annotations

import json
import os

import frappe
from frappe import _
from frappe.model.workflow import get_workflow
from frappe.utils import cint, get_datetime

from kelisim_app.field import rules
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.permissions import user_region

EVENT = "KLS Event"
CONSULTATION = "KLS Consultation"
STRUCTURE = "KLS Public Structure"
RETURN_ACTIONS = ("Send back",)
REVIEW_STATE = "Reported"
EVENT_FIELDS = (
	"title",
	"event_type",
	"organiser",
	"start",
	"end",
	"format",
	"district",
	"base_project",
	"address",
	"participants_total",
	"participants_youth",
)
CONSULTATION_FIELDS = ("consulted_on", "category", "channel", "district", "question", "answer_summary")
MESSAGES_FILE = ("public", "frontend", "messages.json")


# ------------------------------------------------------------------------------------------ boot data
def screens(user: str | None = None) -> dict[str, bool]:
	roles = set(frappe.get_roles(user or frappe.session.user))
	return {
		"secretary": core.ROLE_STRUCTURE_SECRETARY in roles,
		"mediator": core.ROLE_MEDIATOR in roles,
		"reviewer": bool(roles & core.KGU_ROLES),
	}


def review_actions(user: str | None = None) -> list[str]:
	"""The actions the user may take on an event awaiting verification (from the shipped workflow)."""
	roles = set(frappe.get_roles(user or frappe.session.user))
	workflow = get_workflow(EVENT)
	return [t.action for t in workflow.transitions if t.state == REVIEW_STATE and t.allowed in roles]


def _labelled(doctype: str, fields: list[str] | None = None, filters: dict | None = None) -> list[dict]:
	rows = frappe.get_list(
		doctype, fields=["name", *(fields or [])], filters=filters or {}, limit_page_length=0
	)
	for row in rows:
		row.label = _(row.name)
	return sorted(rows, key=lambda r: r.label)


def _options(doctype: str, fieldname: str) -> list[dict]:
	options = frappe.get_meta(doctype).get_field(fieldname).options or ""
	return [{"name": o, "label": _(o)} for o in options.split("\n") if o]


def reference_data(user: str | None = None) -> dict:
	user = user or frappe.session.user
	show = screens(user)
	structures = (
		frappe.get_list(
			STRUCTURE,
			filters={"secretary_user": user},
			fields=["name", "structure_name", "region", "district", "status"],
			order_by="structure_name asc",
			limit_page_length=0,
		)
		if show["secretary"]
		else []
	)
	for s in structures:
		s["status_label"] = _(s.status or "")
	regions = {s.region for s in structures if s.region}
	if user_region(user):
		regions.add(user_region(user))
	mediator = frappe.db.get_value("KLS Mediator", {"user": user}, ["name", "region"], as_dict=True)
	if mediator and mediator.region:
		regions.add(mediator.region)
	data = {
		"structures": structures,
		"districts": _labelled("KLS District", ["region"], {"region": ["in", sorted(regions)]})
		if regions
		else [],
	}
	if show["secretary"]:
		data["event_types"] = _labelled("KLS Event Type")
		data["languages"] = _labelled("KLS Language", ["is_state_language"])
		data["base_projects"] = _labelled("KLS Base Project")
		data["formats"] = _options(EVENT, "format")
	if show["mediator"]:
		data["categories"] = _options(CONSULTATION, "category")
		data["channels"] = _options(CONSULTATION, "channel")
	return data


@frappe.whitelist(methods=["GET"])
def bootstrap() -> dict:
	"""The user, his screens and the reference data the device keeps for offline work."""
	user = frappe.session.user
	if user == "Guest":
		raise frappe.PermissionError(_("Sign in to use the field app"))
	return {
		"user": user,
		"full_name": frappe.utils.get_fullname(user),
		"lang": frappe.local.lang,
		"screens": screens(user),
		"review_actions": review_actions(user),
		"states": {
			s.state: _(s.state)
			for doctype in (EVENT, "KLS Mediation Case")
			for s in get_workflow(doctype).states
		},
		"reference": reference_data(user),
	}


# ------------------------------------------------------------------------------------------ translations
def frontend_messages() -> list[str]:
	"""The front end's strings, listed by its build (frontend/scripts/after-build.js)."""
	path = frappe.get_app_path("kelisim_app", *MESSAGES_FILE)
	if not os.path.exists(path):
		return []
	with open(path, encoding="utf-8") as f:
		return json.load(f)


def messages_for(lang: str) -> dict[str, str]:
	from frappe.translate import get_all_translations

	every = get_all_translations(lang) if lang and lang != "en" else {}
	return {m: every[m] for m in frontend_messages() if every.get(m) and every[m] != m}


@frappe.whitelist(methods=["GET"])
def translations(lang: str | None = None) -> dict[str, str]:
	"""The translations of the field app's strings into `lang` (default: the user's language), from the
	app's kk / ru catalogues."""
	if frappe.session.user == "Guest":
		raise frappe.PermissionError(_("Sign in to use the field app"))
	lang = lang if lang in frappe.get_all("Language", pluck="name", filters={"enabled": 1}) else None
	return messages_for(lang or frappe.local.lang)


# ------------------------------------------------------------------------------------------ sync
@frappe.whitelist(methods=["POST"])
def sync(records: list | str | None = None) -> list[dict]:
	"""Take the records queued on the device, each on its own: one refused record does not hold back the
	others, and none is half-saved (a savepoint per record)."""
	if frappe.session.user == "Guest":
		raise frappe.PermissionError(_("Sign in to use the field app"))
	records = frappe.parse_json(records) if isinstance(records, str) else records or []
	if not isinstance(records, list):
		frappe.throw(_("Nothing to synchronise"), rules.FieldSyncError)
	return [sync_one(record if isinstance(record, dict) else {}) for record in records]


def sync_one(record: dict) -> dict:
	client_id = str(record.get("client_id") or "")
	messages_before = len(frappe.local.message_log or [])
	savepoint = "kls_field_sync"
	frappe.db.savepoint(savepoint)
	try:
		client_id = rules.check_client_id(client_id)
		rules.check_op(record.get("op"), record.get("doctype"))
		if record["op"] == "create":
			result = create(record["doctype"], client_id, record.get("data") or {}, record.get("photos"))
		else:
			result = act(record)
	except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
		# the same client id inserted by a parallel sync that committed first
		frappe.db.rollback(save_point=savepoint)
		result = existing(record.get("doctype"), client_id) or refused(_("The record could not be saved"))
	except (frappe.ValidationError, frappe.PermissionError, frappe.DoesNotExistError) as e:
		frappe.db.rollback(save_point=savepoint)
		result = refused(error_message(e))
	finally:
		# the device shows the outcome per record; Frappe's message dialogs would repeat it
		del frappe.local.message_log[messages_before:]
	result["client_id"] = client_id
	return result


def error_message(e: Exception) -> str:
	text = str(e.args[0]) if e.args else ""
	if not text and frappe.local.message_log:
		text = frappe.parse_json(frappe.local.message_log[-1]).get("message", "")
	return frappe.utils.strip_html(text) or _("The server refused the record")


def refused(message: str) -> dict:
	return {"status": rules.REFUSED, "message": message}


def summary(doctype: str, name: str, status: str) -> dict:
	row = frappe.db.get_value(
		doctype, name, ["name", "modified", *(["workflow_state"] if doctype == EVENT else [])], as_dict=True
	)
	return {
		"status": status,
		"doctype": doctype,
		"name": row.name,
		"modified": str(row.modified),
		"workflow_state": row.get("workflow_state"),
	}


def existing(doctype: str | None, client_id: str) -> dict | None:
	if doctype not in rules.CREATABLE:
		return None
	# a locking read sees a row a parallel transaction has just committed
	name = frappe.db.get_value(doctype, {"client_id": client_id}, "name", for_update=True)
	if not name:
		return None
	if not frappe.has_permission(doctype, "read", name):
		raise frappe.PermissionError(_("This record belongs to someone else"))
	return summary(doctype, name, rules.EXISTS)


def create(doctype: str, client_id: str, data: dict, photos: list | None) -> dict:
	found = existing(doctype, client_id)
	if found:
		return found
	if doctype == EVENT:
		doc = new_event(data)
	else:
		doc = new_consultation(data)
	doc.client_id = client_id
	check_can_create(doc)
	doc.insert()
	if doctype == EVENT:
		attach_photos(doc, rules.decode_photos(client_id, photos))
		if cint(data.get("held")):
			from frappe.model.workflow import apply_workflow

			apply_workflow(doc, "Mark as held")
	return summary(doctype, doc.name, rules.CREATED)


def check_can_create(doc) -> None:
	"""A clear refusal (the structure by name) before Frappe's generic 'No permission'."""
	if doc.doctype == EVENT and doc.organiser:
		if not frappe.db.exists(STRUCTURE, doc.organiser):
			frappe.throw(_("Structure {0} does not exist").format(doc.organiser), frappe.DoesNotExistError)
		if not frappe.has_permission(STRUCTURE, "read", doc.organiser):
			frappe.throw(
				_("You may not record events of structure {0}: it is not one of yours").format(doc.organiser),
				frappe.PermissionError,
			)
	if not frappe.has_permission(doc.doctype, "create", doc=doc):
		frappe.throw(_("You may not create {0}").format(_(doc.doctype)), frappe.PermissionError)


def new_event(data: dict):
	doc = frappe.new_doc(EVENT)
	for field in EVENT_FIELDS:
		if data.get(field) not in (None, ""):
			doc.set(field, data[field])
	doc.outcome = rules.report_html(data.get("report"))
	for language in data.get("languages") or []:
		doc.append("languages", {"language": language})
	return doc


def new_consultation(data: dict):
	doc = frappe.new_doc(CONSULTATION)
	for field in CONSULTATION_FIELDS:
		if data.get(field) not in (None, ""):
			doc.set(field, data[field])
	doc.consultant = frappe.session.user
	region = user_region() or frappe.db.get_value("KLS Mediator", {"user": frappe.session.user}, "region")
	if doc.district and not region:
		region = frappe.db.get_value("KLS District", doc.district, "region")
	doc.region = region
	return doc


def attach_photos(doc, photos: list[rules.Photo]) -> None:
	for photo in photos:
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": photo.file_name,
				"attached_to_doctype": doc.doctype,
				"attached_to_name": doc.name,
				"is_private": 1,
				"content": photo.content,
			}
		).insert()


def act(record: dict) -> dict:
	"""A workflow action queued on the device: Held → Reported by the secretary, Verify / Send back by the
	KGU, applied only to the record as the device saw it."""
	from frappe.model.workflow import apply_workflow

	doctype, name, action = record.get("doctype"), record.get("name"), record.get("action")
	if doctype != EVENT or not name or not frappe.db.exists(EVENT, name):
		frappe.throw(_("The event no longer exists"), frappe.DoesNotExistError)
	rules.check_return_reason(action, record.get("reason"), RETURN_ACTIONS)
	frappe.has_permission(EVENT, "read", name, throw=True)
	doc = frappe.get_doc(EVENT, name, for_update=True)
	from_state = record.get("from_state")
	next_state = next(
		(
			t.next_state
			for t in get_workflow(EVENT).transitions
			if t.state == from_state and t.action == action
		),
		None,
	)
	outcome = rules.action_outcome(
		doc.workflow_state, doc.modified, from_state, record.get("base_modified"), next_state
	)
	if outcome == rules.EXISTS:
		return summary(EVENT, name, rules.EXISTS)
	if outcome == rules.CONFLICT:
		result = summary(EVENT, name, rules.CONFLICT)
		result["message"] = _(
			"The event was changed on the server since you loaded it (now: {0}, by {1} at {2}); nothing was applied"
		).format(
			_(doc.workflow_state),
			frappe.utils.get_fullname(doc.modified_by),
			str(get_datetime(doc.modified))[:16],
		)
		return result
	apply_workflow(doc, action)
	if action in RETURN_ACTIONS:
		doc.add_comment("Comment", _("Sent back: {0}").format(record.get("reason").strip()))
	return summary(EVENT, name, rules.DONE)
