# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules
from kelisim_app.kelisim_registry.exceptions import MethodDocumentError
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office


def method_doc(title: str, version: str, status: str = "Draft", **values):
	return frappe.get_doc(
		{
			"doctype": "KLS Method Document",
			"title": title,
			"document_type": "Standard regulation",
			"version": version,
			"status": status,
			**values,
		}
	)


def status_of(name: str) -> str:
	return frappe.db.get_value("KLS Method Document", name, "status")


def count() -> int:
	return frappe.db.count("KLS Method Document")


class TestKLSMethodDocument(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.rgu = make_user("method-rgu", [rules.ROLE_RGU_COORDINATOR], rgu_office())
		cls.kgu = make_user(
			"method-kgu", [rules.ROLE_KGU_HEAD, rules.ROLE_KGU_SPECIALIST], kgu_office("KZ-35")
		)
		cls.observer = make_user("method-observer", [rules.ROLE_MINISTRY_OBSERVER])

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_a_current_version_supersedes_the_previous_one(self):
		v1 = method_doc("Regulation of the Council of Public Consent", "1.0", "Current").insert()
		self.assertTrue(v1.name.startswith("MD-"))
		v2 = method_doc(
			"Regulation of the Council of Public Consent", "2.0", "Draft", supersedes=v1.name
		).insert()
		self.assertEqual(status_of(v1.name), "Current", "a draft retires nothing")
		v2.status = "Current"
		v2.save()
		self.assertEqual(status_of(v1.name), "Superseded")
		self.assertEqual(status_of(v2.name), "Current")

	def test_only_one_current_version_per_title_and_type(self):
		method_doc("Guideline on youth work", "1.0", "Current").insert()
		before = count()
		with self.assertRaisesRegex(MethodDocumentError, "already has a current version"):
			method_doc("Guideline on youth work", "1.1", "Current").insert()
		self.assertEqual(count(), before)
		# the same title as another type of document is another document
		method_doc("Guideline on youth work", "1.0", "Current", document_type="Guideline").insert()

	def test_a_version_is_not_entered_twice(self):
		method_doc("Standard report form", "3.2").insert()
		before = count()
		with self.assertRaisesRegex(MethodDocumentError, "3.2"):
			method_doc(" Standard  report form ", " 3.2 ").insert()
		self.assertEqual(count(), before)

	def test_a_document_cannot_supersede_itself(self):
		v1 = method_doc("Charter of a Mothers' Council", "1.0").insert()
		v1.supersedes = v1.name
		self.assertRaisesRegex(MethodDocumentError, "supersede itself", v1.save)
		v2 = method_doc("Charter of a Mothers' Council", "2.0", supersedes=v1.name).insert()
		v1.reload()
		v1.supersedes = v2.name  # v1 → v2 → v1: a loop
		self.assertRaisesRegex(MethodDocumentError, "supersede itself", v1.save)
		self.assertIsNone(frappe.db.get_value("KLS Method Document", v1.name, "supersedes"))

	def test_applies_to_the_structure_kinds_chosen(self):
		doc = method_doc(
			"Standard work plan of a mediation council",
			"1.0",
			document_type="Standard work plan form",
			applies_to=[{"structure_kind": "Mediation Council"}, {"structure_kind": "Mediation Office"}],
		).insert()
		doc.reload()
		self.assertEqual(
			[r.structure_kind for r in doc.applies_to], ["Mediation Council", "Mediation Office"]
		)

	def test_rgu_writes_everyone_else_reads(self):
		frappe.set_user(self.rgu)
		doc = method_doc("Standard regulation on dialogue platforms", "1.0", "Current").insert()
		for user in (self.kgu, self.observer):
			with self.subTest(user=user):
				frappe.set_user(user)
				self.assertIn(doc.name, frappe.get_list("KLS Method Document", pluck="name", limit=0))
				self.assertFalse(frappe.has_permission("KLS Method Document", "create"))
				loaded = frappe.get_doc("KLS Method Document", doc.name)
				loaded.last_reviewed_on = "2026-01-15"
				self.assertRaises(frappe.PermissionError, loaded.save)
				self.assertRaises(frappe.PermissionError, method_doc("Not mine", "1.0").insert)
