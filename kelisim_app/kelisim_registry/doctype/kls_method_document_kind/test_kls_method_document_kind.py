# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase


class TestKLSMethodDocumentKind(FrappeTestCase):
	def test_is_a_child_table_linking_structure_kinds(self):
		meta = frappe.get_meta("KLS Method Document Kind")
		self.assertTrue(meta.istable)
		self.assertEqual(meta.get_field("structure_kind").options, "KLS Structure Kind")

	def test_an_unknown_kind_is_refused(self):
		before = frappe.db.count("KLS Method Document")
		doc = frappe.get_doc(
			{
				"doctype": "KLS Method Document",
				"title": "Guideline for no one",
				"document_type": "Guideline",
				"version": "1",
				"applies_to": [{"structure_kind": "No Such Kind"}],
			}
		)
		self.assertRaises(frappe.LinkValidationError, doc.insert)
		self.assertEqual(frappe.db.count("KLS Method Document"), before)
