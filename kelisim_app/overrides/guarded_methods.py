"""Frappe's whitelisted methods that take a document by name, each with the right the caller must hold on it.

Pure data; `document_access.py` holds the guard of each, and hooks.py (override_whitelisted_methods) puts
the guards in place of the methods (`OVERRIDES`, checked against hooks.py by the method scanner).

Frappe 15.44 answers many of these without looking at the document's permission (`validate_link` confirms
that a record of another region exists; `add_tag`, `toggle_like`, `follow_document`, `add_comment` attach
things to a record the caller may not write) or answers a refusal differently from a missing record (getdoc:
`[]` for a missing record, 403 for a refused one). For an app DocType each is answered as if the record did not
exist unless the caller holds the right on it: a refusal (`frappe.PermissionError`, 403) that reads the same for
a record he may not reach and for a name that does not exist.

A locator says where the method takes the document from:
  ("arg", doctype_param, name_param)       one document (a 4th item: or a document given as JSON there)
  ("filters", doctype_param, name_param, filters_param)  a name, or filters that pick one record
  ("list", doctype_param, names_param)     several (a JSON list or a comma-separated string)
  ("args", dict_param)                     a dict argument (or the form) holding "doctype" and "name"
  ("comment", name_param)                  the document a Comment is about
  ("form", doctype_key, name_key)          the request's form (upload_file)
`on_refusal`: "refuse" (403), "empty" (answer as for a missing record: validate_link's empty dict) or
"nothing" (getdoc's answer for a missing record: an empty list, no message).
"""

from __future__ import annotations

READ, WRITE, SHARE, CANCEL, DELETE, PRINT, EMAIL = (
	"read",
	"write",
	"share",
	"cancel",
	"delete",
	"print",
	"email",
)

# method: (right, locator, on_refusal)
GUARDED_METHODS: dict[str, tuple[str, tuple, str]] = {
	# --- reads: existence, name, title, values
	"frappe.client.validate_link": (READ, ("arg", "doctype", "docname"), "empty"),
	"frappe.client.get": (READ, ("filters", "doctype", "name", "filters"), "refuse"),
	"frappe.client.has_permission": (READ, ("arg", "doctype", "docname"), "refuse"),
	"frappe.client.get_doc_permissions": (READ, ("arg", "doctype", "docname"), "refuse"),
	"frappe.client.is_document_amended": (READ, ("arg", "doctype", "docname"), "refuse"),
	"frappe.client.get_password": (WRITE, ("arg", "doctype", "name"), "refuse"),
	# a DocType's own methods called from the form (the app's whitelisted controller methods among them)
	"frappe.handler.run_doc_method": (READ, ("arg", "dt", "dn", "docs"), "refuse"),
	# Frappe's getdoc answers a missing record with nothing (the desk then shows "not found", or a new
	# document for a `new-…` name): a record the caller may not read gets that same answer
	"frappe.desk.form.load.getdoc": (READ, ("arg", "doctype", "name"), "nothing"),
	"frappe.desk.form.load.get_docinfo": (READ, ("arg", "doctype", "name"), "refuse"),
	"frappe.desk.form.load.get_communications": (READ, ("arg", "doctype", "name"), "refuse"),
	"frappe.desk.form.linked_with.get": (READ, ("arg", "doctype", "docname"), "refuse"),
	"frappe.desk.form.linked_with.get_submitted_linked_docs": (READ, ("arg", "doctype", "name"), "refuse"),
	"frappe.desk.link_preview.get_preview_data": (READ, ("arg", "doctype", "docname"), "refuse"),
	"frappe.desk.search.get_link_title": (READ, ("arg", "doctype", "docname"), "refuse"),
	"frappe.desk.notifications.get_open_count": (READ, ("arg", "doctype", "name"), "refuse"),
	"frappe.desk.form.document_follow.get_follow_users": (READ, ("arg", "doctype", "doc_name"), "refuse"),
	"frappe.share.get_users": (READ, ("arg", "doctype", "name"), "refuse"),
	"frappe.core.api.file.get_attached_images": (READ, ("list", "doctype", "names"), "refuse"),
	"frappe.realtime.can_subscribe_doc": (READ, ("arg", "doctype", "docname"), "refuse"),
	"frappe.printing.page.print.print.get_print_settings_to_show": (
		READ,
		("arg", "doctype", "docname"),
		"refuse",
	),
	"frappe.core.doctype.submission_queue.submission_queue.get_latest_submissions": (
		READ,
		("arg", "doctype", "docname"),
		"refuse",
	),
	"frappe.social.doctype.energy_point_log.energy_point_log.get_reviews": (
		READ,
		("arg", "doctype", "docname"),
		"refuse",
	),
	"frappe.utils.print_format.download_pdf": (PRINT, ("arg", "doctype", "name"), "refuse"),
	"frappe.utils.print_format.download_multi_pdf": (PRINT, ("list", "doctype", "name"), "refuse"),
	"frappe.utils.print_format.download_multi_pdf_async": (PRINT, ("list", "doctype", "name"), "refuse"),
	"frappe.utils.print_format.print_by_server": (PRINT, ("arg", "doctype", "name"), "refuse"),
	"frappe.utils.weasyprint.download_pdf": (PRINT, ("arg", "doctype", "name"), "refuse"),
	"frappe.website.doctype.web_form.web_form.get_form_data": (READ, ("arg", "doctype", "docname"), "refuse"),
	"frappe.core.doctype.communication.email.make": (EMAIL, ("arg", "doctype", "name"), "refuse"),
	"frappe.utils.goal.get_monthly_goal_graph_data": (READ, ("arg", "doctype", "docname"), "refuse"),
	# --- writes: change, comment, assign, share, tag, follow, like, attach
	"frappe.client.set_value": (WRITE, ("arg", "doctype", "name"), "refuse"),
	"frappe.client.cancel": (CANCEL, ("arg", "doctype", "name"), "refuse"),
	"frappe.client.delete": (DELETE, ("arg", "doctype", "name"), "refuse"),
	"frappe.client.attach_file": (WRITE, ("arg", "doctype", "docname"), "refuse"),
	"frappe.desk.form.save.cancel": (CANCEL, ("arg", "doctype", "name"), "refuse"),
	"frappe.desk.form.utils.add_comment": (WRITE, ("arg", "reference_doctype", "reference_name"), "refuse"),
	"frappe.desk.form.utils.update_comment": (WRITE, ("comment", "name"), "refuse"),
	"frappe.templates.includes.comments.comments.add_comment": (
		WRITE,
		("arg", "reference_doctype", "reference_name"),
		"refuse",
	),
	"frappe.templates.includes.likes.likes.like": (
		WRITE,
		("arg", "reference_doctype", "reference_name"),
		"refuse",
	),
	"frappe.desk.like.toggle_like": (WRITE, ("arg", "doctype", "name"), "refuse"),
	"frappe.desk.doctype.tag.tag.add_tag": (WRITE, ("arg", "dt", "dn"), "refuse"),
	"frappe.desk.doctype.tag.tag.remove_tag": (WRITE, ("arg", "dt", "dn"), "refuse"),
	"frappe.desk.doctype.tag.tag.add_tags": (WRITE, ("list", "dt", "docs"), "refuse"),
	"frappe.desk.form.assign_to.add": (WRITE, ("args", "args"), "refuse"),
	"frappe.desk.form.assign_to.add_multiple": (WRITE, ("args", "args"), "refuse"),
	"frappe.desk.form.assign_to.remove": (WRITE, ("arg", "doctype", "name"), "refuse"),
	"frappe.desk.form.assign_to.remove_multiple": (WRITE, ("list", "doctype", "names"), "refuse"),
	"frappe.desk.form.assign_to.close": (WRITE, ("arg", "doctype", "name"), "refuse"),
	"frappe.desk.form.document_follow.follow_document": (WRITE, ("arg", "doctype", "doc_name"), "refuse"),
	"frappe.desk.form.document_follow.unfollow_document": (READ, ("arg", "doctype", "doc_name"), "refuse"),
	"frappe.desk.form.document_follow.update_follow": (WRITE, ("arg", "doctype", "doc_name"), "refuse"),
	"frappe.share.add": (SHARE, ("arg", "doctype", "name"), "refuse"),
	"frappe.share.set_permission": (SHARE, ("arg", "doctype", "name"), "refuse"),
	"frappe.handler.upload_file": (WRITE, ("form", "doctype", "docname"), "refuse"),
	"frappe.utils.file_manager.add_attachments": (WRITE, ("arg", "doctype", "name"), "refuse"),
	"frappe.model.rename_doc.update_document_title": (WRITE, ("arg", "doctype", "docname"), "refuse"),
	"frappe.model.document.unlock_document": (WRITE, ("arg", "doctype", "name"), "refuse"),
	"frappe.automation.doctype.auto_repeat.auto_repeat.make_auto_repeat": (
		WRITE,
		("arg", "doctype", "docname"),
		"refuse",
	),
	"frappe.automation.doctype.assignment_rule.assignment_rule.bulk_apply": (
		WRITE,
		("list", "doctype", "docnames"),
		"refuse",
	),
	"frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs": (
		WRITE,
		("list", "doctype", "docnames"),
		"refuse",
	),
	"frappe.model.workflow.bulk_workflow_approval": (WRITE, ("list", "doctype", "docnames"), "refuse"),
}

MODULE = "kelisim_app.overrides.document_access"


def alias(method: str) -> str:
	"""The name of the guard of `method` in `document_access`."""
	return method.replace(".", "__")


OVERRIDES = {method: f"{MODULE}.{alias(method)}" for method in GUARDED_METHODS}
# the names the desk calls run_doc_method by (frappe/public/js/frappe/request.js: cmd "run_doc_method")
for _name in ("run_doc_method", "runserverobj", "frappe.handler.runserverobj"):
	OVERRIDES[_name] = OVERRIDES["frappe.handler.run_doc_method"]
# Frappe lets anyone call run_doc_method (execute_cmd skips its whitelist check): so does its guard
GUEST_GUARDS = frozenset({"frappe.handler.run_doc_method"})
