# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""KLS Approval Settings: a relaxation of four eyes names its workflow once, with a reason, and is kept on
the workflow. (Four eyes itself, relaxed or not, as real users: tests/security/test_four_eyes.py.)"""

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import four_eyes

WORKFLOW = "KLS Event"


class TestKLSApprovalSettings(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("KLS Approval Settings", "KLS Approval Settings")

	def relax(self, reason: str, twice: bool = False):
		settings = frappe.get_doc("KLS Approval Settings")
		settings.set("relaxed_workflows", [])
		for _i in range(2 if twice else 1):
			settings.append("relaxed_workflows", {"workflow": WORKFLOW, "reason": reason})
		settings.save()
		return settings

	def test_a_relaxation_needs_a_reason_and_names_its_workflow_once(self):
		self.assertRaises(frappe.ValidationError, self.relax, "  ")
		self.assertRaises(frappe.ValidationError, self.relax, "Small office", twice=True)
		self.assertFalse(four_eyes.is_relaxed(WORKFLOW))

	def test_a_relaxation_is_logged_on_the_workflow_and_withdrawn(self):
		settings = self.relax("Sec: a one-person office")
		self.assertEqual(settings.relaxed_workflows[0].relaxed_by, "Administrator")
		self.assertTrue(settings.relaxed_workflows[0].relaxed_on)
		self.assertTrue(four_eyes.is_relaxed(WORKFLOW))
		settings.set("relaxed_workflows", [])
		settings.save()
		self.assertFalse(four_eyes.is_relaxed(WORKFLOW))
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Workflow", "reference_name": WORKFLOW, "comment_type": "Info"},
			pluck="content",
			order_by="creation desc",
			limit=2,
		)
		self.assertTrue(any("a one-person office" in c for c in comments), comments)
		self.assertTrue(any("restored" in c for c in comments), comments)
