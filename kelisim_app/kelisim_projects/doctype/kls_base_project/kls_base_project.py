# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class KLSBaseProject(Document):
	def before_naming(self):
		self.strip_names()

	def validate(self):
		self.strip_names()

	def strip_names(self):
		for field in self.meta.get("fields", {"fieldtype": "Data"}):
			if self.get(field.fieldname):
				self.set(field.fieldname, " ".join(self.get(field.fieldname).split()))
