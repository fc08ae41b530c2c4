# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_instructions import control


class TestKLSControlSettings(FrappeTestCase):
	def test_defaults_and_no_negative_periods(self):
		self.assertEqual(control.settings(), (3, 5))
		settings = frappe.get_single("KLS Control Settings")
		settings.remind_days_before = -2
		self.assertRaises(frappe.ValidationError, settings.save)
