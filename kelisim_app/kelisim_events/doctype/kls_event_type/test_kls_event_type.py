# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.tests.utils import FrappeTestCase

from kelisim_app.tests.shipped_master import ShippedMasterChecks


class TestKLSEventType(ShippedMasterChecks, FrappeTestCase):
	DOCTYPE = "KLS Event Type"
	COUNT = 11
	EXTRA = {}  # noqa: RUF012
