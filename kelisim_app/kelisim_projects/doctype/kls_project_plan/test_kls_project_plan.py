# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_projects.rules import PlanApprovalError, PlanError
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

NOT_ALLOWED = (WorkflowPermissionError, WorkflowTransitionError, PlanApprovalError)
PROJECT = "Forming a shared civic identity"
YEAR = getdate(today()).year


def plan_values(region="KZ-71", **extra):
	year = extra.pop("year", YEAR)
	return {
		"doctype": "KLS Project Plan",
		"plan_level": "Regional" if region else "Republican",
		"region": region,
		"base_project": extra.pop("base_project", PROJECT),
		"year": year,
		"goals": "<p>Strengthen the shared civic identity</p>",
		"expected_results": "<p>Forty round tables</p>",
		"kpis": [{"indicator": "Round tables held", "unit": "events", "baseline": 0, "target": 40}],
		"activities": [
			{"activity": "Round tables", "start_date": f"{year}-02-01", "end_date": f"{year}-11-30"},
			{
				"activity": "Festival",
				"start_date": f"{year}-06-01",
				"end_date": f"{year}-06-03",
				"is_milestone": 1,
			},
		],
		"budget": [{"budget_line": "Venues", "planned_amount": 1_000_000, "actual_amount": 0}],
		"risks": [{"risk": "Low turnout", "probability": 2, "impact": 3}],
		**extra,
	}


class TestKLSProjectPlan(FrappeTestCase):
	def setUp(self):
		self.specialist = make_user("kgu-spec-plans-71", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		self.head = make_user(
			"kgu-head-plans-71", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71")
		)
		self.other_head = make_user(
			"kgu-head-plans-75", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-75")
		)
		self.coordinator = make_user("rgu-coord-plans", [core.ROLE_RGU_COORDINATOR], rgu_office())
		self.rgu_head = make_user(
			"rgu-head-plans", [core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR], rgu_office()
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def draft(self, user=None, **extra):
		frappe.set_user(user or self.specialist)
		frappe.db.delete(
			"KLS Project Plan",
			{
				"region": extra.get("region", "KZ-71"),
				"base_project": extra.get("base_project", PROJECT),
				"year": YEAR,
			},
		)
		return frappe.get_doc(plan_values(**extra)).insert()

	def act(self, user, name, action, reason=None):
		frappe.set_user(user)
		if reason:
			doc = frappe.get_doc("KLS Project Plan", name)
			doc.return_reason = reason
			doc.save()
		return apply_workflow(frappe.get_doc("KLS Project Plan", name), action)

	def test_draft_submit_return_resubmit_approve_amend(self):
		plan = self.draft()
		self.assertEqual(plan.workflow_state, "Draft")
		self.assertRaises(NOT_ALLOWED, self.act, self.specialist, plan.name, "Submit to RGU")
		self.assertRaises(frappe.PermissionError, self.act, self.other_head, plan.name, "Submit to RGU")
		self.assertEqual(self.act(self.head, plan.name, "Submit to RGU").workflow_state, "Submitted")
		self.assertRaises(PlanApprovalError, self.act, self.coordinator, plan.name, "Return")
		returned = self.act(self.coordinator, plan.name, "Return", reason="Add a budget line for transport")
		self.assertEqual(returned.workflow_state, "Returned")
		frappe.set_user(self.specialist)
		self.assertEqual(
			frappe.get_doc("KLS Project Plan", plan.name).returns[0].reason, "Add a budget line for transport"
		)
		doc = frappe.get_doc("KLS Project Plan", plan.name)
		doc.append("budget", {"budget_line": "Transport", "planned_amount": 200_000})
		doc.save()
		self.act(self.head, plan.name, "Submit to RGU")
		self.assertRaises(NOT_ALLOWED, self.act, self.head, plan.name, "Approve")
		self.act(self.coordinator, plan.name, "Pass for approval")
		self.assertRaises(NOT_ALLOWED, self.act, self.coordinator, plan.name, "Approve")
		approved = self.act(self.rgu_head, plan.name, "Approve")
		self.assertEqual((approved.docstatus, approved.workflow_state), (1, "Approved"))
		self.assertEqual(len(approved.returns), 1, "the returned round stays in the history")

		# progress stays editable by the region, the plan itself is frozen
		frappe.set_user(self.specialist)
		doc = frappe.get_doc("KLS Project Plan", plan.name)
		doc.budget[0].actual_amount = 150_000
		doc.activities[0].status = "In progress"
		doc.append(
			"corrective_actions",
			{"risk": "Low turnout", "action": "Invite schools", "due_date": add_days(today(), 10)},
		)
		doc.save()
		doc = frappe.get_doc("KLS Project Plan", plan.name)
		doc.goals = "<p>Something else</p>"
		self.assertRaises(frappe.UpdateAfterSubmitError, doc.save)

		# an amendment goes through approval again
		cancelled = self.act(self.head, plan.name, "Cancel for amendment")
		self.assertEqual(cancelled.docstatus, 2)
		frappe.set_user(self.specialist)
		amendment = frappe.copy_doc(frappe.get_doc("KLS Project Plan", plan.name), ignore_no_copy=False)
		amendment.amended_from = plan.name
		amendment.docstatus = 0
		amendment.insert()
		self.assertEqual(amendment.workflow_state, "Draft")
		self.assertEqual(amendment.docstatus, 0)

	def test_nobody_approves_a_plan_he_prepared(self):
		frappe.set_user(self.rgu_head)
		frappe.db.delete(
			"KLS Project Plan", {"plan_level": "Republican", "base_project": PROJECT, "year": YEAR}
		)
		plan = frappe.get_doc(plan_values(region=None)).insert()
		self.act(self.rgu_head, plan.name, "Submit to RGU")
		frappe.set_user("Administrator")
		frappe.db.set_value("KLS Project Plan", plan.name, "workflow_state", "Reviewed")
		self.assertRaises(
			(*NOT_ALLOWED, frappe.ValidationError), self.act, self.rgu_head, plan.name, "Approve"
		)
		self.assertEqual(frappe.db.get_value("KLS Project Plan", plan.name, "docstatus"), 0)

	def test_the_region_cannot_submit_around_the_workflow(self):
		plan = self.draft()
		frappe.set_user(self.head)
		doc = frappe.get_doc("KLS Project Plan", plan.name)
		self.assertRaises(PlanApprovalError, doc.submit)
		self.assertEqual(frappe.db.get_value("KLS Project Plan", plan.name, "docstatus"), 0)

	def test_content_rules_and_nothing_half_saved(self):
		before = frappe.db.count("KLS Project Plan")
		cases = [
			{
				"activities": [
					{"activity": "Late", "start_date": f"{YEAR}-05-02", "end_date": f"{YEAR}-05-01"}
				]
			},
			{
				"activities": [
					{
						"activity": "Next year",
						"start_date": f"{YEAR + 1}-01-10",
						"end_date": f"{YEAR + 1}-01-11",
					}
				]
			},
			{"kpis": [{"indicator": "No unit", "unit": "", "target": 5}]},
			{"budget": [{"budget_line": "Negative", "planned_amount": -5}]},
			{"risks": [{"risk": "Too likely", "probability": 6, "impact": 1}]},
			{"risks": [{"risk": "Impossible", "probability": 0, "impact": 3}]},
			{
				"responsibility": [
					{"activity": "No such activity", "structure": None, "responsibility": "Involved"}
				],
			},
		]
		frappe.set_user(self.specialist)
		for values in cases:
			with self.subTest(values=values):
				self.assertRaises(
					(PlanError, frappe.ValidationError), frappe.get_doc(plan_values(**values)).insert
				)
		self.assertEqual(frappe.db.count("KLS Project Plan"), before)

	def test_an_activity_cannot_be_done_before_it_starts(self):
		if getdate(today()).month == 12 and getdate(today()).day > 28:
			self.skipTest("no future date left in this year")
		start = add_days(today(), 1)
		frappe.set_user(self.specialist)
		doc = frappe.get_doc(
			plan_values(
				activities=[
					{"activity": "Tomorrow", "start_date": start, "end_date": start, "status": "Done"}
				]
			)
		)
		self.assertRaises(PlanError, doc.insert)

	def test_one_plan_per_region_project_and_year(self):
		self.draft()
		frappe.set_user(self.specialist)
		self.assertRaises(PlanError, frappe.get_doc(plan_values()).insert)

	def test_at_risk_flags_and_their_reasons(self):
		year = YEAR
		plan = self.draft(
			activities=[
				{"activity": "Early spring fair", "start_date": f"{year}-01-02", "end_date": f"{year}-01-05"}
			],
			risks=[{"risk": "Floods", "probability": 5, "impact": 4}],
			kpis=[
				{"indicator": "Round tables held", "unit": "events", "baseline": 0, "target": 40, "actual": 0}
			],
		)
		if getdate(today()) > getdate(f"{year}-01-05"):
			self.assertTrue(plan.at_risk)
			self.assertIn("Early spring fair", plan.at_risk_reasons)
		self.assertIn("Floods", plan.at_risk_reasons)
		doc = frappe.get_doc("KLS Project Plan", plan.name)
		doc.append("corrective_actions", {"risk": "Floods", "action": "Move indoors"})
		doc.activities[0].status = "Done"
		doc.activities[0].completed_on = f"{year}-01-05"
		doc.save()
		self.assertNotIn("Floods", doc.at_risk_reasons)
		self.assertNotIn("Early spring fair", doc.at_risk_reasons)

	def test_measured_kpi_counts_verified_events(self):
		from kelisim_app.kelisim_events.doctype.kls_event.test_kls_event import event_values
		from kelisim_app.kelisim_registry.tests.factories import make_structure

		council = make_structure("KPI Council Astana", "KZ-71")
		frappe.set_user("Administrator")
		for i in range(3):
			event = frappe.get_doc(
				event_values(council, title=f"KPI round table {i}", base_project=PROJECT)
			).insert()
			if i < 2:
				frappe.db.set_value("KLS Event", event.name, "workflow_state", "Verified")
		plan = self.draft(
			kpis=[
				{
					"indicator": "Verified events",
					"unit": "events",
					"target": 10,
					"measurement": "Verified events",
				},
				{
					"indicator": "Participants",
					"unit": "people",
					"target": 1000,
					"measurement": "Participants of verified events",
				},
			]
		)
		self.assertEqual([k.actual for k in plan.kpis], [2, 120])
		self.assertEqual(plan.kpis[0].attainment, 20.0)

	def test_another_region_and_the_observer(self):
		plan = self.draft()
		frappe.set_user(self.other_head)
		self.assertFalse(frappe.has_permission("KLS Project Plan", "read", plan.name))
		observer = make_user("observer-plans", [core.ROLE_MINISTRY_OBSERVER])
		frappe.set_user(observer)
		self.assertTrue(frappe.has_permission("KLS Project Plan", "read", plan.name))
		self.assertFalse(frappe.has_permission("KLS Project Plan", "write", plan.name))
