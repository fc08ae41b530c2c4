"""Field-level confidentiality of what Frappe serves *beside* a document, for every DocType of the app.

Which values are confidential is read from the metadata, never listed: the fields at a permission level the
reader holds no DocPerm for (`kelisim_core.metadata.hidden_fields`: permlevel >= 1, and a child table's fields follow the
permlevel of the parent's Table field). A DocType the app gains later is covered without new code.

Frappe 15.44 applies field levels to the document it sends (`apply_fieldlevel_read_permissions`) but not to
what it sends with it. `install()` wraps these functions of Frappe (module attributes, looked up at call time
by their callers), each redacting for the user who receives the answer:

* `frappe.desk.form.load.get_versions` - the change history getdoc / get_docinfo send with the form: the old
  and new values of a confidential field become "•••" (the change, its time and author stay visible);
* `frappe.desk.form.load.get_milestones` - a milestone tracked on a confidential field keeps no value;
* `frappe.desk.form.load.get_attachments` - files attached through a confidential Attach field are left out
  (and `file_has_permission` refuses them: the URL alone does not open them);
* `frappe.desk.form.document_follow.get_version` - the e-mail digest of a followed document: its changes,
  redacted for the follower;
* `frappe.desk.form.load.get_title_values_for_link_and_dynamic_link_fields` (and its twin for table and
  multiselect fields) - the titles of the records a form links to, sent with getdoc and read from the
  database without a permission check: the title of a record of the app the reader may not read (a person
  without consent, a record of another region) is left out, and the desk shows the link by its name;
* `DataExporter.add_data_row` (the Data Export tool) - it reads child rows with a plain query: the fields of
  a row the reader may not read are left empty (the parent's come through `get_list`, already guarded).

The history stays whole in the database: a reader who holds the level sees it as recorded. History recorded
before this existed is redacted the same way when it is served, so no patch rewrites it (the mediation case
keeps its own stricter rule: its history never stores the values, `KLSMediationCase.save_version`).
"""

from __future__ import annotations

import json

import frappe
from frappe import _

from kelisim_app.kelisim_core.confidential_rules import REDACTED, redact_version_diff
from kelisim_app.kelisim_core.metadata import hidden_fields, is_app_doctype

_WRAPPED = "_kelisim_confidential"


def install() -> None:
	"""Idempotent: wrap Frappe's functions once per process."""
	from frappe.core.doctype.data_export.exporter import DataExporter
	from frappe.desk.form import document_follow, load

	for module, name, wrapper in (
		(load, "get_versions", _get_versions),
		(load, "get_milestones", _get_milestones),
		(load, "get_attachments", _get_attachments),
		(document_follow, "get_version", _follow_digest_versions),
		(load, "get_title_values_for_link_and_dynamic_link_fields", _link_titles),
		(load, "get_title_values_for_table_and_multiselect_fields", _link_titles),
		(DataExporter, "add_data_row", _export_row),
	):
		current = getattr(module, name)
		if getattr(current, _WRAPPED, False):
			continue
		setattr(module, name, _wrap(current, wrapper))


def _wrap(original, wrapper):
	def wrapped(*args, **kwargs):
		return wrapper(original, *args, **kwargs)

	setattr(wrapped, _WRAPPED, True)
	wrapped.__wrapped__ = original
	wrapped.__doc__ = wrapper.__doc__
	return wrapped


# ------------------------------------------------------------------------------------------ what is hidden
def table_fields_hidden(doctype: str, user: str | None = None) -> dict[str, frozenset[str]]:
	"""For each Table field of `doctype` the reader may see: the fields of its rows he may not read."""
	meta = frappe.get_meta(doctype)
	return {
		df.fieldname: hidden_fields(df.options, doctype, user)
		for df in meta.get_table_fields()
		if hidden_fields(df.options, doctype, user)
	}


def redact_version_data(doctype: str, data: str | dict | None, user: str | None = None):
	"""A Version's `data` (JSON text or dict, as given) without the values `user` may not read."""
	if not data or not is_app_doctype(doctype):
		return data
	hidden = hidden_fields(doctype, user=user)
	in_rows = table_fields_hidden(doctype, user)
	if not hidden and not in_rows:
		return data
	diff = json.loads(data) if isinstance(data, str) else data
	if not isinstance(diff, dict):
		return data
	redacted = redact_version_diff(diff, hidden, in_rows)
	return frappe.as_json(redacted, indent=None, separators=(",", ":")) if isinstance(data, str) else redacted


# ------------------------------------------------------------------------------------------ the wrappers
def _get_versions(original, doc, *args, **kwargs):
	"""getdoc's change history, redacted for the session user."""
	versions = original(doc, *args, **kwargs)
	for version in versions or []:
		version["data"] = redact_version_data(doc.doctype, version.get("data"))
	return versions


def _get_milestones(original, doctype, name, *args, **kwargs):
	"""Milestones tracked on a confidential field keep no value for a reader without the level."""
	milestones = original(doctype, name, *args, **kwargs)
	hidden = hidden_fields(doctype) if is_app_doctype(doctype) else frozenset()
	for milestone in milestones or []:
		if milestone.get("track_field") in hidden:
			milestone["value"] = REDACTED
	return milestones


def _get_attachments(original, dt, dn, *args, **kwargs):
	"""The form's attachments without the files of confidential Attach fields."""
	files = original(dt, dn, *args, **kwargs)
	if not files or not is_app_doctype(dt):
		return files
	hidden = hidden_fields(dt)
	if not hidden:
		return files
	fields = dict(
		frappe.get_all(
			"File",
			filters={"name": ["in", [f["name"] for f in files]]},
			fields=["name", "attached_to_field"],
			as_list=True,
		)
	)
	return [f for f in files if fields.get(f["name"]) not in hidden]


def _follow_digest_versions(original, doctype, doc_name, frequency, user, *args, **kwargs):
	"""The document-follow digest lists the changes with their old and new values: redacted for its
	recipient (who may lack the level even though he may follow the document)."""
	items = original(doctype, doc_name, frequency, user, *args, **kwargs)
	if not items or not is_app_doctype(doctype):
		return items
	hidden = hidden_fields(doctype, user=user)
	in_rows = table_fields_hidden(doctype, user)
	for item in items:
		data = item.get("data") or {}
		table = data.get("table_field")
		if table:
			secret = table in hidden or data.get("field") in in_rows.get(table, ())
		else:
			secret = data.get("field") in hidden
		if secret:
			data["from"] = data["to"] = REDACTED
	return items


# ------------------------------------------------------------------------------------------ files
def _link_titles(original, doc, *args, **kwargs):
	"""The link titles getdoc sends with a form, only of the records the reader may read."""
	titles = original(doc, *args, **kwargs)
	return {key: title for key, title in titles.items() if _may_read_title(key)}


def _may_read_title(key: str) -> bool:
	doctype, _sep, name = key.partition("::")
	return may_read_record(doctype, name)


def may_read_record(doctype: str, name: str) -> bool:
	"""Whether the session user may read this record; a record of another app is left to its app."""
	if not is_app_doctype(doctype):
		return True
	try:
		return bool(frappe.has_permission(doctype, "read", doc=name))
	except frappe.DoesNotExistError:
		return False


def _export_row(original, exporter, rows, dt, parentfield, doc, *args, **kwargs):
	"""A row of the Data Export tool, without the fields its reader may not read."""
	parent = exporter.parent_doctype if parentfield else None
	hidden = hidden_fields(dt, parent) if is_app_doctype(dt) else frozenset()
	if hidden:
		doc = frappe._dict(doc)
		for fieldname in hidden:
			doc[fieldname] = None
	return original(exporter, rows, dt, parentfield, doc, *args, **kwargs)


def file_has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""has_permission of File: a file attached through a confidential Attach field of an app DocType opens
	only for a user who may read that field (Frappe checks the document's permission, not the field's)."""
	doctype, field = doc.get("attached_to_doctype"), doc.get("attached_to_field")
	if not doctype or not field or not frappe.db.exists("DocType", doctype) or not is_app_doctype(doctype):
		return None
	if field in hidden_fields(doctype, user=user or frappe.session.user):
		return False
	return None


# ------------------------------------------------------------------------------------------ notifications
def check_notification(doc, method=None) -> None:
	"""doc_events Notification.validate: Frappe renders a Notification's subject and message with the whole
	document and sends them to its recipients whatever their permission levels (e-mail, Notification Log,
	system notification). A notification of an app DocType may therefore not name a confidential field (any
	field at permlevel >= 1): the value would reach recipients without the level."""
	from kelisim_app.kelisim_core.confidential_rules import names_confidential_field

	if not doc.document_type or not is_app_doctype(doc.document_type):
		return
	meta = frappe.get_meta(doc.document_type)
	secret = [df.fieldname for df in meta.fields if df.permlevel]
	for df in meta.get_table_fields():
		if df.permlevel:
			secret.append(df.fieldname)
	template = "\n".join(str(doc.get(f) or "") for f in ("subject", "message", "message_type"))
	found = names_confidential_field(template, secret)
	if found:
		frappe.throw(
			_("A notification may not show {0}: its recipients may not be permitted to read it").format(
				", ".join(_(meta.get_label(f)) for f in found)
			),
			frappe.PermissionError,
			title=_("Not permitted"),
		)
