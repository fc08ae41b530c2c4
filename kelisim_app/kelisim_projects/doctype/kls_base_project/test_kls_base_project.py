# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.tests.utils import FrappeTestCase

from kelisim_app.tests.shipped_master import ShippedMasterChecks


class TestKLSBaseProject(ShippedMasterChecks, FrappeTestCase):
	DOCTYPE = "KLS Base Project"
	COUNT = 4
	EXTRA = {"project_number": 99}  # noqa: RUF012
