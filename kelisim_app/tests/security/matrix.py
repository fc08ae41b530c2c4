"""The access paths of the permission matrix and the expected access, both derived from the metadata.

Expected access of a user kind to a record of region A:
* the kind's roles grant the right at permlevel 0 (DocPerm of the DocType), and
* a KGU user's region is A (User Permissions on KLS Region), and
* a Structure Secretary is secretary of the record's structure (structures, memberships, events, work plans
  and quarterly reports, youth initiatives, the councils handling a mediation case), and
  changes only people he registered or who are members of his structures (he reads them all), and
* a Mediator is the case's mediator (mediation cases) or the consultation's consultant;
* a Guest gets nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import frappe
from frappe.utils import get_url

from kelisim_app.kelisim_registry.permissions import PERSON_CHANGES
from kelisim_app.tests.security.world import Kind

SECRETARY_SCOPED = frozenset({"KLS Public Structure", "KLS Membership", "KLS Event"})
# --- #20: a council's secretary sees the cases his council handles or co-handles; a secretary his
# structures' work plans, quarterly reports and youth initiatives
SECRETARY_SCOPED |= {
	"KLS Mediation Case",
	"KLS Structure Plan",
	"KLS Structure Report",
	"KLS Youth Initiative",
}
SECRETARY_WRITE_SCOPED = frozenset({"KLS Person"})
MEDIATOR_SCOPED = frozenset({"KLS Mediation Case", "KLS Consultation"})
DENIED = (frappe.PermissionError,)


def role_grants(kind: Kind, doctype: str, ptype: str) -> bool:
	if kind.guest:
		return False
	roles = set(kind.roles)
	return any(
		p.role in roles and p.permlevel == 0 and p.get(ptype) for p in frappe.get_meta(doctype).permissions
	)


def in_scope(kind: Kind, doctype: str, region: str | None, ptype: str = "read") -> bool:
	if kind.guest:
		return False
	if kind.region and region and region != kind.region:
		return False
	if kind.secretary and doctype in SECRETARY_SCOPED:
		return False  # the world's records belong to another secretary's structure
	if kind.secretary and doctype in SECRETARY_WRITE_SCOPED and ptype in PERSON_CHANGES:
		return False  # the world's person is no member of his structures, and he did not register him
	if kind.mediator and doctype in MEDIATOR_SCOPED:
		return False  # the world's case has another mediator, its consultation another consultant
	return True


def expected(kind: Kind, doctype: str, region: str | None, ptype: str = "read") -> bool:
	return role_grants(kind, doctype, ptype) and in_scope(kind, doctype, region, ptype)


# ------------------------------------------------------------------------------------------ calls
def reset_request(form: dict | None = None, method: str = "GET") -> None:
	"""A fresh request context, as the handlers see one (HTTP method, form data, empty response)."""
	from werkzeug.test import EnvironBuilder
	from werkzeug.wrappers import Request

	frappe.local.form_dict = frappe._dict(form or {})
	frappe.local.response = frappe._dict(docs=[])
	frappe.local.request = Request(
		EnvironBuilder(method=method, path="/api", base_url=get_url()).get_environ()
	)
	frappe.local.request_ip = getattr(frappe.local, "request_ip", None) or "127.0.0.1"
	frappe.clear_messages()


def clear_request() -> None:
	"""Back to no request at all, as outside the tests' calls."""
	frappe.local.form_dict = frappe._dict()
	frappe.local.response = frappe._dict(docs=[])
	if getattr(frappe.local, "request", None) is not None:
		del frappe.local.request
	frappe.clear_messages()


def outcome(call: Callable[[], object]) -> bool:
	"""True: the call went through (its result says the record was reachable); False: refused."""
	try:
		return bool(call())
	except DENIED:
		frappe.clear_messages()
		return False


def write_outcome(call: Callable[[], object]) -> bool:
	"""A write attempt rolled back afterwards: True unless refused for permission (a business rule's
	refusal means the permission gate let the user through)."""
	frappe.db.savepoint("kls_sec_write")
	try:
		call()
		return True
	except DENIED:
		return False
	except frappe.ValidationError:
		return True
	finally:
		frappe.db.rollback(save_point="kls_sec_write")
		frappe.clear_messages()


def by_name(doctype: str, name: str) -> list:
	return [[doctype, "name", "=", name]]


def via_get_list(doctype, name):
	return name in frappe.get_list(doctype, filters={"name": name}, pluck="name")


def via_get_doc(doctype, name):
	frappe.get_doc(doctype, name).check_permission("read")
	return True


def via_has_permission(doctype, name):
	return frappe.has_permission(doctype, "read", frappe.get_doc(doctype, name))


def via_rest_read(doctype, name):
	from frappe.api.v1 import read_doc

	reset_request()
	return read_doc(doctype, name).name == name


def via_rest_list(doctype, name):
	from frappe.api.v1 import document_list

	reset_request({"fields": json.dumps(["name"]), "filters": json.dumps(by_name(doctype, name))})
	return name in [r.get("name") for r in document_list(doctype)]


def via_report_view(doctype, name):
	from frappe.desk.reportview import get

	reset_request(
		{
			"doctype": doctype,
			"fields": json.dumps([f"`tab{doctype}`.`name`"]),
			"filters": json.dumps(by_name(doctype, name)),
		}
	)
	result = get()
	return any(name in row for row in (result or {}).get("values", []))


def via_export(doctype, name):
	from frappe.desk.reportview import export_query

	reset_request(
		{
			"doctype": doctype,
			"fields": json.dumps([f"`tab{doctype}`.`name`"]),
			"filters": json.dumps(by_name(doctype, name)),
			"file_format_type": "CSV",
			"title": "sec",
		}
	)
	export_query()
	return name in frappe.safe_decode(frappe.response.get("filecontent") or b"")


def _search(doctype, name, ignore_user_permissions):
	from frappe.handler import execute_cmd

	# as the desk calls it: through the request handler, so the app's override applies
	reset_request(
		{"doctype": doctype, "txt": name, "ignore_user_permissions": int(ignore_user_permissions)},
		method="POST",
	)
	results = execute_cmd("frappe.desk.search.search_link")
	return name in [r.get("value") for r in results or []]


def via_link_search(doctype, name):
	return _search(doctype, name, False)


def via_link_search_ignoring_user_permissions(doctype, name):
	return _search(doctype, name, True)


def via_count(doctype, name):
	from frappe.handler import execute_cmd

	reset_request({"doctype": doctype, "filters": json.dumps({"name": name})})
	return execute_cmd("frappe.client.get_count") == 1


def via_print(doctype, name):
	from frappe.www.printview import get_html_and_style

	reset_request()
	get_html_and_style(doctype, name)
	return True


def via_form_save(doctype, name):
	frappe.get_doc(doctype, name).save()


def via_rest_update(doctype, name):
	from frappe.api.v1 import update_doc

	reset_request({"data": "{}"}, method="PUT")
	update_doc(doctype, name)


def via_child_rows(doctype, name):
	"""The record's child rows listed on their own (`frappe.client.get_list(child, parent=doctype)`): True
	when the rows of every child table that holds any come back. A record without child rows has nothing to
	leak there: the path then answers as get_list does."""
	from frappe.client import get_list

	tables = [
		field.options
		for field in frappe.get_meta(doctype).get_table_fields()
		if frappe.db.count(field.options, {"parent": name, "parenttype": doctype})
	]
	if not tables:
		return via_get_list(doctype, name)
	CHILD_ROWS_CHECKED.add(doctype)
	for child in tables:
		rows = get_list(
			child, fields=["parent"], filters={"parent": name}, parent=doctype, limit_page_length=0
		)
		if not any(row.get("parent") == name for row in rows):
			return False
	return True


CHILD_ROWS_CHECKED: set[str] = set()  # the DocTypes whose child rows the matrix listed

# the permission type each path asks for (read unless named)
PATH_PTYPE = {"export": "export"}
READ_PATHS = {
	"get_list": via_get_list,
	"get_doc": via_get_doc,
	"has_permission": via_has_permission,
	"REST read": via_rest_read,
	"REST list": via_rest_list,
	"report view": via_report_view,
	"export": via_export,
	"link search": via_link_search,
	"link search ignoring user permissions": via_link_search_ignoring_user_permissions,
	"print": via_print,
	"REST count": via_count,
	"child rows list": via_child_rows,
}
WRITE_PATHS = {"form save": via_form_save, "REST update": via_rest_update}
