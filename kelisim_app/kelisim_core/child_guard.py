"""Child rows listed on their own stay within the parents the user may list.

`frappe.client.get_list("KLS Case Party", parent="KLS Mediation Case")` (and the report view, exports, REST
lists of a child DocType) checks only that the user may read the parent *DocType*, not which of its records:
a KGU user of region B would list the rows of region A's reports, a mediator the parties of every case.
`query_conditions` (hooks: `permission_query_conditions["*"]`) limits the rows of every child DocType of the
app to the parents the user may list, with the parent's own scope (User Permission on Region, its
`permission_query_conditions`), as `get_list` of the parent would show them. A parent he may not read at all
contributes nothing.
"""

from __future__ import annotations

import frappe

APP_MODULES_KEY = "kls_child_parents"
TABLE_FIELDTYPES = ("Table", "Table MultiSelect")


def child_parents() -> dict[str, tuple[str, ...]]:
	"""{child DocType: the app DocTypes that hold it in a table field}, once per request."""
	cached = getattr(frappe.local, APP_MODULES_KEY, None)
	if cached is not None:
		return cached
	modules = frappe.get_all("Module Def", filters={"app_name": "kelisim_app"}, pluck="name")
	doctypes = frappe.get_all("DocType", filters={"module": ["in", modules], "istable": 0}, pluck="name")
	parents: dict[str, list[str]] = {}
	if doctypes:
		for row in frappe.get_all(
			"DocField",
			filters={"parent": ["in", doctypes], "fieldtype": ["in", TABLE_FIELDTYPES]},
			fields=["parent", "options"],
		):
			if row.options and row.parent not in parents.setdefault(row.options, []):
				parents[row.options].append(row.parent)
	result = {child: tuple(sorted(p)) for child, p in parents.items()}
	setattr(frappe.local, APP_MODULES_KEY, result)
	return result


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The rows of an app child DocType whose parent the user may list; "" for every other DocType."""
	parents = child_parents().get(doctype or "")
	if not parents:
		return ""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	table = f"`tab{doctype}`"
	allowed = []
	for parent in parents:
		try:
			names = frappe.get_list(
				parent, fields=["name"], user=user, limit_page_length=0, order_by=None, run=0
			)
		except frappe.PermissionError:
			continue
		allowed.append(
			f"({table}.`parenttype` = {frappe.db.escape(parent)} and {table}.`parent` in ({names}))"
		)
	return f"({' or '.join(allowed)})" if allowed else "1=0"
