"""Field-level read protection of list queries: `get_list`, the report view, exports, REST lists, link search.

Frappe 15's `DatabaseQuery.apply_fieldlevel_read_permissions` is meant to drop the fields a user may not read
(permlevel), but in 15.44 it has three holes that matter for the app's confidential fields (a person's IIN
and birth date, a mediation case's parties and narrative):

* it pops a refused field from the list it is iterating, so the field right after it escapes
  (`fields=["iin", "birth_date"]` returns `birth_date` to the Ministry Observer);
* a refused field can still be filtered or sorted on, which answers "has this person this IIN?";
* a child table is read at its own permlevel, not at the permlevel of the parent's Table field, so the rows
  of a case's `parties` (permlevel 1) are readable as `tabKLS Case Party`.`party_name` or as a child list.

Link search (`search_link`, `search_widget`, put in place of Frappe's by override_whitelisted_methods) no
longer lets a caller switch off the permission filters of an app DocType, and `frappe.client.get_count` (which
counts with no permission check at all in 15.44: "how many cases of region B mention this name?") counts an
app DocType's records as `get_list` would show them.

Dashboard figures (counts, dashboard charts, number cards) are reads: they run under `replica_read`, so a site
with `read_from_replica` computes them on the replica, and they can write nothing anywhere.

`guarded_fieldlevel_read` runs Frappe's pass, then removes every remaining field of an app DocType the user
may not read and refuses filters and sort keys on such fields. `install()` puts it in place; hooks call it
before every request and background job, and importing `kelisim_core.permissions` calls it too.
"""

from __future__ import annotations

import re

import frappe
from frappe import _
from frappe.model.db_query import DatabaseQuery
from frappe.utils import cint

from kelisim_app.kelisim_core.metadata import hidden_fields, is_app_doctype
from kelisim_app.utils.read_only import replica_read

_ORIGINAL = "_kelisim_original_fieldlevel_read"
SORT_KEY = re.compile(r"^\s*(?:`?(?P<table>tab[^`.]+)`?\.)?`?(?P<column>[A-Za-z0-9_]+)`?")


def install() -> None:
	"""Idempotent: wrap Frappe's field-level pass once per process."""
	if getattr(DatabaseQuery, _ORIGINAL, None):
		return
	setattr(DatabaseQuery, _ORIGINAL, DatabaseQuery.apply_fieldlevel_read_permissions)
	DatabaseQuery.apply_fieldlevel_read_permissions = guarded_fieldlevel_read


def guarded_fieldlevel_read(self: DatabaseQuery) -> None:
	getattr(DatabaseQuery, _ORIGINAL)(self)
	if self.flags.ignore_permissions:
		return
	strip_hidden_fields(self)
	check_filters(self)
	check_sort_keys(self)


def column_source(query: DatabaseQuery, table: str | None) -> tuple[str, str | None]:
	"""(doctype, parenttype) of a column's table as written in the query (None: the main table)."""
	if not table:
		return query.doctype, query.parent_doctype
	table = table.replace("`", "").strip()
	if table in query.linked_table_aliases:
		return query.linked_table_aliases[table].replace("`", "")[3:], None
	doctype = table[3:] if table.startswith("tab") else table
	if doctype == query.doctype:
		return doctype, query.parent_doctype
	return doctype, query.doctype


def refused(query: DatabaseQuery, table: str | None, column: str) -> bool:
	doctype, parenttype = column_source(query, table)
	return column in hidden_fields(doctype, parenttype, query.user)


def strip_hidden_fields(query: DatabaseQuery) -> None:
	from frappe.desk.reportview import extract_fieldnames

	for i in reversed(range(len(query.fields))):
		field = query.fields[i]
		if not field or not isinstance(field, str):
			continue
		for column in extract_fieldnames(field) or []:
			table, _dot, name = column.rpartition(".")
			if refused(query, table or None, name.replace("`", "")):
				query.remove_field(i)
				break


def check_filters(query: DatabaseQuery) -> None:
	from frappe.utils.data import get_filter

	for filters in (query.filters, query.or_filters):
		if isinstance(filters, dict):
			filters = [{key: value} for key, value in filters.items()]
		for f in filters or []:
			if isinstance(f, str):
				continue  # a condition written by server code
			f = get_filter(query.doctype, f)
			doctype = f.doctype or query.doctype
			parenttype = query.parent_doctype if doctype == query.doctype else query.doctype
			if f.fieldname in hidden_fields(doctype, parenttype, query.user):
				refuse(doctype, f.fieldname)


def check_sort_keys(query: DatabaseQuery) -> None:
	for clause in (query.order_by, query.group_by):
		for part in (clause or "").split(","):
			match = SORT_KEY.match(part)
			if match and refused(query, match["table"], match["column"]):
				doctype, _parent = column_source(query, match["table"])
				refuse(doctype, match["column"])


def refuse(doctype: str, fieldname: str) -> None:
	label = frappe.get_meta(doctype).get_label(fieldname)
	frappe.throw(
		_("You are not permitted to search or sort by {0}").format(_(label)),
		frappe.PermissionError,
		title=_("Not permitted"),
	)


# ------------------------------------------------------------------------------------------- link search
def may_ignore_user_permissions(doctype: str, reference_doctype: str | None, asked) -> bool:
	"""Link search lets the caller ask to ignore User Permissions, and Frappe then skips every permission
	filter (region, secretary, mediator) for anyone who may read the DocType at all. For an app DocType the
	request is honoured only for a Link of `reference_doctype` that is itself set to ignore them."""
	if not cint(asked):
		return False
	if not is_app_doctype(doctype):
		return True
	if not reference_doctype or not frappe.db.exists("DocType", reference_doctype):
		return False
	return any(
		df.options == doctype and df.ignore_user_permissions
		for df in frappe.get_meta(reference_doctype).get_link_fields()
	)


def _guarded_search(method: str, kwargs: dict):
	from frappe.desk import search

	kwargs.pop("cmd", None)
	kwargs["ignore_user_permissions"] = may_ignore_user_permissions(
		kwargs.get("doctype"), kwargs.get("reference_doctype"), kwargs.get("ignore_user_permissions")
	)
	return frappe.call(getattr(search, method), **kwargs)


@frappe.whitelist()
def search_link(**kwargs):
	"""`frappe.desk.search.search_link` (hooks: override_whitelisted_methods) with the guard above."""
	return _guarded_search("search_link", kwargs)


@frappe.whitelist()
def search_widget(**kwargs):
	"""`frappe.desk.search.search_widget` (hooks: override_whitelisted_methods) with the guard above."""
	return _guarded_search("search_widget", kwargs)


@frappe.whitelist()
@replica_read
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""`frappe.client.get_count` (hooks: override_whitelisted_methods), for an app DocType through
	`get_list`: its region, secretary and mediator scopes, and no filter on a field the user may not read."""
	from frappe import client

	if not is_app_doctype(doctype):
		return client.get_count(doctype, filters=filters, debug=debug, cache=cache)
	rows = frappe.get_list(doctype, filters=client.get_safe_filters(filters), fields=["count(*) as total"])
	return rows[0].total if rows else 0


# ------------------------------------------------------------------------------------------ dashboard charts
@frappe.whitelist()
@replica_read
def dashboard_chart_data(**kwargs):
	"""`frappe.desk.doctype.dashboard_chart.dashboard_chart.get` (hooks: override_whitelisted_methods)
	without its cache: Frappe keys the cache by chart (`chart-data:<name>`), not by user, so a cached figure of
	one region would be shown to every user; computed each time, a chart counts what its user may read."""
	from inspect import unwrap

	from frappe.desk.doctype.dashboard_chart import dashboard_chart

	kwargs.pop("cmd", None)
	# the desk sends every argument, the unset ones as "": Frappe's cache wrapper dropped those, so do we (an
	# empty to_date reached the date arithmetic of time-series charts: "Please select a valid date filter")
	kwargs = {key: value for key, value in kwargs.items() if value not in ("", None)}
	data = frappe.call(unwrap(dashboard_chart.get), **kwargs)  # past the whitelist and cache wrappers
	return localize_group_labels(kwargs, data)


def localize_group_labels(kwargs: dict, data):
	"""A Group By chart of an app DocType labels its bars with the stored values (a Select's English option,
	a region's code, a base project's English name): show them in the reader's language instead."""
	chart = (
		frappe.get_cached_doc("Dashboard Chart", kwargs["chart_name"])
		if kwargs.get("chart_name")
		else frappe._dict(frappe.parse_json(kwargs.get("chart") or "{}"))
	)
	if chart.get("chart_type") != "Group By" or not isinstance(data, dict) or not data.get("labels"):
		return data
	if not is_app_doctype(chart.document_type or ""):
		return data
	field = frappe.get_meta(chart.document_type).get_field(chart.group_by_based_on or "")
	if not field:
		return data
	data["labels"] = localized_labels(field, data["labels"])
	return data


def localized_labels(field, labels: list) -> list:
	"""The labels of a chart grouped by `field`, in the user's language."""
	if field.fieldtype == "Link" and field.options == "KLS Region":
		from kelisim_app.kelisim_core.localization import region_names

		names = region_names({label for label in labels if label})
		return [names.get(label, label) for label in labels]
	translatable = field.fieldtype == "Select" or (
		field.fieldtype == "Link" and frappe.get_meta(field.options).translated_doctype
	)
	return [_(label) if translatable and isinstance(label, str) and label else label for label in labels]


@frappe.whitelist()
@replica_read
def number_card_result(doc, filters, to_date=None):
	"""`frappe.desk.doctype.number_card.number_card.get_result` (hooks: override_whitelisted_methods) on the
	replica and read-only; Frappe's own counts through `get_list`, so the user's scope applies."""
	from inspect import unwrap

	from frappe.desk.doctype.number_card import number_card

	return unwrap(number_card.get_result)(doc, filters, to_date=to_date)


# ------------------------------------------------------------------------------------------------ print
def hide_unreadable_fields_in_print(doc, method=None, *args, **kwargs) -> None:
	"""doc_events["*"]["before_print"]: Frappe's standard print leaves out the fields a user may not read, a
	print format written in Jinja (the mediation agreement) would print them all - the parties of a case to
	the Ministry Observer. The document is stripped of them before any format renders it."""
	if is_app_doctype(doc.doctype):
		doc.apply_fieldlevel_read_permissions()
