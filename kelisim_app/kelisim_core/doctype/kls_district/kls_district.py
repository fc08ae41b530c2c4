# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class KLSDistrict(Document):
	def before_naming(self):
		self.strip_names()

	def validate(self):
		self.strip_names()

	def strip_names(self):
		for field in ("district_name", "district_name_ru", "district_name_kk", "kato_code", "admin_centre"):
			if self.get(field):
				self.set(field, " ".join(self.get(field).split()))
