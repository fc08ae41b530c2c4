"""KLS Reporting Period's check `is_locked` is now `locked`: the old name is also a property of Frappe's
Document (whether a background job holds the document's lock), which hid the field from `doc.is_locked`.
Copies the values, the report views and property setters over (Frappe's rename_field); idempotent."""

import frappe
from frappe.model.utils.rename_field import rename_field

PERIOD = "KLS Reporting Period"


def execute():
	forget_columns()
	if frappe.db.has_column(PERIOD, "is_locked"):
		rename_field(PERIOD, "is_locked", "locked")
		frappe.db.sql_ddl(f"alter table `tab{PERIOD}` drop column `is_locked`")
		forget_columns()


def forget_columns() -> None:
	"""Frappe caches a table's columns: read them again after a change of the table."""
	frappe.cache.hdel("table_columns", f"tab{PERIOD}")
