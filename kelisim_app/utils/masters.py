# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""`TrimmedNamesDocument`: the base of the app's master DocTypes (regions, districts, base projects, event
types, languages), whose names are typed by hand or imported from spreadsheets: every Data field is saved
with its whitespace collapsed ("  Almaty   region " -> "Almaty region"), before the name is made from it."""

from __future__ import annotations

from frappe.model.document import Document


def collapse_whitespace(value: str) -> str:
	return " ".join(value.split())


class TrimmedNamesDocument(Document):
	def before_naming(self):
		self.strip_names()

	def validate(self):
		self.strip_names()

	def strip_names(self):
		for field in self.meta.get("fields", {"fieldtype": "Data"}):
			value = self.get(field.fieldname)
			if value and isinstance(value, str):
				self.set(field.fieldname, collapse_whitespace(value))
