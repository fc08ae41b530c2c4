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
from frappe.query_builder import DocType

from kelisim_app.kelisim_core.metadata import is_app_doctype
from kelisim_app.kelisim_core.permissions import app_modules

CACHE_KEY = "kls_child_parents"
TABLE_FIELDTYPES = ("Table", "Table MultiSelect")


def child_parents() -> dict[str, tuple[str, ...]]:
	"""{child DocType: the app DocTypes that hold it in a table field}, once per request."""
	cached = getattr(frappe.local, CACHE_KEY, None)
	if cached is not None:
		return cached
	parents: dict[str, set[str]] = {}
	if modules := app_modules():
		dt, df = DocType("DocType"), DocType("DocField")
		rows = (
			frappe.qb.from_(df)
			.join(dt)
			.on(dt.name == df.parent)
			.select(df.options, df.parent)
			.where((dt.module.isin(modules)) & (dt.istable == 0) & (df.fieldtype.isin(TABLE_FIELDTYPES)))
			.run()
		)
		for child, parent in rows:
			if child:
				parents.setdefault(child, set()).add(parent)
	result = {child: tuple(sorted(p)) for child, p in parents.items()}
	setattr(frappe.local, CACHE_KEY, result)
	return result


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The rows of an app child DocType whose parent the user may list; "" for every other DocType."""
	if not is_app_doctype(doctype or "") or not frappe.get_meta(doctype).istable:
		return ""
	parents = child_parents().get(doctype)
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
