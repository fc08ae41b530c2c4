# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

"""A structure's yearly work plan as its users work it: the secretary drafts and submits it, the KGU of the
region returns it with a reason or accepts it; nobody else's secretary or region sees it."""

from __future__ import annotations

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry.rules import StructureWorkError
from kelisim_app.kelisim_registry.tests.factories import make_membership, make_person, make_structure
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

PLAN = "KLS Structure Plan"
REGION_A, REGION_B = "KZ-71", "KZ-75"
YEAR = 2033


class WorkTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.secretary = make_user("swk-secretary", [core.ROLE_STRUCTURE_SECRETARY])
		cls.other_secretary = make_user("swk-secretary-other", [core.ROLE_STRUCTURE_SECRETARY])
		cls.kgu_a = make_user("swk-kgu-a", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A))
		cls.kgu_head_a = make_user(
			"swk-kgu-head-a", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A)
		)
		cls.kgu_b = make_user("swk-kgu-b", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_B))
		cls.rgu = make_user("swk-rgu", [core.ROLE_RGU_COORDINATOR], rgu_office())
		cls.observer = make_user("swk-observer", [core.ROLE_MINISTRY_OBSERVER])
		cls.structure = frappe.db.get_value(
			"KLS Public Structure", {"structure_name": "Swk Council"}
		) or make_structure("Swk Council", REGION_A, secretary_user=cls.secretary, founded_on="2015-01-01")
		cls.other = frappe.db.get_value(
			"KLS Public Structure", {"structure_name": "Swk Other council"}
		) or make_structure("Swk Other council", REGION_A, secretary_user=cls.other_secretary)
		cls.member = make_person("Swk", "Member", region=REGION_A)
		make_membership(cls.member, cls.structure, from_date="2020-01-01")
		cls.outsider = make_person("Swk", "Outsider", region=REGION_A)

	def tearDown(self):
		frappe.set_user("Administrator")


def activity(year: int = YEAR, **values) -> dict:
	return {
		"activity": "Round table on shared values",
		"direction": "Organisation and dialogue",
		"planned_from": f"{year}-03-01",
		"planned_to": f"{year}-03-01",
		**values,
	}


class TestKLSStructurePlan(WorkTestCase):
	def new_plan(self, year=YEAR, **values):
		frappe.set_user(self.secretary)
		doc = frappe.get_doc(
			{
				"doctype": PLAN,
				"structure": self.structure,
				"year": year,
				"activities": [activity(year)],
				**values,
			}
		).insert()
		return doc

	def test_the_secretary_submits_the_kgu_returns_with_a_reason_and_accepts(self):
		plan = self.new_plan(activities=[activity(responsible=self.member)])
		self.assertEqual((plan.workflow_state, plan.region), ("Draft", REGION_A))
		self.assertIn(str(YEAR), plan.title)
		plan = apply_workflow(plan, "Submit to KGU")
		self.assertEqual((plan.workflow_state, plan.submitted_by), ("Submitted", self.secretary))
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.kgu_a, "document_name": plan.name})
		)

		frappe.set_user(self.kgu_a)
		plan = frappe.get_doc(PLAN, plan.name)
		self.assertRaises(StructureWorkError, apply_workflow, plan, "Return")
		plan = frappe.get_doc(PLAN, plan.name)
		plan.return_reason = "Add the Nauryz celebration"
		plan.save()
		plan = apply_workflow(plan, "Return")
		self.assertEqual((plan.workflow_state, len(plan.returns)), ("Returned", 1))
		self.assertEqual(plan.returns[0].reason, "Add the Nauryz celebration")

		frappe.set_user(self.secretary)
		plan = frappe.get_doc(PLAN, plan.name)
		plan.append(
			"activities",
			activity(activity="Nauryz", planned_from=f"{YEAR}-03-21", planned_to=f"{YEAR}-03-22"),
		)
		plan.save()
		plan = apply_workflow(plan, "Submit to KGU")
		self.assertIsNone(plan.return_reason)

		frappe.set_user(self.kgu_head_a)
		plan = apply_workflow(frappe.get_doc(PLAN, plan.name), "Accept")
		self.assertEqual((plan.workflow_state, plan.accepted_by), ("Accepted", self.kgu_head_a))

		frappe.set_user(self.secretary)
		plan = frappe.get_doc(PLAN, plan.name)
		plan.year = YEAR + 7
		self.assertRaises(StructureWorkError, plan.save)

	def test_activities_need_dates_in_the_year_and_a_member_responsible(self):
		with self.assertRaises(StructureWorkError):
			self.new_plan(year=YEAR + 1, activities=[activity(planned_from=f"{YEAR}-12-30")])
		with self.assertRaises(StructureWorkError):
			self.new_plan(
				year=YEAR + 2,
				activities=[
					activity(
						planned_from=f"{YEAR + 2}-01-01",
						planned_to=f"{YEAR + 2}-01-02",
						responsible=self.outsider,
					)
				],
			)
		plan = self.new_plan(year=YEAR + 3, activities=[])
		self.assertRaises(StructureWorkError, apply_workflow, plan, "Submit to KGU")

	def test_one_plan_a_year_and_only_for_his_own_structures(self):
		self.new_plan(year=YEAR + 4)
		with self.assertRaises(StructureWorkError):
			self.new_plan(year=YEAR + 4)
		frappe.set_user(self.other_secretary)
		doc = frappe.get_doc(
			{
				"doctype": PLAN,
				"structure": self.structure,
				"year": YEAR + 5,
				"activities": [activity(planned_from=f"{YEAR + 5}-03-01", planned_to=f"{YEAR + 5}-03-01")],
			}
		)
		self.assertRaises(frappe.PermissionError, doc.insert)

	def test_who_sees_the_plans(self):
		plan = self.new_plan(
			year=YEAR + 6,
			activities=[activity(planned_from=f"{YEAR + 6}-03-01", planned_to=f"{YEAR + 6}-03-01")],
		)
		for user, sees in (
			(self.secretary, True),
			(self.other_secretary, False),
			(self.kgu_a, True),
			(self.kgu_b, False),
			(self.rgu, True),
			(self.observer, True),
		):
			frappe.set_user(user)
			self.assertEqual(plan.name in frappe.get_list(PLAN, pluck="name", limit=0), sees, user)
			self.assertEqual(bool(frappe.has_permission(PLAN, "read", plan.name)), sees, user)
		frappe.set_user(self.kgu_b)
		self.assertRaises(frappe.PermissionError, frappe.get_doc(PLAN, plan.name).save)
		frappe.set_user(self.kgu_a)
		self.assertRaises(
			WorkflowTransitionError, apply_workflow, frappe.get_doc(PLAN, plan.name), "Submit to KGU"
		)
