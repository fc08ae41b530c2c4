"""One guard for every Frappe whitelisted method that takes a document by name (`guarded_methods.py`), and
for the records Frappe hangs on a document (comments, tags, assignments, shares, files, follows).

Frappe behaviours this changes, for documents of the app's DocTypes only (Frappe's own stay as they are):

* existence: `frappe.client.validate_link` (and `get_link_title`, `get_preview_data`, `getdoc`, ...) told a
  user whether a record he may not read exists, by name - a KGU specialist confirmed another region's records.
  Now a record the caller may not reach and a name that does not exist get the same answer: a refusal
  (`frappe.PermissionError`, 403) with one message, or for `validate_link` the empty answer of a missing link;
* writes: `add_tag`, `toggle_like`, `follow_document`, `add_comment`, `assign_to.add`, `upload_file` ... put
  something on a record the caller may not write. Now each needs the right of `GUARDED_METHODS` on it.

The guards replace the methods through `override_whitelisted_methods` (hooks.py), so only calls from the
client pass through them; the app's own code calls Frappe directly. Records made through other paths (REST
inserts of Comment, ToDo, Tag Link, File, Document Follow) are checked by `check_reference` (doc_events).
"""

from __future__ import annotations

import inspect

import frappe
from frappe import _

from kelisim_app.kelisim_core.read_guard import is_app_doctype
from kelisim_app.overrides.guarded_methods import GUARDED_METHODS, GUEST_GUARDS, READ, WRITE, alias

ADMIN = "Administrator"


# ------------------------------------------------------------------------------------------ the check
def app_document(doctype) -> bool:
	return (
		isinstance(doctype, str)
		and bool(doctype)
		and bool(frappe.db.exists("DocType", doctype, cache=True))
		and is_app_doctype(doctype)
	)


def may(doctype: str, name: str, ptype: str, user: str | None = None) -> bool:
	"""Whether `user` holds `ptype` on the existing record `doctype` `name` (False when it does not exist)."""
	user = user or frappe.session.user
	if not isinstance(name, str | int) or not frappe.db.exists(doctype, name):
		return False
	if user == ADMIN:
		return True
	doc = frappe.get_doc(doctype, name)
	return bool(frappe.has_permission(doctype, ptype, doc=doc, user=user))


def refuse(doctype: str, name) -> None:
	"""The one answer for a record the caller may not reach and for a record that does not exist."""
	frappe.throw(
		_("{0} {1} was not found, or you are not permitted to access it").format(_(doctype), name),
		frappe.PermissionError,
		title=_("Not permitted"),
	)


def check(doctype, name, ptype: str) -> bool:
	"""True when the call may go on; refuses otherwise (for app DocTypes)."""
	if not name or not app_document(doctype):
		return True
	if not may(doctype, name, ptype):
		return False
	return True


# ------------------------------------------------------------------------------------------ locators
def _names(value) -> list:
	if value is None or value == "":
		return []
	if isinstance(value, list | tuple):
		return list(value)
	if isinstance(value, str) and value.strip().startswith("["):
		parsed = frappe.parse_json(value)
		return list(parsed) if isinstance(parsed, list) else [value]
	if isinstance(value, str) and "," in value:
		return [part.strip() for part in value.split(",") if part.strip()]
	return [value]


def documents(locator: tuple, kwargs: dict) -> list[tuple[str, object]]:
	"""The (doctype, name) pairs a call names, as its method reads them."""
	kind = locator[0]
	if kind == "arg":
		if len(locator) > 3 and not kwargs.get(locator[2]) and kwargs.get(locator[3]):
			doc = frappe.parse_json(kwargs.get(locator[3]))
			if isinstance(doc, dict) and not doc.get("__islocal"):
				return [(doc.get("doctype"), doc.get("name"))]
		return [(kwargs.get(locator[1]), kwargs.get(locator[2]))]
	if kind == "list":
		return [(kwargs.get(locator[1]), name) for name in _names(kwargs.get(locator[2]))]
	if kind == "args":
		args = kwargs.get(locator[1]) or frappe.local.form_dict
		args = frappe.parse_json(args) if isinstance(args, str) else args
		if not isinstance(args, dict):
			return []
		return [(args.get("doctype"), name) for name in _names(args.get("name"))]
	if kind == "comment":
		name = kwargs.get(locator[1])
		ref = frappe.db.get_value("Comment", name, ["reference_doctype", "reference_name"], as_dict=True)
		return [(ref.reference_doctype, ref.reference_name)] if ref else []
	if kind == "form":
		return [(frappe.local.form_dict.get(locator[1]), frappe.local.form_dict.get(locator[2]))]
	raise ValueError(f"unknown locator {locator}")


# ------------------------------------------------------------------------------------------ the guards
def make_guard(method: str):
	ptype, locator, on_refusal = GUARDED_METHODS[method]
	original = frappe.get_attr(method)
	allow_guest = original in frappe.guest_methods or method in GUEST_GUARDS
	methods = frappe.allowed_http_methods_for_whitelisted_func.get(original)

	def guard(**kwargs):
		kwargs.pop("cmd", None)
		# Frappe's assign_to.add / remove / close take ignore_permissions as an argument, and the request
		# handler passes it from the form: a client may never switch the checks off
		kwargs.pop("ignore_permissions", None)
		for doctype, name in documents(locator, kwargs):
			if check(doctype, name, ptype):
				continue
			if on_refusal == "empty":
				return frappe._dict()
			refuse(doctype, name)
		return frappe.call(original, **kwargs)

	guard.__name__ = alias(method)
	guard.__qualname__ = alias(method)
	guard.__doc__ = f"`{method}` for a caller holding {ptype} on the document (guarded_methods.py)."
	guard.__signature__ = inspect.Signature([inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD)])
	return frappe.whitelist(allow_guest=allow_guest, methods=methods)(guard)


for _method in GUARDED_METHODS:
	globals()[alias(_method)] = make_guard(_method)


# ------------------------------------------------------------------------------------------ doc events
# The records Frappe hangs on a document, with the fields that name it.
REFERENCES = {
	"Comment": ("reference_doctype", "reference_name"),
	"Tag Link": ("document_type", "document_name"),
	"ToDo": ("reference_type", "reference_name"),
	"DocShare": ("share_doctype", "share_name"),
	"File": ("attached_to_doctype", "attached_to_name"),
	"Document Follow": ("ref_doctype", "ref_docname"),
}
# the right a record needs on its document (sharing needs share)
REFERENCE_PTYPE = {"DocShare": "share"}


def check_reference(doc, method=None) -> None:
	"""doc_events before_insert of Comment, Tag Link, ToDo, DocShare, File, Document Follow: made by a user
	(not by the app's or Frappe's own code, which passes ignore_permissions), the record needs the right to
	write its document - a crafted REST insert may not comment on, tag, assign, share, attach to or follow
	another region's record."""
	if doc.flags.ignore_permissions or frappe.session.user == ADMIN:
		return
	doctype_field, name_field = REFERENCES[doc.doctype]
	doctype, name = doc.get(doctype_field), doc.get(name_field)
	if not name or not app_document(doctype):
		return
	if not may(doctype, name, REFERENCE_PTYPE.get(doc.doctype, WRITE)):
		refuse(doctype, name)


__all__ = ["READ", "WRITE", "check", "check_reference", "may", "refuse"]
