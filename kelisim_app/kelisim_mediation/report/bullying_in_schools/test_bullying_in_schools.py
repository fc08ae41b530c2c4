# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

"""Bullying at school and councils that settle disputes, as their users work: the KGU records a child's case
of bullying (its ground and school), a Council of Public Consent handles it and a Mothers' Council co-handles
it; each council's secretary sees the case and records what the council did; the report counts by ground."""

from __future__ import annotations

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_mediation.exceptions import MediationCaseError
from kelisim_app.kelisim_mediation.testing import REGION_A, REGION_B, case_values, users
from kelisim_app.kelisim_registry.tests.factories import make_structure
from kelisim_app.tests.utils import make_user

CASE = "KLS Mediation Case"
REPORT = "Bullying in Schools"
CHILD_PARTIES = [
	{"party_name": "Bul Pupil", "role": "Applicant", "is_minor": 1},
	{"party_name": "Bul Mother", "role": "Legal guardian"},
	{"party_name": "Bul Other pupil", "role": "Other party", "is_minor": 1},
]


def council(name: str, kind: str, secretary: str, region: str = REGION_A) -> str:
	existing = frappe.db.get_value("KLS Public Structure", {"structure_name": name})
	return existing or make_structure(name, region, kind, secretary_user=secretary)


def counts(user: str, **filters) -> dict:
	frappe.set_user(user)
	try:
		result = run(REPORT, filters={"from_date": add_days(today(), -5), "to_date": today(), **filters})
	finally:
		frappe.set_user("Administrator")
	return {
		(r["region"], r["ground"]): r for r in result["result"] if isinstance(r, dict) and r.get("ground")
	}


class TestBullyingInSchools(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.u = users()
		cls.mothers_secretary = make_user("bul-mothers-secretary", [core.ROLE_STRUCTURE_SECRETARY])
		cls.cpc_secretary = make_user("bul-cpc-secretary", [core.ROLE_STRUCTURE_SECRETARY])
		cls.mothers = council("Bul Mothers' council", "Mothers' Council", cls.mothers_secretary)
		cls.cpc = council("Bul Council of public consent", "Council of Public Consent", cls.cpc_secretary)

	def tearDown(self):
		frappe.set_user("Administrator")

	def bullying_case(self, **values):
		frappe.set_user(self.u.kgu_spec_a)
		doc = frappe.get_doc(
			case_values(
				**{
					"category": "School / children",
					"parties": CHILD_PARTIES,
					"is_bullying": 1,
					"bullying_ground": "Ethnic",
					"school": "School-lyceum No. 7",
					"handling_structure": self.cpc,
					"co_handler": self.mothers,
					**values,
				}
			)
		).insert()
		frappe.set_user("Administrator")
		return doc

	def test_the_ground_and_the_school_are_required_for_bullying(self):
		frappe.set_user(self.u.kgu_spec_a)
		values = case_values(category="School / children", parties=CHILD_PARTIES, is_bullying=1)
		self.assertRaises(frappe.ValidationError, frappe.get_doc({**values, "school": "No. 7"}).insert)
		self.assertRaises(
			frappe.ValidationError, frappe.get_doc({**values, "bullying_ground": "Religious"}).insert
		)
		adults = case_values(is_bullying=1, bullying_ground="Gender-based", school="No. 7")
		doc = frappe.get_doc(adults).insert()
		self.assertEqual((doc.is_bullying, doc.bullying_ground, doc.school), (0, None, None))

	def test_a_council_of_public_consent_handles_and_a_mothers_council_co_handles(self):
		case = self.bullying_case()
		self.assertEqual((case.handling_structure, case.co_handler), (self.cpc, self.mothers))
		frappe.set_user(self.u.kgu_spec_a)
		other = make_structure("Bul Ethnocultural association", REGION_A, "Ethnocultural Association")
		case.co_handler = other
		self.assertRaises(MediationCaseError, case.save)

	def test_each_councils_secretary_sees_the_case_and_records_what_it_did(self):
		case = self.bullying_case()
		stranger = frappe.get_doc(case_values(narrative="Bul: not a council's case.")).insert(
			ignore_permissions=True
		)
		for secretary in (self.mothers_secretary, self.cpc_secretary):
			frappe.set_user(secretary)
			listed = set(frappe.get_list(CASE, pluck="name", limit=0))
			self.assertIn(case.name, listed)
			self.assertNotIn(stranger.name, listed)
			self.assertTrue(frappe.has_permission(CASE, "read", case.name))
			self.assertFalse(frappe.has_permission(CASE, "read", stranger.name))
			self.assertFalse(frappe.has_permission(CASE, "create"))

		frappe.set_user(self.mothers_secretary)
		doc = frappe.get_doc(CASE, case.name)
		self.assertFalse(doc.has_permlevel_access_to("parties"), "the parties stay confidential")
		doc.co_handler_actions = "Met both families with the school psychologist"
		doc.save()
		self.assertEqual(frappe.db.get_value(CASE, case.name, "co_handler_actions"), doc.co_handler_actions)
		doc = frappe.get_doc(CASE, case.name)
		doc.risk = "Medium"
		self.assertRaises(MediationCaseError, doc.save)

	def test_the_report_counts_by_ground_and_region(self):
		before_rgu, before_b = counts(self.u.rgu), counts(self.u.kgu_head_b)
		self.bullying_case()
		self.bullying_case(bullying_ground="Religious", school="School No. 9", co_handler=None)
		after = counts(self.u.rgu)

		def delta(ground, key):
			return after[(REGION_A, ground)][key] - before_rgu.get((REGION_A, ground), {}).get(key, 0)

		self.assertEqual(delta("Ethnic", "cases"), 1)
		self.assertEqual(delta("Ethnic", "mothers_council"), 1)
		self.assertEqual(delta("Religious", "cases"), 1)
		self.assertEqual(delta("Religious", "mothers_council"), 0)
		self.assertEqual(delta("Religious", "open"), 1)
		self.assertEqual(counts(self.u.kgu_head_b), before_b, "region B's office counts none of region A")
		self.assertFalse(any(region != REGION_B for region, _g in counts(self.u.kgu_head_b)))
