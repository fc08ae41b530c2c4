# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.kelisim_mediation.testing import REGION_A, REGION_B, users


class TestKLSConsultation(FrappeTestCase):
	def test_log_by_category_scoped_to_the_region(self):
		u = users()
		frappe.set_user(u.kgu_spec_a)
		doc = frappe.get_doc(
			{
				"doctype": "KLS Consultation",
				"category": "Discrimination",
				"region": REGION_A,
				"question": "Refused a job because of ethnicity: what can I do?",
				"answer_summary": "Explained the complaint procedure.",
			}
		).insert()
		self.assertEqual(doc.consultant, u.kgu_spec_a)
		self.assertRaises(
			frappe.ValidationError,
			frappe.get_doc(
				{
					"doctype": "KLS Consultation",
					"category": "Other",
					"region": REGION_A,
					"question": "?",
					"consulted_on": add_days(today(), 2),
				}
			).insert,
		)
		frappe.set_user(u.kgu_head_b)
		self.assertFalse(frappe.has_permission("KLS Consultation", "read", doc))
		self.assertNotIn(doc.name, frappe.get_list("KLS Consultation", pluck="name"))
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("KLS Consultation", doc.name, "region"), REGION_A)
		self.assertNotEqual(REGION_A, REGION_B)

	def tearDown(self):
		frappe.set_user("Administrator")
