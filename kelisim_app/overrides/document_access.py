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

import frappe
from frappe import _

from kelisim_app.kelisim_core.metadata import is_app_doctype
from kelisim_app.overrides.guarded_methods import GUARDED_METHODS, GUEST_GUARDS, READ, WRITE

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
	if kind == "filters":
		# a name, or filters that pick one record (frappe.client.get): the record they pick, readable or not
		name = kwargs.get(locator[2])
		if not name and kwargs.get(locator[3]) and app_document(kwargs.get(locator[1])):
			filters = frappe.parse_json(kwargs.get(locator[3]))
			name = frappe.db.get_value(kwargs.get(locator[1]), filters, "name") or "-"
		return [(kwargs.get(locator[1]), name)]
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
def run_guarded(method: str, kwargs: dict):
	"""Check the documents `method` names, then call Frappe's `method` with the same arguments."""
	ptype, locator, on_refusal = GUARDED_METHODS[method]
	kwargs.pop("cmd", None)
	# Frappe's assign_to.add / remove / close take ignore_permissions as an argument, and the request handler
	# passes it from the form: a client may never switch the checks off
	kwargs.pop("ignore_permissions", None)
	if locator[0] == "comment":
		# a comment that does not exist and a comment on a record the caller may not write answer alike
		comment = kwargs.get(locator[1])
		ref = documents(locator, kwargs)
		if not ref or not check(*ref[0], ptype):
			refuse("Comment", comment)
	for doctype, name in documents(locator, kwargs):
		if check(doctype, name, ptype):
			continue
		if on_refusal == "empty":
			return frappe._dict(name=None)  # validate_link's answer for a name that does not exist
		if on_refusal == "nothing":
			frappe.clear_last_message()
			return []  # getdoc's answer for a name that does not exist
		refuse(doctype, name)
	return frappe.call(frappe.get_attr(method), **kwargs)


def guard_of(method: str):
	"""Whitelist a guard as Frappe whitelisted `method` (guests, HTTP verbs)."""
	original = frappe.get_attr(method)
	allow_guest = original in frappe.guest_methods or method in GUEST_GUARDS
	methods = frappe.allowed_http_methods_for_whitelisted_func.get(original)

	def decorate(fn):
		return frappe.whitelist(allow_guest=allow_guest, methods=methods)(fn)

	return decorate


# One guard per method of GUARDED_METHODS (hooks.py override_whitelisted_methods names each).
@guard_of("frappe.client.validate_link")
def frappe__client__validate_link(**kwargs):
	return run_guarded("frappe.client.validate_link", kwargs)


@guard_of("frappe.client.get")
def frappe__client__get(**kwargs):
	return run_guarded("frappe.client.get", kwargs)


@guard_of("frappe.client.has_permission")
def frappe__client__has_permission(**kwargs):
	return run_guarded("frappe.client.has_permission", kwargs)


@guard_of("frappe.client.get_doc_permissions")
def frappe__client__get_doc_permissions(**kwargs):
	return run_guarded("frappe.client.get_doc_permissions", kwargs)


@guard_of("frappe.client.is_document_amended")
def frappe__client__is_document_amended(**kwargs):
	return run_guarded("frappe.client.is_document_amended", kwargs)


@guard_of("frappe.client.get_password")
def frappe__client__get_password(**kwargs):
	return run_guarded("frappe.client.get_password", kwargs)


@guard_of("frappe.handler.run_doc_method")
def frappe__handler__run_doc_method(**kwargs):
	return run_guarded("frappe.handler.run_doc_method", kwargs)


@guard_of("frappe.desk.form.load.getdoc")
def frappe__desk__form__load__getdoc(**kwargs):
	return run_guarded("frappe.desk.form.load.getdoc", kwargs)


@guard_of("frappe.desk.form.load.get_docinfo")
def frappe__desk__form__load__get_docinfo(**kwargs):
	return run_guarded("frappe.desk.form.load.get_docinfo", kwargs)


@guard_of("frappe.desk.form.load.get_communications")
def frappe__desk__form__load__get_communications(**kwargs):
	return run_guarded("frappe.desk.form.load.get_communications", kwargs)


@guard_of("frappe.desk.form.linked_with.get")
def frappe__desk__form__linked_with__get(**kwargs):
	return run_guarded("frappe.desk.form.linked_with.get", kwargs)


@guard_of("frappe.desk.form.linked_with.get_submitted_linked_docs")
def frappe__desk__form__linked_with__get_submitted_linked_docs(**kwargs):
	return run_guarded("frappe.desk.form.linked_with.get_submitted_linked_docs", kwargs)


@guard_of("frappe.desk.link_preview.get_preview_data")
def frappe__desk__link_preview__get_preview_data(**kwargs):
	return run_guarded("frappe.desk.link_preview.get_preview_data", kwargs)


@guard_of("frappe.desk.search.get_link_title")
def frappe__desk__search__get_link_title(**kwargs):
	return run_guarded("frappe.desk.search.get_link_title", kwargs)


@guard_of("frappe.desk.notifications.get_open_count")
def frappe__desk__notifications__get_open_count(**kwargs):
	return run_guarded("frappe.desk.notifications.get_open_count", kwargs)


@guard_of("frappe.desk.form.document_follow.get_follow_users")
def frappe__desk__form__document_follow__get_follow_users(**kwargs):
	return run_guarded("frappe.desk.form.document_follow.get_follow_users", kwargs)


@guard_of("frappe.share.get_users")
def frappe__share__get_users(**kwargs):
	return run_guarded("frappe.share.get_users", kwargs)


@guard_of("frappe.core.api.file.get_attached_images")
def frappe__core__api__file__get_attached_images(**kwargs):
	return run_guarded("frappe.core.api.file.get_attached_images", kwargs)


@guard_of("frappe.realtime.can_subscribe_doc")
def frappe__realtime__can_subscribe_doc(**kwargs):
	return run_guarded("frappe.realtime.can_subscribe_doc", kwargs)


@guard_of("frappe.printing.page.print.print.get_print_settings_to_show")
def frappe__printing__page__print__print__get_print_settings_to_show(**kwargs):
	return run_guarded("frappe.printing.page.print.print.get_print_settings_to_show", kwargs)


@guard_of("frappe.core.doctype.submission_queue.submission_queue.get_latest_submissions")
def frappe__core__doctype__submission_queue__submission_queue__get_latest_submissions(**kwargs):
	return run_guarded("frappe.core.doctype.submission_queue.submission_queue.get_latest_submissions", kwargs)


@guard_of("frappe.social.doctype.energy_point_log.energy_point_log.get_reviews")
def frappe__social__doctype__energy_point_log__energy_point_log__get_reviews(**kwargs):
	return run_guarded("frappe.social.doctype.energy_point_log.energy_point_log.get_reviews", kwargs)


@guard_of("frappe.utils.print_format.download_pdf")
def frappe__utils__print_format__download_pdf(**kwargs):
	return run_guarded("frappe.utils.print_format.download_pdf", kwargs)


@guard_of("frappe.utils.print_format.download_multi_pdf")
def frappe__utils__print_format__download_multi_pdf(**kwargs):
	return run_guarded("frappe.utils.print_format.download_multi_pdf", kwargs)


@guard_of("frappe.utils.print_format.download_multi_pdf_async")
def frappe__utils__print_format__download_multi_pdf_async(**kwargs):
	return run_guarded("frappe.utils.print_format.download_multi_pdf_async", kwargs)


@guard_of("frappe.utils.print_format.print_by_server")
def frappe__utils__print_format__print_by_server(**kwargs):
	return run_guarded("frappe.utils.print_format.print_by_server", kwargs)


@guard_of("frappe.utils.weasyprint.download_pdf")
def frappe__utils__weasyprint__download_pdf(**kwargs):
	return run_guarded("frappe.utils.weasyprint.download_pdf", kwargs)


@guard_of("frappe.website.doctype.web_form.web_form.get_form_data")
def frappe__website__doctype__web_form__web_form__get_form_data(**kwargs):
	return run_guarded("frappe.website.doctype.web_form.web_form.get_form_data", kwargs)


@guard_of("frappe.core.doctype.communication.email.make")
def frappe__core__doctype__communication__email__make(**kwargs):
	return run_guarded("frappe.core.doctype.communication.email.make", kwargs)


@guard_of("frappe.client.set_value")
def frappe__client__set_value(**kwargs):
	return run_guarded("frappe.client.set_value", kwargs)


@guard_of("frappe.client.cancel")
def frappe__client__cancel(**kwargs):
	return run_guarded("frappe.client.cancel", kwargs)


@guard_of("frappe.client.delete")
def frappe__client__delete(**kwargs):
	return run_guarded("frappe.client.delete", kwargs)


@guard_of("frappe.client.attach_file")
def frappe__client__attach_file(**kwargs):
	return run_guarded("frappe.client.attach_file", kwargs)


@guard_of("frappe.desk.form.save.cancel")
def frappe__desk__form__save__cancel(**kwargs):
	return run_guarded("frappe.desk.form.save.cancel", kwargs)


@guard_of("frappe.desk.form.utils.add_comment")
def frappe__desk__form__utils__add_comment(**kwargs):
	return run_guarded("frappe.desk.form.utils.add_comment", kwargs)


@guard_of("frappe.desk.form.utils.update_comment")
def frappe__desk__form__utils__update_comment(**kwargs):
	return run_guarded("frappe.desk.form.utils.update_comment", kwargs)


@guard_of("frappe.templates.includes.comments.comments.add_comment")
def frappe__templates__includes__comments__comments__add_comment(**kwargs):
	return run_guarded("frappe.templates.includes.comments.comments.add_comment", kwargs)


@guard_of("frappe.templates.includes.likes.likes.like")
def frappe__templates__includes__likes__likes__like(**kwargs):
	return run_guarded("frappe.templates.includes.likes.likes.like", kwargs)


@guard_of("frappe.desk.like.toggle_like")
def frappe__desk__like__toggle_like(**kwargs):
	return run_guarded("frappe.desk.like.toggle_like", kwargs)


@guard_of("frappe.desk.doctype.tag.tag.add_tag")
def frappe__desk__doctype__tag__tag__add_tag(**kwargs):
	return run_guarded("frappe.desk.doctype.tag.tag.add_tag", kwargs)


@guard_of("frappe.desk.doctype.tag.tag.remove_tag")
def frappe__desk__doctype__tag__tag__remove_tag(**kwargs):
	return run_guarded("frappe.desk.doctype.tag.tag.remove_tag", kwargs)


@guard_of("frappe.desk.doctype.tag.tag.add_tags")
def frappe__desk__doctype__tag__tag__add_tags(**kwargs):
	return run_guarded("frappe.desk.doctype.tag.tag.add_tags", kwargs)


@guard_of("frappe.desk.form.assign_to.add")
def frappe__desk__form__assign_to__add(**kwargs):
	return run_guarded("frappe.desk.form.assign_to.add", kwargs)


@guard_of("frappe.desk.form.assign_to.add_multiple")
def frappe__desk__form__assign_to__add_multiple(**kwargs):
	return run_guarded("frappe.desk.form.assign_to.add_multiple", kwargs)


@guard_of("frappe.desk.form.assign_to.remove")
def frappe__desk__form__assign_to__remove(**kwargs):
	return run_guarded("frappe.desk.form.assign_to.remove", kwargs)


@guard_of("frappe.desk.form.assign_to.remove_multiple")
def frappe__desk__form__assign_to__remove_multiple(**kwargs):
	return run_guarded("frappe.desk.form.assign_to.remove_multiple", kwargs)


@guard_of("frappe.desk.form.assign_to.close")
def frappe__desk__form__assign_to__close(**kwargs):
	return run_guarded("frappe.desk.form.assign_to.close", kwargs)


@guard_of("frappe.desk.form.document_follow.follow_document")
def frappe__desk__form__document_follow__follow_document(**kwargs):
	return run_guarded("frappe.desk.form.document_follow.follow_document", kwargs)


@guard_of("frappe.desk.form.document_follow.unfollow_document")
def frappe__desk__form__document_follow__unfollow_document(**kwargs):
	return run_guarded("frappe.desk.form.document_follow.unfollow_document", kwargs)


@guard_of("frappe.desk.form.document_follow.update_follow")
def frappe__desk__form__document_follow__update_follow(**kwargs):
	return run_guarded("frappe.desk.form.document_follow.update_follow", kwargs)


@guard_of("frappe.share.add")
def frappe__share__add(**kwargs):
	return run_guarded("frappe.share.add", kwargs)


@guard_of("frappe.share.set_permission")
def frappe__share__set_permission(**kwargs):
	return run_guarded("frappe.share.set_permission", kwargs)


@guard_of("frappe.handler.upload_file")
def frappe__handler__upload_file(**kwargs):
	return run_guarded("frappe.handler.upload_file", kwargs)


@guard_of("frappe.utils.file_manager.add_attachments")
def frappe__utils__file_manager__add_attachments(**kwargs):
	return run_guarded("frappe.utils.file_manager.add_attachments", kwargs)


@guard_of("frappe.model.rename_doc.update_document_title")
def frappe__model__rename_doc__update_document_title(**kwargs):
	return run_guarded("frappe.model.rename_doc.update_document_title", kwargs)


@guard_of("frappe.model.document.unlock_document")
def frappe__model__document__unlock_document(**kwargs):
	return run_guarded("frappe.model.document.unlock_document", kwargs)


@guard_of("frappe.automation.doctype.auto_repeat.auto_repeat.make_auto_repeat")
def frappe__automation__doctype__auto_repeat__auto_repeat__make_auto_repeat(**kwargs):
	return run_guarded("frappe.automation.doctype.auto_repeat.auto_repeat.make_auto_repeat", kwargs)


@guard_of("frappe.automation.doctype.assignment_rule.assignment_rule.bulk_apply")
def frappe__automation__doctype__assignment_rule__assignment_rule__bulk_apply(**kwargs):
	return run_guarded("frappe.automation.doctype.assignment_rule.assignment_rule.bulk_apply", kwargs)


@guard_of("frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs")
def frappe__desk__doctype__bulk_update__bulk_update__submit_cancel_or_update_docs(**kwargs):
	return run_guarded("frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs", kwargs)


@guard_of("frappe.model.workflow.bulk_workflow_approval")
def frappe__model__workflow__bulk_workflow_approval(**kwargs):
	return run_guarded("frappe.model.workflow.bulk_workflow_approval", kwargs)


@guard_of("frappe.utils.goal.get_monthly_goal_graph_data")
def frappe__utils__goal__get_monthly_goal_graph_data(**kwargs):
	return run_guarded("frappe.utils.goal.get_monthly_goal_graph_data", kwargs)


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


@frappe.whitelist()
def global_search(text: str, start: int = 0, limit: int = 20, doctype: str = ""):
	"""`frappe.utils.global_search.search` reads its index checking only that the user reads the DocType, not
	the record: once an administrator adds an app DocType to the Global Search Settings, the titles of
	another region's records would come back. A record of the app the user may not read is left out."""
	from frappe.utils.global_search import search

	from kelisim_app.overrides.confidential import may_read_record

	return [
		r
		for r in search(text, start=start, limit=limit, doctype=doctype)
		if may_read_record(r.doctype, r.name)
	]
