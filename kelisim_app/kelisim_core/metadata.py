"""What the kernel knows of the app's metadata: which DocTypes are the app's, and which fields of one a user
may not read (its confidential fields, from the permission levels). Every mechanism that needs either asks
here (region scoping, confidentiality, the guards of Frappe's methods), so a DocType the app gains later is
covered without new code."""

from __future__ import annotations

import frappe
from frappe.model import core_doctypes_list, no_value_fields

APP = "kelisim_app"


def is_app_doctype(doctype: str) -> bool:
	if not doctype or doctype in core_doctypes_list:
		return False
	module = frappe.get_meta(doctype).module
	return bool(module) and frappe.local.module_app.get(frappe.scrub(module)) == APP


def hidden_fields(doctype: str, parenttype: str | None = None, user: str | None = None) -> frozenset[str]:
	"""Fields of an app DocType `user` may not read (a child table's fields follow the permlevel of the
	parent's Table field that holds it)."""
	if not is_app_doctype(doctype):
		return frozenset()
	meta = frappe.get_meta(doctype)
	valued = [df for df in meta.fields if df.fieldtype not in no_value_fields]
	if meta.istable:
		if not parenttype:
			return frozenset()
		parent = frappe.get_meta(parenttype)
		levels = set(parent.get_permlevel_access("read", user=user))
		holders = {df.permlevel for df in parent.get_table_fields() if df.options == doctype}
		if holders and not holders & levels:
			return frozenset(df.fieldname for df in valued)
	else:
		if not meta.get_permissions():
			return frozenset()
		levels = set(meta.get_permlevel_access("read", user=user))
	return frozenset(df.fieldname for df in valued if df.permlevel not in levels)
