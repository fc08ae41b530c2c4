# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, today

from kelisim_app.kelisim_registry import activity, rules
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

	def test_the_period_is_six_months_unless_set(self):
		self.assertEqual(rules.DEFAULT_INACTIVITY_MONTHS, 6)
		field = frappe.get_meta("KLS Registry Settings").get_field("inactivity_months")
		self.assertEqual(int(field.default), rules.DEFAULT_INACTIVITY_MONTHS)
		self.assertTrue(field.reqd)
		# a fresh site (no value stored yet) and an emptied value both mean six months
		frappe.db.delete("Singles", {"doctype": "KLS Registry Settings", "field": "inactivity_months"})
		frappe.clear_document_cache("KLS Registry Settings", "KLS Registry Settings")
		frappe.db.value_cache.pop("KLS Registry Settings", None)
		self.assertFalse(frappe.db.get_single_value("KLS Registry Settings", "inactivity_months"))
		self.assertEqual(activity.inactivity_months(), 6)
		seven = make_structure("Settings Default Council", founded_on=add_months(today(), -7))
		five = make_structure("Settings Default Council 2", founded_on=add_months(today(), -5))
		self.assertEqual(frappe.db.get_value("KLS Public Structure", seven, "activity_status"), "Inactive")
		self.assertEqual(frappe.db.get_value("KLS Public Structure", five, "activity_status"), "Active")

	def test_the_period_cannot_be_negative(self):
		settings = frappe.get_single("KLS Registry Settings")
		settings.inactivity_months = -1
		self.assertRaises(frappe.ValidationError, settings.save)
