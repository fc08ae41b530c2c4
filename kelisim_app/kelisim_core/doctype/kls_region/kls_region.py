# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from kelisim_app.exceptions import ShippedDataError, fail
from kelisim_app.utils.i18n import _


class KLSRegion(Document):
	def validate(self):
		self.strip_names()
		self.check_code()

	def strip_names(self):
		for field in ("region_name", "region_name_ru", "region_name_kk", "admin_centre"):
			if self.get(field):
				self.set(field, self.get(field).strip())

	def check_code(self):
		if not (self.region_code or "").startswith("KZ-"):
			fail(_("A region code is an ISO 3166-2 code such as KZ-71"), ShippedDataError)
