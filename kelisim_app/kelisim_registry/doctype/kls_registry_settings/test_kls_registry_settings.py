# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, today

from kelisim_app.kelisim_registry.tests.factories import make_structure


class TestKLSRegistrySettings(FrappeTestCase):
	def tearDown(self):
		settings = frappe.get_single("KLS Registry Settings")
		settings.inactivity_months = 6
		settings.save()

	def test_changing_the_period_reclassifies_structures_at_once(self):
		name = make_structure("Settings Period Council", founded_on=add_months(today(), -8))
		self.assertEqual(frappe.db.get_value("KLS Public Structure", name, "activity_status"), "Inactive")
		settings = frappe.get_single("KLS Registry Settings")
		settings.inactivity_months = 12
		settings.save()
		self.assertEqual(frappe.db.get_value("KLS Public Structure", name, "activity_status"), "Active")

	def test_the_period_cannot_be_negative(self):
		settings = frappe.get_single("KLS Registry Settings")
		settings.inactivity_months = -1
		self.assertRaises(frappe.ValidationError, settings.save)
