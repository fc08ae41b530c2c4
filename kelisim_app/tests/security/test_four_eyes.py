"""Four eyes in every workflow of the app, found from the workflows themselves: for every step that hands a
document over (`approval_rules.hands_over`) and every step out of the state it leads to, a real user who
holds both steps' roles takes the first and is refused the second — over the REST path (403, a
PermissionError, the action not even offered by the desk's `get_transitions`), and by a form save of the
state field. Someone else with the second step's role is not refused by the gate. A pair whose roles no one
user can hold (a KGU and an RGU role) is counted as kept apart by the offices.

Also: who-may-act refusals are permission errors (self approval, a step of another role) over REST."""

from __future__ import annotations

import frappe
from frappe.handler import execute_cmd
from frappe.model.workflow import apply_workflow, is_transition_condition_satisfied
from frappe.tests.utils import FrappeTestCase

from kelisim_app.exceptions import (
	ApprovalPermissionError,
	ApproverRoleError,
	FourEyesError,
	SelfApprovalError,
	UserOfficeError,
)
from kelisim_app.kelisim_core import approval_rules
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.permissions import region_scoped_doctypes
from kelisim_app.tests.security import matrix, scan, world
from kelisim_app.tests.security.test_workflow_guard import gate, national_report, prepare_records
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

KGU_ROLES = {core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST, core.ROLE_STRUCTURE_SECRETARY}
RGU_ROLES = {core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR}
REASON = {"return_reason": "Sec: four eyes"}


def rest_apply(user: str, doctype: str, name: str, action: str):
	"""The desk's call: POST /api/method/frappe.model.workflow.apply_workflow as `user`."""
	frappe.set_user(user)
	doc = frappe.get_doc(doctype, name).as_dict()
	matrix.reset_request({"doc": frappe.as_json(doc), "action": action}, method="POST")
	try:
		return execute_cmd("frappe.model.workflow.apply_workflow")
	finally:
		matrix.clear_request()


def rest_transitions(user: str, doctype: str, name: str) -> list[str]:
	frappe.set_user(user)
	matrix.reset_request({"doc": frappe.as_json(frappe.get_doc(doctype, name).as_dict())}, method="POST")
	try:
		return [t["action"] for t in execute_cmd("frappe.model.workflow.get_transitions")]
	finally:
		matrix.clear_request()


PEOPLE: dict[frozenset, str | None] = {}


def person_for(roles: set[str], key: str) -> str | None:
	"""One user holding every role of `roles` in region A's KGU or the RGU (None: no office allows it)."""
	if frozenset(roles) not in PEOPLE:
		PEOPLE[frozenset(roles)] = _person_for(roles, key)
	return PEOPLE[frozenset(roles)]


def _person_for(roles: set[str], key: str) -> str | None:
	office = kgu_office(world.REGION_A) if roles & KGU_ROLES else rgu_office()
	try:
		return make_user(f"sec-4e-{key}", sorted(roles), office)
	except UserOfficeError:
		frappe.clear_messages()
		return None


class TestFourEyes(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.u = world.users()
		cls.records = world.records(cls.u, region_scoped_doctypes())
		frappe.set_user("Administrator")
		cls.records["KLS National Report"] = national_report()
		prepare_records(cls.records)
		# users whose scope is their records, not an office: the world's secretary and mediator of them
		cls.scoped = {
			core.ROLE_STRUCTURE_SECRETARY: cls.u.secretary_own,
			core.ROLE_MEDIATOR: cls.u.mediator_own,
		}
		frappe.db.delete("KLS Four Eyes Relaxation", {"parent": "KLS Approval Settings"})
		frappe.clear_document_cache("KLS Approval Settings", "KLS Approval Settings")

	def tearDown(self):
		frappe.set_user("Administrator")
		matrix.clear_request()

	def stage(self, workflow, name: str, state: str):
		frappe.set_user("Administrator")
		doctype = workflow.document_type
		docstatus = next(int(s.doc_status or 0) for s in workflow.states if s.state == state)
		reason = REASON if frappe.get_meta(doctype).has_field("return_reason") else {}
		frappe.db.set_value(
			doctype,
			name,
			{
				workflow.workflow_state_field: state,
				"docstatus": docstatus,
				"owner": "Administrator",
				**reason,
			},
			update_modified=False,
		)
		for table in frappe.get_meta(doctype).get_table_fields():
			frappe.db.set_value(
				table.options, {"parent": name, "parenttype": doctype}, "docstatus", docstatus
			)
		# the staged state has no history of its own
		frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})

	def pairs(self, workflow, doc):
		"""(first, second): a hand-over into a state and a step out of it, conditions holding for doc."""
		states = [s.as_dict() for s in workflow.states]
		out, seen = [], set()
		for first in workflow.transitions:
			if not approval_rules.hands_over(states, first.state, first.next_state):
				continue
			if not is_transition_condition_satisfied(first, doc):
				continue
			for second in workflow.transitions:
				key = (first.state, first.action, second.action)
				if second.state == first.next_state and key not in seen:
					seen.add(key)
					out.append((first, second))
		return out

	def test_nobody_takes_two_consecutive_steps(self):
		failures, refused, apart, checked_pairs = [], 0, 0, set()
		for name in scan.app_workflows():
			workflow = frappe.get_doc("Workflow", name)
			doctype, record = workflow.document_type, self.records[workflow.document_type]
			for first, second in self.pairs(workflow, frappe.get_doc(doctype, record)):
				label = f"{name}: {first.state} --{first.action}--> {first.next_state} --{second.action}-->"
				roles = {first.allowed, second.allowed}
				if roles & KGU_ROLES and roles & RGU_ROLES:
					apart += 1
					continue
				actor = person_for(roles, "-".join(sorted(roles)).lower().replace(" ", "-"))
				if not actor:
					apart += 1
					continue
				# made outside the savepoint, which would roll the user back
				other = self.scoped.get(second.allowed) or person_for(
					{second.allowed}, f"other-{second.allowed}".lower().replace(" ", "-")
				)
				self.stage(workflow, record, first.state)
				frappe.db.savepoint("kls_4e")
				try:
					frappe.set_user(actor)
					try:
						apply_workflow(frappe.get_doc(doctype, record), first.action)
					except (frappe.ValidationError, frappe.PermissionError) as e:
						failures.append(f"{label} first step refused: {e!r}")
						continue
					frappe.set_user("Administrator")
					if frappe.get_meta(doctype).has_field("return_reason"):
						frappe.db.set_value(doctype, record, REASON, update_modified=False)
					doc = frappe.get_doc(doctype, record)
					if not is_transition_condition_satisfied(second, doc):
						continue
					checked_pairs.add(label)
					if second.action in rest_transitions(actor, doctype, record):
						failures.append(f"{label} offered to the same person")
					try:
						rest_apply(actor, doctype, record, second.action)
						failures.append(f"{label} went through for the same person")
					except FourEyesError as e:
						self.assertEqual(e.http_status_code, 403)
						refused += 1
					except Exception as e:
						failures.append(f"{label} refused otherwise: {e!r}")
					# a save of the state field is refused the same way
					frappe.set_user(actor)
					doc = frappe.get_doc(doctype, record)
					doc.set(workflow.workflow_state_field, second.next_state)
					try:
						move(doc, workflow, second.next_state)
						failures.append(f"{label} saved by the same person")
					except FourEyesError:
						refused += 1
					except Exception as e:
						failures.append(f"{label} save refused otherwise: {e!r}")
					frappe.clear_messages()
					# someone else with the second step's role is not stopped by the gate
					if other:
						try:
							rest_apply(other, doctype, record, second.action)
						except (frappe.ValidationError, frappe.PermissionError) as e:
							if gate(e):
								failures.append(f"{label} refused to another person: {e!r}")
				finally:
					frappe.set_user("Administrator")
					frappe.db.rollback(save_point="kls_4e")
					frappe.clear_messages()
		self.assertFalse(failures, "\n".join(failures))
		self.assertGreaterEqual(len(checked_pairs), 8, checked_pairs)
		print(
			f"kelisim-metric: four eyes {len(checked_pairs)} consecutive step pairs refused to one person "
			f"({refused} refusals over REST and save), {apart} pairs kept apart by the offices"
		)

	def test_the_audited_case_rgu_head_with_the_coordinators_role(self):
		"""The demo-site audit: the RGU Head (his profile holds RGU Coordinator) passed a regional report
		for sign-off and signed it off himself."""
		head = make_user("sec-4e-rgu-head", [core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR], rgu_office())
		coordinator = make_user("sec-4e-rgu-coord", [core.ROLE_RGU_COORDINATOR], rgu_office())
		workflow = frappe.get_doc("Workflow", "KLS Regional Report")
		record = self.records["KLS Regional Report"]
		self.stage(workflow, record, "Submitted")
		frappe.db.savepoint("kls_4e_audit")
		try:
			rest_apply(head, "KLS Regional Report", record, "Pass for sign-off")
			self.assertNotIn("Sign off", rest_transitions(head, "KLS Regional Report", record))
			with self.assertRaises(FourEyesError) as refusal:
				rest_apply(head, "KLS Regional Report", record, "Sign off")
			self.assertIsInstance(refusal.exception, frappe.PermissionError)
			self.assertEqual(frappe.db.get_value("KLS Regional Report", record, "docstatus"), 0)
			# the coordinator passes it instead: then the head signs off
			self.stage(workflow, record, "Submitted")
			rest_apply(coordinator, "KLS Regional Report", record, "Pass for sign-off")
			self.assertIn("Sign off", rest_transitions(head, "KLS Regional Report", record))
			rest_apply(head, "KLS Regional Report", record, "Sign off")
			self.assertEqual(frappe.db.get_value("KLS Regional Report", record, "docstatus"), 1)
		finally:
			frappe.set_user("Administrator")
			frappe.db.rollback(save_point="kls_4e_audit")

	def test_an_administrator_relaxes_a_workflow_and_it_is_logged(self):
		head = make_user("sec-4e-rgu-head", [core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR], rgu_office())
		admin = make_user("sec-4e-admin", [core.ROLE_ADMINISTRATOR])
		workflow = frappe.get_doc("Workflow", "KLS Regional Report")
		record = self.records["KLS Regional Report"]
		frappe.db.savepoint("kls_4e_relax")
		try:
			frappe.set_user(admin)
			settings = frappe.get_doc("KLS Approval Settings")
			settings.append("relaxed_workflows", {"workflow": workflow.name, "reason": " "})
			self.assertRaises(frappe.ValidationError, settings.save)
			settings = frappe.get_doc("KLS Approval Settings")
			settings.append(
				"relaxed_workflows",
				{"workflow": workflow.name, "reason": "Sec: one RGU Head during the holidays"},
			)
			settings.save()
			self.assertEqual(settings.relaxed_workflows[-1].relaxed_by, admin)
			comment = frappe.get_all(
				"Comment",
				filters={"reference_doctype": "Workflow", "reference_name": workflow.name, "owner": admin},
				pluck="content",
			)
			self.assertTrue(any("one RGU Head during the holidays" in c for c in comment), comment)
			self.stage(workflow, record, "Submitted")
			rest_apply(head, "KLS Regional Report", record, "Pass for sign-off")
			rest_apply(head, "KLS Regional Report", record, "Sign off")
			self.assertEqual(frappe.db.get_value("KLS Regional Report", record, "docstatus"), 1)
			# a Ministry Observer reads the settings, changes nothing
			frappe.set_user(self.u.observer)
			self.assertFalse(frappe.has_permission("KLS Approval Settings", "write"))
		finally:
			frappe.set_user("Administrator")
			frappe.db.rollback(save_point="kls_4e_relax")
			frappe.clear_document_cache("KLS Approval Settings", "KLS Approval Settings")

	def test_who_may_act_refusals_are_permission_errors(self):
		"""403 over REST, translated, for: self approval, a step of another role."""
		workflow = frappe.get_doc("Workflow", "KLS Regional Report")
		record = self.records["KLS Regional Report"]
		head = make_user("sec-4e-rgu-head-only", [core.ROLE_RGU_HEAD], rgu_office())
		coordinator = make_user("sec-4e-rgu-coord-only", [core.ROLE_RGU_COORDINATOR], rgu_office())
		frappe.db.savepoint("kls_4e_who")
		try:
			# the coordinator may not sign off (a step of another role)
			self.stage(workflow, record, "Reviewed")
			with self.assertRaises(ApproverRoleError) as refusal:
				rest_apply(coordinator, "KLS Regional Report", record, "Sign off")
			self.assertEqual(refusal.exception.http_status_code, 403)
			# nobody signs off what he prepared (the document's author), over REST and by a save
			self.stage(workflow, record, "Reviewed")
			frappe.db.set_value("KLS Regional Report", record, "owner", head, update_modified=False)
			with self.assertRaises(SelfApprovalError):
				rest_apply(head, "KLS Regional Report", record, "Sign off")
			frappe.set_user(head)
			doc = frappe.get_doc("KLS Regional Report", record)
			doc.workflow_state = "Signed off"
			self.assertRaises(ApprovalPermissionError, doc.submit)
			# in Kazakh, the refusal is translated
			frappe.set_user("Administrator")
			frappe.db.set_value("User", coordinator, "language", "kk")
			frappe.local.lang = "kk"
			self.stage(workflow, record, "Reviewed")
			with self.assertRaises(ApproverRoleError) as refusal:
				rest_apply(coordinator, "KLS Regional Report", record, "Sign off")
			self.assertNotIn("is not an action your roles may take", str(refusal.exception))
		finally:
			frappe.local.lang = "en"
			frappe.set_user("Administrator")
			frappe.db.rollback(save_point="kls_4e_who")


def move(doc, workflow, state: str) -> None:
	"""Save the document in `state` the way its doc status asks (save, submit or cancel)."""
	target = next(int(s.doc_status or 0) for s in workflow.states if s.state == state)
	if target == doc.docstatus:
		doc.save()
	elif target == 1:
		doc.submit()
	else:
		doc.cancel()
