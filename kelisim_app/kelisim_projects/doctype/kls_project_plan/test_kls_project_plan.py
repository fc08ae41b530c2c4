# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from unittest.mock import patch

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from kelisim_app.exceptions import ApproverRoleError, SelfApprovalError
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_projects.doctype.kls_project_plan.kls_project_plan import daily
from kelisim_app.kelisim_projects.rules import PlanApprovalError, PlanError
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

NOT_ALLOWED = (WorkflowPermissionError, WorkflowTransitionError, PlanApprovalError, frappe.PermissionError)
PROJECT = "Forming a shared civic identity"
YEAR = getdate(today()).year


def on_day(day: str):
	"""Time moved to `day` for the plan's rules and its daily job (freezegun is not a bench requirement)."""
	return patch(
		"kelisim_app.kelisim_projects.doctype.kls_project_plan.kls_project_plan.today", return_value=day
	)


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

	def notified(self, user, name):
		return frappe.db.count(
			"Notification Log",
			{"for_user": user, "document_type": "KLS Project Plan", "document_name": name},
		)

	def test_draft_submit_return_resubmit_approve_amend(self):
		plan = self.draft()
		self.assertEqual(plan.workflow_state, "Draft")
		self.assertRaises(NOT_ALLOWED, self.act, self.specialist, plan.name, "Submit to RGU")
		self.assertRaises(frappe.PermissionError, self.act, self.other_head, plan.name, "Submit to RGU")
		self.assertEqual(self.act(self.head, plan.name, "Submit to RGU").workflow_state, "Submitted")
		self.assertEqual(self.notified(self.coordinator, plan.name), 1, "the reviewer is told")
		self.assertRaises(NOT_ALLOWED, self.act, self.head, plan.name, "Return")
		self.assertRaises(PlanApprovalError, self.act, self.coordinator, plan.name, "Return")
		returned = self.act(self.coordinator, plan.name, "Return", reason="Add a budget line for transport")
		self.assertEqual(returned.workflow_state, "Returned")
		self.assertEqual(self.notified(self.specialist, plan.name), 1, "the region is told of the return")
		self.assertEqual(self.notified(self.head, plan.name), 1)
		frappe.set_user(self.specialist)
		self.assertEqual(
			frappe.get_doc("KLS Project Plan", plan.name).returns[0].reason, "Add a budget line for transport"
		)
		doc = frappe.get_doc("KLS Project Plan", plan.name)
		doc.append("budget", {"budget_line": "Transport", "planned_amount": 200_000})
		doc.save()
		self.assertRaises(frappe.PermissionError, self.act, self.other_head, plan.name, "Submit to RGU")
		self.act(self.head, plan.name, "Submit to RGU")
		self.assertFalse(frappe.db.get_value("KLS Project Plan", plan.name, "return_reason"))
		approver_before = self.notified(self.rgu_head, plan.name)
		self.act(self.coordinator, plan.name, "Pass for approval")
		self.assertEqual(self.notified(self.rgu_head, plan.name), approver_before + 1, "the approver is told")
		# at the approval step: neither the region nor the coordinator approves
		self.assertRaises(NOT_ALLOWED, self.act, self.head, plan.name, "Approve")
		self.assertRaises(NOT_ALLOWED, self.act, self.specialist, plan.name, "Approve")
		self.assertRaises(NOT_ALLOWED, self.act, self.coordinator, plan.name, "Approve")
		self.assertEqual(frappe.db.get_value("KLS Project Plan", plan.name, "docstatus"), 0)
		approved = self.act(self.rgu_head, plan.name, "Approve")
		self.assertEqual((approved.docstatus, approved.workflow_state), (1, "Approved"))
		self.assertEqual(len(approved.returns), 1, "the returned round stays in the history")
		self.assertEqual(approved.returns[0].returned_by, self.coordinator)
		self.assertEqual(self.notified(self.specialist, plan.name), 2, "the region is told of the approval")

		# progress stays editable by the region, the plan itself is frozen
		frappe.set_user(self.specialist)
		doc = frappe.get_doc("KLS Project Plan", plan.name)
		doc.budget[0].actual_amount = 150_000
		doc.activities[0].status = "In progress"
		doc.kpis[0].actual = 5
		doc.append("risks", {"risk": "Venue closed", "probability": 2, "impact": 2})
		doc.append(
			"corrective_actions",
			{"risk": "Low turnout", "action": "Invite schools", "due_date": add_days(today(), 10)},
		)
		doc.save()
		doc = frappe.get_doc("KLS Project Plan", plan.name)
		self.assertEqual((doc.actual_total, len(doc.risks), doc.kpis[0].actual), (150_000, 2, 5))
		frozen = {
			"goals": lambda d: setattr(d, "goals", "<p>Something else</p>"),
			"planned amount": lambda d: setattr(d.budget[0], "planned_amount", 5_000_000),
			"target": lambda d: setattr(d.kpis[0], "target", 4),
			"activity dates": lambda d: setattr(d.activities[0], "end_date", f"{YEAR}-12-20"),
			"new budget line": lambda d: d.append("budget", {"budget_line": "Extra", "planned_amount": 9}),
			"new activity": lambda d: d.append(
				"activities",
				{"activity": "Extra", "start_date": f"{YEAR}-03-01", "end_date": f"{YEAR}-03-02"},
			),
			"new indicator": lambda d: d.append("kpis", {"indicator": "Extra", "unit": "u", "target": 1}),
			"removed indicator": lambda d: d.set("kpis", []),
			"removed activity": lambda d: d.activities.pop(),
		}
		for label, change in frozen.items():
			with self.subTest(change=label):
				doc = frappe.get_doc("KLS Project Plan", plan.name)
				change(doc)
				self.assertRaises((frappe.UpdateAfterSubmitError, PlanError), doc.save)
		doc = frappe.get_doc("KLS Project Plan", plan.name)
		self.assertEqual((len(doc.kpis), len(doc.activities), len(doc.budget)), (1, 2, 2))
		self.assertEqual(doc.budget[0].planned_amount, 1_000_000)

		# an amendment goes through approval again, with the same users at each step
		cancelled = self.act(self.head, plan.name, "Cancel for amendment")
		self.assertEqual(cancelled.docstatus, 2)
		frappe.set_user(self.specialist)
		amendment = frappe.copy_doc(frappe.get_doc("KLS Project Plan", plan.name), ignore_no_copy=False)
		amendment.amended_from = plan.name
		amendment.docstatus = 0
		amendment.append(
			"activities",
			{"activity": "Summer camp", "start_date": f"{YEAR}-07-01", "end_date": f"{YEAR}-07-10"},
		)
		amendment.insert()
		self.assertEqual((amendment.workflow_state, amendment.docstatus), ("Draft", 0))
		self.assertEqual(amendment.returns, [], "a new round starts")
		self.assertRaises(NOT_ALLOWED, self.act, self.specialist, amendment.name, "Submit to RGU")
		self.act(self.head, amendment.name, "Submit to RGU")
		self.act(self.coordinator, amendment.name, "Pass for approval")
		self.assertRaises(NOT_ALLOWED, self.act, self.head, amendment.name, "Approve")
		approved = self.act(self.rgu_head, amendment.name, "Approve")
		self.assertEqual((approved.docstatus, approved.amended_from), (1, plan.name))
		self.assertEqual(len(approved.activities), 3)

	def test_the_submitter_does_not_approve_either(self):
		coordinator2 = make_user("rgu-coord2-plans", [core.ROLE_RGU_COORDINATOR], rgu_office())
		frappe.set_user(self.coordinator)
		frappe.db.delete(
			"KLS Project Plan", {"plan_level": "Republican", "base_project": PROJECT, "year": YEAR}
		)
		plan = frappe.get_doc(plan_values(region=None)).insert()
		self.act(self.rgu_head, plan.name, "Submit to RGU")  # the RGU Head submits the coordinator's draft
		self.act(coordinator2, plan.name, "Pass for approval")
		self.assertRaises(SelfApprovalError, self.act, self.rgu_head, plan.name, "Approve")
		self.assertEqual(frappe.db.get_value("KLS Project Plan", plan.name, "docstatus"), 0)

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
		self.assertRaises(ApproverRoleError, doc.submit)
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
		# on a fixed day of the plan's year, so that "tomorrow" is in the year on every calendar day
		with on_day(f"{YEAR}-06-15"):
			start = f"{YEAR}-06-16"  # the day after the rules' today
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
		with on_day(f"{year}-07-02"):  # about half of the year gone
			plan = self.draft(
				activities=[
					{
						"activity": "Early spring fair",
						"start_date": f"{year}-03-02",
						"end_date": f"{year}-03-05",
					},
					{"activity": "Autumn forum", "start_date": f"{year}-10-01", "end_date": f"{year}-10-02"},
				],
				risks=[
					{"risk": "Floods", "probability": 5, "impact": 4},
					{"risk": "Rain", "probability": 2, "impact": 2},
				],
				kpis=[
					{
						"indicator": "Round tables held",
						"unit": "events",
						"baseline": 0,
						"target": 40,
						"actual": 10,
					}
				],
				budget=[{"budget_line": "Venues", "planned_amount": 1_000_000, "actual_amount": 100_000}],
			)
			self.assertTrue(plan.at_risk)
			reasons = plan.at_risk_reasons
			self.assertIn("Early spring fair", reasons, "overdue milestone")
			self.assertNotIn("Autumn forum", reasons)
			self.assertIn("Round tables held", reasons, "KPI at 25% where half the year is gone")
			self.assertIn("10.0%", reasons, "budget executed 10% where half the year is gone")
			self.assertIn("Floods", reasons, "score 20, open, no corrective action")
			self.assertNotIn("Rain", reasons)
			self.assertEqual(len(reasons.splitlines()), 4)

			# the region's progress clears the reasons one by one
			frappe.set_user(self.specialist)
			doc = frappe.get_doc("KLS Project Plan", plan.name)
			doc.append("corrective_actions", {"risk": "Floods", "action": "Move indoors"})
			doc.activities[0].status = "Done"
			doc.activities[0].completed_on = f"{year}-03-05"
			doc.kpis[0].actual = 18  # 45%: within the 10-point tolerance of 50%
			doc.save()
			self.assertTrue(doc.at_risk)
			self.assertEqual(len(doc.at_risk_reasons.splitlines()), 1)
			doc.budget[0].actual_amount = 400_000  # 40%: within the 20-point tolerance
			doc.save()
			self.assertEqual((doc.at_risk, doc.at_risk_reasons or ""), (0, ""))

		# the daily job moves the flag with the calendar: the autumn forum is overdue by November
		with on_day(f"{year}-11-02"):
			frappe.set_user("Administrator")
			self.assertIn(
				"kelisim_app.kelisim_projects.doctype.kls_project_plan.kls_project_plan.daily",
				frappe.get_hooks("scheduler_events")["daily"],
			)
			daily()
			flag, reasons = frappe.db.get_value("KLS Project Plan", plan.name, ["at_risk", "at_risk_reasons"])
			self.assertEqual(flag, 1)
			self.assertIn("Autumn forum", reasons)

	def test_measured_kpi_counts_verified_events(self):
		from kelisim_app.kelisim_events.doctype.kls_event.test_kls_event import event_values
		from kelisim_app.kelisim_registry.tests.factories import make_structure

		council = make_structure("KPI Council Astana", "KZ-71")
		frappe.set_user("Administrator")
		events = []
		for i in range(3):
			event = frappe.get_doc(
				event_values(council, title=f"KPI round table {i}", base_project=PROJECT)
			).insert()
			events.append(event.name)
			if i < 2:
				frappe.db.set_value("KLS Event", event.name, "workflow_state", "Verified")
		plan = self.draft(
			kpis=[
				{
					"indicator": "Events counted by the KGU",
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
		# a measured actual is not typed in: the records decide it
		frappe.set_user(self.specialist)
		doc = frappe.get_doc("KLS Project Plan", plan.name)
		doc.kpis[0].actual = 9
		doc.save()
		self.assertEqual(doc.kpis[0].actual, 2)
		# the third event verified: the daily job moves the actual
		frappe.set_user("Administrator")
		frappe.db.set_value("KLS Event", events[2], "workflow_state", "Verified")
		daily()
		self.assertEqual(
			frappe.get_all("KLS Plan KPI", {"parent": plan.name}, pluck="actual", order_by="idx"), [3, 180]
		)

	def test_another_region_and_the_observer(self):
		plan = self.draft()
		frappe.set_user(self.other_head)
		self.assertFalse(frappe.has_permission("KLS Project Plan", "read", plan.name))
		observer = make_user("observer-plans", [core.ROLE_MINISTRY_OBSERVER])
		frappe.set_user(observer)
		self.assertTrue(frappe.has_permission("KLS Project Plan", "read", plan.name))
		self.assertFalse(frappe.has_permission("KLS Project Plan", "write", plan.name))
