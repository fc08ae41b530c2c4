# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.install import sync_structure_kinds
from kelisim_app.kelisim_registry.rules import StructureHierarchyError


class TestKLSStructureKind(FrappeTestCase):
	def test_the_concepts_kinds_are_shipped_with_their_hierarchy(self):
		self.assertEqual(frappe.db.count("KLS Structure Kind", {"is_shipped": 1}), 11)
		self.assertEqual(
			frappe.db.get_value("KLS Structure Kind", "Mediation Office", "parent_kind"), "Mediation Council"
		)
		self.assertEqual(
			frappe.db.get_value("KLS Structure Kind", "Mothers' Council", "kind_name_ru"), "Совет матерей"
		)

	def test_sync_restores_shipped_names_and_is_idempotent(self):
		frappe.db.set_value("KLS Structure Kind", "House of Friendship", "kind_name_kk", "changed")
		self.assertEqual(sync_structure_kinds(), 1)
		self.assertEqual(
			frappe.db.get_value("KLS Structure Kind", "House of Friendship", "kind_name_kk"), "Достық үйі"
		)
		self.assertEqual(sync_structure_kinds(), 0)

	def test_a_kind_is_not_its_own_parent(self):
		doc = frappe.get_doc("KLS Structure Kind", "Mothers' Council")
		doc.parent_kind = "Mothers' Council"
		self.assertRaises(StructureHierarchyError, doc.save)
