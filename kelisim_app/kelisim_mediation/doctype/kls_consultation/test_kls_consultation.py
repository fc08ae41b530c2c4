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

	def test_a_mediator_sees_and_changes_his_own_consultations_only(self):
		u = users()
		frappe.set_user(u.mediator_1)
		mine = frappe.get_doc(
			{
				"doctype": "KLS Consultation",
				"category": "Neighbours",
				"region": REGION_A,
				"question": "A quarrel over a fence: where do we start?",
			}
		).insert()
		self.assertEqual(mine.consultant, u.mediator_1)
		frappe.set_user(u.kgu_spec_a)
		theirs = frappe.get_doc(
			{
				"doctype": "KLS Consultation",
				"category": "Labour",
				"region": REGION_A,
				"question": "Unpaid wages?",
			}
		).insert()
		frappe.set_user(u.mediator_1)
		listed = set(frappe.get_list("KLS Consultation", pluck="name", limit_page_length=0))
		self.assertIn(mine.name, listed)
		self.assertNotIn(theirs.name, listed)
		self.assertFalse(frappe.has_permission("KLS Consultation", "read", theirs.name))
		doc = frappe.get_doc("KLS Consultation", mine.name)
		doc.answer_summary = "Explained how mediation works."
		doc.save()
		other = frappe.get_doc("KLS Consultation", theirs.name)
		other.answer_summary = "Not his to change"
		self.assertRaises(frappe.PermissionError, other.save)
		frappe.set_user(u.mediator_2)
		self.assertNotIn(mine.name, frappe.get_list("KLS Consultation", pluck="name", limit_page_length=0))
		# the region's KGU still sees both
		frappe.set_user(u.kgu_head_a)
		self.assertTrue({mine.name, theirs.name} <= set(frappe.get_list("KLS Consultation", pluck="name")))

	def tearDown(self):
		frappe.set_user("Administrator")
