# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.tests.utils import FrappeTestCase

from kelisim_app.tests.shipped_master import ShippedMasterChecks


class TestKLSEthnicGroup(ShippedMasterChecks, FrappeTestCase):
	DOCTYPE = "KLS Ethnic Group"
	COUNT = 25
	EXTRA = {}  # noqa: RUF012
