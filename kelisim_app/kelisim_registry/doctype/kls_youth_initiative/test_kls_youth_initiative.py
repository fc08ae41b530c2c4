# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

"""Youth initiatives as their users work: the secretary of a youth headquarters proposes one for a member,
the regional office supports it or not (with a reason), the secretary records the results."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry.rules import YouthInitiativeError
from kelisim_app.kelisim_registry.tests.factories import make_membership, make_person, make_structure
from kelisim_app.tests.utils import kgu_office, make_user

INITIATIVE = "KLS Youth Initiative"
REGION_A, REGION_B = "KZ-71", "KZ-75"


def headquarters(name: str, secretary: str | None, region: str = REGION_A) -> str:
	return frappe.db.get_value("KLS Public Structure", {"structure_name": name}) or make_structure(
		name, region, "Youth Movement Headquarters", level="Oblast", secretary_user=secretary
	)


class TestKLSYouthInitiative(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.secretary = make_user("yin-secretary", [core.ROLE_STRUCTURE_SECRETARY])
		cls.other_secretary = make_user("yin-secretary-other", [core.ROLE_STRUCTURE_SECRETARY])
		cls.kgu = make_user("yin-kgu-a", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A))
		cls.kgu_b = make_user("yin-kgu-b", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_B))
		cls.hq = headquarters("Yin Youth HQ Astana", cls.secretary)
		cls.other_hq = headquarters("Yin Youth HQ Almaty", cls.other_secretary, REGION_B)
		cls.member = make_person("Yin", "Member", region=REGION_A)
		make_membership(cls.member, cls.hq, from_date="2024-01-01")
		cls.stranger = make_person("Yin", "Stranger", region=REGION_A)

	def tearDown(self):
		frappe.set_user("Administrator")

	def propose(self, **values):
		frappe.set_user(self.secretary)
		return frappe.get_doc(
			{
				"doctype": INITIATIVE,
				"title": "Yin: a festival of the peoples' cuisines",
				"proposing_structure": self.hq,
				"proposer": self.member,
				"proposed_on": add_days(today(), -20),
				"description": "<p>Students cook the dishes of their peoples together</p>",
				**values,
			}
		).insert()

	def test_proposed_supported_and_its_results_recorded(self):
		doc = self.propose()
		self.assertEqual((doc.region, doc.decision), (REGION_A, "Under consideration"))
		doc.decision = "Supported"  # a secretary cannot decide: permlevel 1 is the office's
		doc.decided_on = today()
		doc.save()
		self.assertEqual(frappe.db.get_value(INITIATIVE, doc.name, "decision"), "Under consideration")

		frappe.set_user(self.kgu)
		doc = frappe.get_doc(INITIATIVE, doc.name)
		doc.decision, doc.decided_on, doc.support = (
			"Supported",
			add_days(today(), -10),
			"A hall and 200,000 ₸",
		)
		doc.save()

		frappe.set_user(self.secretary)
		doc = frappe.get_doc(INITIATIVE, doc.name)
		doc.completed_on, doc.people_reached, doc.results = (
			add_days(today(), -2),
			350,
			"Held in the city park",
		)
		doc.save()
		self.assertEqual(frappe.db.get_value(INITIATIVE, doc.name, "people_reached"), 350)

	def test_a_refusal_says_why_and_the_proposer_is_a_member(self):
		self.assertRaises(YouthInitiativeError, self.propose, proposer=self.stranger)
		doc = self.propose(title="Yin: a night race")
		frappe.set_user(self.kgu)
		doc = frappe.get_doc(INITIATIVE, doc.name)
		doc.decision, doc.decided_on = "Not supported", today()
		self.assertRaises(YouthInitiativeError, doc.save)
		doc = frappe.get_doc(INITIATIVE, doc.name)
		doc.decision, doc.decided_on = "Not supported", today()
		doc.decision_reason = "Safety at night cannot be ensured"
		doc.save()
		doc.completed_on = today()
		self.assertRaises(YouthInitiativeError, doc.save)

	def test_a_secretary_and_a_kgu_see_their_own_only(self):
		doc = self.propose(title="Yin: a debate club")
		for user, sees in (
			(self.secretary, True),
			(self.other_secretary, False),
			(self.kgu, True),
			(self.kgu_b, False),
		):
			frappe.set_user(user)
			self.assertEqual(doc.name in frappe.get_list(INITIATIVE, pluck="name", limit=0), sees, user)
		frappe.set_user(self.other_secretary)
		other = frappe.get_doc(
			{
				"doctype": INITIATIVE,
				"title": "Yin: not his",
				"proposing_structure": self.hq,
				"proposed_on": today(),
				"description": "x",
			}
		)
		self.assertRaises(frappe.PermissionError, other.insert)
		with self.assertRaises(YouthInitiativeError):
			frappe.set_user(self.kgu)
			frappe.get_doc(
				{
					"doctype": INITIATIVE,
					"title": "Yin: from a council",
					"proposing_structure": make_structure("Yin Council", REGION_A),
					"proposed_on": today(),
					"description": "x",
				}
			).insert()
