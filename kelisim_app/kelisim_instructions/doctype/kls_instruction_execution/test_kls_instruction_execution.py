# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from unittest.mock import patch

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_instructions import control
from kelisim_app.kelisim_instructions.doctype.kls_instruction.test_kls_instruction import issue
from kelisim_app.kelisim_instructions.rules import EvidenceError, ExecutionError, ExtensionError
from kelisim_app.kelisim_registry.tests.factories import make_structure
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

NOT_ALLOWED = (WorkflowPermissionError, WorkflowTransitionError)


class TestKLSInstructionExecution(FrappeTestCase):
	def setUp(self):
		self.rgu = make_user("rgu-exec", [core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR], rgu_office())
		self.head = make_user(
			"kgu-head-exec-71", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71")
		)
		self.specialist = make_user("kgu-spec-exec-71", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		self.other_head = make_user(
			"kgu-head-exec-75", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-75")
		)
		frappe.set_user(self.rgu)
		self.instruction = issue(("KZ-71", "KZ-75"), deadline_in=10)
		self.name = f"{self.instruction.name}-KZ-71"

	def tearDown(self):
		frappe.set_user("Administrator")

	def execution(self):
		return frappe.get_doc("KLS Instruction Execution", self.name)

	def report(self, text="<p>Round tables held in all five districts.</p>"):
		frappe.set_user(self.specialist)
		doc = self.execution()
		doc.report_text = text
		doc.save()
		return doc

	def act(self, user, action):
		frappe.set_user(user)
		return apply_workflow(self.execution(), action)

	# ------------------------------------------------------------------ the chain
	def test_report_return_resubmit_accept_as_the_real_users(self):
		self.report()
		self.assertRaises(NOT_ALLOWED, self.act, self.specialist, "Submit report")
		self.assertEqual(self.act(self.head, "Submit report").workflow_state, "Submitted")
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.rgu, "document_name": self.name})
		)
		# a return needs a reason
		self.assertRaises(ExecutionError, self.act, self.rgu, "Return")
		frappe.set_user(self.rgu)
		doc = self.execution()
		doc.return_reason = "Attach the list of participants"
		doc.save()
		returned = apply_workflow(self.execution(), "Return")
		self.assertEqual(returned.workflow_state, "Returned")
		self.assertEqual([r.reason for r in returned.returns], ["Attach the list of participants"])
		frappe.set_user(self.specialist)
		self.assertEqual(self.execution().returns[0].reason, "Attach the list of participants")
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.head, "document_name": self.name})
		)
		self.report("<p>Round tables held; participants listed in the attachment.</p>")
		self.act(self.head, "Submit report")
		frappe.set_user(self.rgu)
		doc = self.execution()
		self.assertFalse(doc.return_reason, "the next round asks for a new reason")
		accepted = apply_workflow(doc, "Accept")
		self.assertEqual((accepted.docstatus, accepted.workflow_state), (1, "Accepted"))
		self.assertEqual(getdate(accepted.completed_on), getdate(today()))
		self.assertEqual(
			frappe.db.get_value("KLS Instruction", self.instruction.name, "executions_accepted"), 1
		)

	def test_a_closed_execution_is_immutable(self):
		secretary = make_user("secretary-closed-exec", [core.ROLE_STRUCTURE_SECRETARY])
		ours = make_structure("Closed Task Council Astana", "KZ-71", secretary_user=secretary)
		evidence = make_structure("Closed Evidence Council Astana", "KZ-71")
		frappe.set_user(self.specialist)
		self.execution().request_extension(add_days(today(), 20), "Waiting for the venue")
		self.report()
		self.act(self.head, "Submit report")
		self.act(self.rgu, "Accept")
		frappe.set_user(self.rgu)
		doc = self.execution()
		doc.report_text = "<p>rewritten</p>"
		self.assertRaises(frappe.UpdateAfterSubmitError, doc.save)
		self.assertRaises(ExecutionError, self.execution().decide_extension, 1)
		frappe.set_user(self.specialist)
		doc = self.execution()
		doc.append("evidence", {"reference_doctype": "KLS Public Structure", "reference_name": evidence})
		self.assertRaises((frappe.UpdateAfterSubmitError, frappe.PermissionError), doc.save)
		self.assertRaises(ExecutionError, self.execution().assign_task, ours, "After the fact")
		frappe.set_user(self.head)
		self.assertRaises(ExtensionError, self.execution().request_extension, add_days(today(), 40), "late")
		frappe.set_user("Administrator")
		doc = self.execution()
		self.assertEqual(
			(doc.report_text, doc.evidence, doc.deadline),
			("<p>Round tables held in all five districts.</p>", [], doc.original_deadline),
		)
		self.assertFalse(frappe.db.exists("ToDo", {"reference_name": self.name, "allocated_to": secretary}))

	def test_no_empty_report_and_no_kgu_acceptance(self):
		self.assertRaises(ExecutionError, self.act, self.head, "Submit report")
		self.report()
		self.act(self.head, "Submit report")
		self.assertRaises(NOT_ALLOWED, self.act, self.head, "Accept")

	def test_another_region_cannot_reach_the_execution(self):
		frappe.set_user(self.other_head)
		self.assertFalse(frappe.has_permission("KLS Instruction Execution", "read", self.name))
		self.assertNotIn(self.name, frappe.get_list("KLS Instruction Execution", pluck="name", limit=0))
		self.assertIn(
			f"{self.instruction.name}-KZ-75", frappe.get_list("KLS Instruction Execution", pluck="name")
		)

	# ------------------------------------------------------------------ evidence and tasks
	def test_evidence_must_come_from_the_same_region(self):
		ours = make_structure("Evidence Council Astana", "KZ-71")
		theirs = make_structure("Evidence Council Almaty", "KZ-75")
		frappe.set_user(self.specialist)
		doc = self.execution()
		doc.append("evidence", {"reference_doctype": "KLS Public Structure", "reference_name": theirs})
		self.assertRaises((EvidenceError, frappe.PermissionError, frappe.LinkValidationError), doc.save)
		doc = self.execution()
		doc.append("evidence", {"reference_doctype": "KLS Public Structure", "reference_name": ours})
		doc.save()
		self.assertEqual(len(self.execution().evidence), 1)
		doc.append(
			"evidence", {"reference_doctype": "KLS Structure Kind", "reference_name": "Mothers' Council"}
		)
		self.assertRaises(EvidenceError, doc.save)

	def test_tasks_to_the_regions_structures(self):
		secretary = make_user("secretary-exec", [core.ROLE_STRUCTURE_SECRETARY])
		ours = make_structure("Task Council Astana", "KZ-71", secretary_user=secretary)
		theirs = make_structure("Task Council Almaty", "KZ-75", secretary_user=secretary)
		frappe.set_user(self.specialist)
		doc = self.execution()
		self.assertEqual(doc.assign_task(ours, "Hold a round table", add_days(today(), 5)), secretary)
		self.assertRaises(ExecutionError, doc.assign_task, theirs, "Not ours")
		self.assertRaises(ExecutionError, doc.assign_task, ours, "Too late", add_days(today(), 60))
		tasks = doc.get_tasks()
		self.assertEqual([t.allocated_to for t in tasks], [secretary])
		frappe.set_user(secretary)
		self.assertTrue(frappe.has_permission("KLS Instruction Execution", "read", self.name))

	# ------------------------------------------------------------------ extension
	def test_extension_request_grant_and_refusal(self):
		frappe.set_user(self.rgu)  # the RGU does not ask itself for an extension of the region's deadline
		self.assertRaises(
			frappe.PermissionError, self.execution().request_extension, add_days(today(), 20), "For them"
		)
		self.assertEqual(self.execution().extensions, [])
		frappe.set_user(self.specialist)
		doc = self.execution()
		self.assertRaises(ExtensionError, doc.request_extension, add_days(today(), 5), "earlier than now")
		self.assertRaises(ExtensionError, doc.request_extension, add_days(today(), 20), "  ")
		doc.request_extension(add_days(today(), 20), "The governor's office moved the round tables")
		self.assertRaises(ExtensionError, self.execution().request_extension, add_days(today(), 25), "again")
		self.assertRaises(frappe.PermissionError, self.execution().decide_extension, 1)
		self.assertRaises(frappe.PermissionError, self.execution().decide_extension, 0)
		self.assertEqual(self.execution().extension_status, "Requested")
		frappe.set_user(self.rgu)
		self.execution().decide_extension(1, "Agreed")
		doc = self.execution()
		self.assertEqual(getdate(doc.deadline), getdate(add_days(today(), 20)))
		self.assertEqual(getdate(doc.original_deadline), getdate(add_days(today(), 10)))
		self.assertEqual(doc.extension_status, "Granted")
		frappe.set_user(self.specialist)
		self.execution().request_extension(add_days(today(), 40), "Once more")
		frappe.set_user(self.rgu)
		self.execution().decide_extension(0, "No")
		doc = self.execution()
		self.assertEqual(getdate(doc.deadline), getdate(add_days(today(), 20)))
		self.assertEqual([e.decision for e in doc.extensions], ["Granted", "Refused"])
		self.assertRaises(ExtensionError, doc.decide_extension, 1)

	# ------------------------------------------------------------------ control, with time moved forward
	def test_reminder_then_escalation_to_kgu_head_then_to_rgu(self):
		def notified(user):
			return frappe.db.count("Notification Log", {"for_user": user, "document_name": self.name})

		frappe.set_user("Administrator")
		deadline = getdate(add_days(today(), 10))
		control.run_control(add_days(deadline, -3))
		self.assertEqual(frappe.db.get_value("KLS Instruction Execution", self.name, "days_left"), 3)
		reminded = notified(self.specialist)
		self.assertGreaterEqual(reminded, 1)
		control.run_control(add_days(deadline, -2))
		self.assertEqual(notified(self.specialist), reminded, "one reminder, not one a day")
		head_before, rgu_before = notified(self.head), notified(self.rgu)
		control.run_control(add_days(deadline, 1))
		row = frappe.db.get_value(
			"KLS Instruction Execution",
			self.name,
			["is_overdue", "escalation_level", "days_left"],
			as_dict=True,
		)
		self.assertEqual((row.is_overdue, row.escalation_level, row.days_left), (1, "KGU Head", -1))
		self.assertEqual(notified(self.head), head_before + 1)
		self.assertEqual(notified(self.rgu), rgu_before)
		control.run_control(add_days(deadline, 6))
		self.assertEqual(
			frappe.db.get_value("KLS Instruction Execution", self.name, "escalation_level"), "RGU Coordinator"
		)
		self.assertEqual(notified(self.rgu), rgu_before + 1)
		control.run_control(add_days(deadline, 7))
		self.assertEqual(notified(self.rgu), rgu_before + 1, "escalated once")
		self.assertEqual(
			frappe.db.get_value("KLS Instruction", self.instruction.name, "executions_overdue"), 2
		)

	def test_the_daily_job_with_time_moved_forward(self):
		"""The scheduler's own job (hooks.py), run on days after the deadline: the region that has not
		reported is overdue and escalated; the region whose report awaits the RGU is neither."""
		job = "kelisim_app.kelisim_instructions.control.daily"
		self.assertIn(job, frappe.get_hooks("scheduler_events")["daily"])
		reported = f"{self.instruction.name}-KZ-75"
		frappe.set_user(self.other_head)
		doc = frappe.get_doc("KLS Instruction Execution", reported)
		doc.report_text = "<p>Done in Almaty.</p>"
		doc.save()
		apply_workflow(frappe.get_doc("KLS Instruction Execution", reported), "Submit report")
		frappe.set_user("Administrator")

		def notified(user, name):
			return frappe.db.count("Notification Log", {"for_user": user, "document_name": name})

		def state(name):
			return frappe.db.get_value(
				"KLS Instruction Execution",
				name,
				["days_left", "is_overdue", "escalation_level"],
				as_dict=True,
			)

		deadline = getdate(add_days(today(), 10))
		head_75 = notified(self.other_head, reported)
		with patch("kelisim_app.kelisim_instructions.control.today", return_value=str(add_days(deadline, 2))):
			frappe.get_attr(job)()
		self.assertEqual(state(self.name), {"days_left": -2, "is_overdue": 1, "escalation_level": "KGU Head"})
		self.assertEqual((state(reported).days_left, state(reported).is_overdue), (-2, 0), "awaits the RGU")
		self.assertFalse(state(reported).escalation_level)
		self.assertEqual(notified(self.other_head, reported), head_75)
		self.assertEqual(
			frappe.db.get_value("KLS Instruction", self.instruction.name, "executions_overdue"), 1
		)
		rgu_before = notified(self.rgu, self.name)
		with patch("kelisim_app.kelisim_instructions.control.today", return_value=str(add_days(deadline, 6))):
			frappe.get_attr(job)()
		self.assertEqual(state(self.name).escalation_level, "RGU Coordinator")
		self.assertEqual(notified(self.rgu, self.name), rgu_before + 1)
		self.assertFalse(state(reported).escalation_level)
