# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry.rules import MembershipError, StructureStatusError
from kelisim_app.kelisim_registry.tests.factories import make_membership, make_person, make_structure
from kelisim_app.tests.utils import kgu_office, make_user


def memberships():
	return frappe.db.count("KLS Membership")


class TestKLSMembership(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_rules_as_the_kgu_specialist(self):
		structure = make_structure("Membership Rules Council", "KZ-71")
		person = make_person("Aliya", "Nurlanova")
		make_membership(person, structure, role="Chair", from_date="2024-01-01")
		frappe.set_user(make_user("kgu-members-kz71", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71")))
		before = memberships()
		cases = [
			({"role": "Member", "from_date": "2025-02-01", "to_date": "2025-01-01"}, MembershipError),
			({"role": "Chair", "from_date": "2025-01-01"}, MembershipError),
		]
		for values, error in cases:
			with self.subTest(values=values):
				doc = frappe.get_doc(
					{"doctype": "KLS Membership", "person": person, "structure": structure, **values}
				)
				self.assertRaises(error, doc.insert)
		self.assertEqual(memberships(), before)
		make_membership(person, structure, role="Member", from_date="2025-01-01")
		self.assertEqual(memberships(), before + 1)

	def test_a_dissolved_structure_takes_no_new_members(self):
		structure = make_structure("Dissolved Council", "KZ-71")
		doc = frappe.get_doc("KLS Public Structure", structure)
		doc.update(
			{"status": "Dissolved", "status_date": today(), "status_reason": "Merged into the city council"}
		)
		doc.save()
		person = make_person("Late", "Joiner")
		self.assertRaises(StructureStatusError, make_membership, person, structure)

	def test_structure_secretary_adds_members_to_his_structures_only(self):
		secretary = make_user("secretary-members", [core.ROLE_STRUCTURE_SECRETARY])
		his = make_structure("Secretary Members Council", "KZ-31", secretary_user=secretary)
		other = make_structure("Other Members Council", "KZ-31")
		person = make_person("Member", "Candidate")
		foreign = make_membership(person, other)
		frappe.set_user(secretary)
		mine = frappe.get_doc({"doctype": "KLS Membership", "person": person, "structure": his}).insert()
		self.assertEqual(frappe.get_list("KLS Membership", pluck="name", limit=0), [mine.name])
		self.assertFalse(frappe.has_permission("KLS Membership", "read", foreign))
		intruder = frappe.get_doc(
			{"doctype": "KLS Membership", "person": person, "structure": other, "role": "Volunteer"}
		)
		self.assertRaises(frappe.PermissionError, intruder.insert)

	def test_kgu_user_cannot_see_another_regions_memberships(self):
		theirs = make_membership(make_person("Other", "Region"), make_structure("Far Council", "KZ-63"))
		frappe.set_user(make_user("kgu-members-kz10", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-10")))
		self.assertNotIn(theirs, frappe.get_list("KLS Membership", pluck="name", limit=0))
		self.assertFalse(frappe.has_permission("KLS Membership", "read", theirs))
