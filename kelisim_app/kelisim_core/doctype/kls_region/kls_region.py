# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from kelisim_app.exceptions import ShippedDataError, fail
from kelisim_app.utils.i18n import _
from kelisim_app.utils.masters import TrimmedNamesDocument


class KLSRegion(TrimmedNamesDocument):
	def validate(self):
		super().validate()
		self.check_code()

	def check_code(self):
		if not (self.region_code or "").startswith("KZ-"):
			fail(_("A region code is an ISO 3166-2 code such as KZ-71"), ShippedDataError)
