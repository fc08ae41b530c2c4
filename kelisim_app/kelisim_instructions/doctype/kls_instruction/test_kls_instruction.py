# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_instructions.rules import InstructionError
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office


def new_instruction(regions=("KZ-71", "KZ-75"), deadline_in=30, **extra) -> "frappe.Document":
	doc = frappe.get_doc(
		{
			"doctype": "KLS Instruction",
			"title": extra.pop("title", "Hold round tables on the Day of Unity"),
			"instruction_text": "<p>Hold round tables with the councils of public consent.</p>",
			"deadline": add_days(today(), deadline_in),
			"all_regions": 0 if regions else 1,
			"regions": [{"region": r} for r in regions or []],
			**extra,
		}
	)
	return doc


def issue(regions=("KZ-71", "KZ-75"), deadline_in=30, **extra) -> "frappe.Document":
	doc = new_instruction(regions, deadline_in, **extra)
	doc.insert()
	doc.submit()
	return doc


class TestKLSInstruction(FrappeTestCase):
	def setUp(self):
		self.rgu = make_user(
			"rgu-instructions", [core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR], rgu_office()
		)
		self.kgu_head_71 = make_user(
			"kgu-head-instr-71", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71")
		)
		frappe.set_user(self.rgu)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_issuing_to_several_regions_opens_one_execution_each_and_tells_them(self):
		doc = issue(("KZ-71", "KZ-75", "KZ-35"))
		executions = frappe.get_all(
			"KLS Instruction Execution",
			filters={"instruction": doc.name},
			fields=["region", "deadline", "original_deadline", "workflow_state"],
		)
		self.assertEqual({e.region for e in executions}, {"KZ-71", "KZ-75", "KZ-35"})
		self.assertTrue(all(e.workflow_state == "Open" for e in executions))
		self.assertTrue(
			all(str(e.deadline) == str(doc.deadline) == str(e.original_deadline) for e in executions)
		)
		self.assertEqual(frappe.db.get_value("KLS Instruction", doc.name, "executions_total"), 3)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log", {"for_user": self.kgu_head_71, "document_name": f"{doc.name}-KZ-71"}
			)
		)

	def test_all_regions(self):
		doc = issue(None)
		self.assertEqual(frappe.db.count("KLS Instruction Execution", {"instruction": doc.name}), 20)

	def test_rejections_issue_nothing(self):
		before = frappe.db.count("KLS Instruction Execution")
		past = new_instruction(deadline_in=-1)
		past.insert()
		self.assertRaises(InstructionError, past.submit)
		ministry = new_instruction(source="Ministry")
		self.assertRaises((InstructionError, frappe.MandatoryError), ministry.insert)
		nobody = new_instruction(regions=())
		nobody.all_regions = 0
		self.assertRaises((InstructionError, frappe.MandatoryError), nobody.insert)
		self.assertEqual(frappe.db.count("KLS Instruction Execution"), before)

	def test_recorded_from_the_ministry_with_its_basis(self):
		doc = issue(source="Ministry", basis_number="17-02/1234", basis_date=add_days(today(), -3))
		self.assertEqual(doc.docstatus, 1)

	def test_only_the_rgu_issues_and_a_region_sees_what_is_addressed_to_it(self):
		ours = issue(("KZ-71",), title="For Astana")
		theirs = issue(("KZ-75",), title="For Almaty")
		everyone = issue(None, title="For all")
		frappe.set_user(self.kgu_head_71)
		self.assertRaises(frappe.PermissionError, new_instruction().insert)
		visible = set(frappe.get_list("KLS Instruction", pluck="name", limit=0))
		self.assertIn(ours.name, visible)
		self.assertIn(everyone.name, visible)
		self.assertNotIn(theirs.name, visible)
		self.assertFalse(frappe.has_permission("KLS Instruction", "read", theirs.name))

	def test_cancel_withdraws_unreported_executions_only(self):
		doc = issue(("KZ-71",))
		doc.cancel()
		self.assertEqual(frappe.db.count("KLS Instruction Execution", {"instruction": doc.name}), 0)
