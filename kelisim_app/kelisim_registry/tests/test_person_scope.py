# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""A Structure Secretary finds every person of the registry (to add an existing one as a member, not a
duplicate) but changes only the people he registered and the members of his structures."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry.tests.factories import make_membership, make_person, make_structure
from kelisim_app.tests.utils import make_user

REGION = "KZ-71"


class TestPersonScopeOfSecretaries(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.secretary = make_user("person-scope-secretary", [core.ROLE_STRUCTURE_SECRETARY])
		council = make_structure("Person Scope Council", REGION, secretary_user=cls.secretary)
		cls.member = make_person("Scope", "Member", consent=False, region=REGION)  # his secretary sees him
		make_membership(cls.member, council, from_date="2024-01-01")
		cls.stranger = make_person("Scope", "Stranger", region="KZ-75")
		# without consent, a person stays with the office that registered him (personal_data.may_see)
		cls.private = make_person("Scope", "Private", consent=False, region="KZ-75")

	def tearDown(self):
		frappe.set_user("Administrator")  # the class's records are rolled back after the class

	def rename(self, person: str, last: str) -> None:
		doc = frappe.get_doc("KLS Person", person)
		doc.last_name = last
		doc.save()

	def test_reads_every_person_to_link_an_existing_one(self):
		frappe.set_user(self.secretary)
		found = frappe.get_list(
			"KLS Person", filters={"name": ["in", [self.member, self.stranger]]}, pluck="name"
		)
		self.assertEqual(set(found), {self.member, self.stranger})
		self.assertTrue(frappe.has_permission("KLS Person", "read", self.stranger))
		self.assertFalse(frappe.get_list("KLS Person", filters={"name": self.private}))
		self.assertFalse(frappe.has_permission("KLS Person", "read", self.private))

	def test_changes_a_member_of_his_structure_and_whom_he_registered(self):
		frappe.set_user(self.secretary)
		self.rename(self.member, "Renamed")
		mine = frappe.get_doc(
			{"doctype": "KLS Person", "first_name": "Scope", "last_name": "Newcomer", "region": REGION}
		).insert()
		self.rename(mine.name, "Newcomer Renamed")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("KLS Person", self.member, "last_name"), "Renamed")
		self.assertEqual(frappe.db.get_value("KLS Person", mine.name, "owner"), self.secretary)

	def test_refused_for_anyone_else(self):
		frappe.set_user(self.secretary)
		self.assertFalse(frappe.has_permission("KLS Person", "write", self.stranger))
		with self.assertRaises(frappe.PermissionError):
			self.rename(self.stranger, "Changed")
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("KLS Person", self.stranger)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("KLS Person", self.stranger, "last_name"), "Stranger")

	def test_the_kgu_is_not_limited_by_the_secretary_rule(self):
		from kelisim_app.tests.utils import kgu_office

		kgu = make_user("person-scope-kgu", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION))
		frappe.set_user(kgu)
		self.assertTrue(frappe.has_permission("KLS Person", "write", self.member))
