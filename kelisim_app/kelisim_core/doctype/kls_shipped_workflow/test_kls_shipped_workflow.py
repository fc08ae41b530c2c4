# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import copy
import io
import json
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.exceptions import WorkflowDefinitionError
from kelisim_app.kelisim_core import workflow_sync
from kelisim_app.kelisim_core.workflow_defs import SyncAction

NAME = "KLS Test ToDo Flow"
DEFINITION = {
	"workflow_name": NAME,
	"document_type": "ToDo",
	"workflow_state_field": "workflow_state",
	"states": [
		{"state": "Kelisim Draft", "doc_status": "0", "allow_edit": "System Manager", "style": "Warning"},
		{"state": "Kelisim Reviewed", "doc_status": "0", "allow_edit": "System Manager"},
	],
	"transitions": [
		{
			"state": "Kelisim Draft",
			"action": "Kelisim Review",
			"next_state": "Kelisim Reviewed",
			"allowed": "System Manager",
		}
	],
}


def cleanup():
	if frappe.db.exists("Workflow", NAME):
		frappe.delete_doc("Workflow", NAME, force=True, ignore_permissions=True)
	if frappe.db.exists("KLS Shipped Workflow", NAME):
		frappe.delete_doc("KLS Shipped Workflow", NAME, force=True, ignore_permissions=True)


class TestKLSShippedWorkflow(FrappeTestCase):
	def setUp(self):
		cleanup()

	def tearDown(self):
		frappe.set_user("Administrator")
		cleanup()

	def tracker(self):
		return frappe.get_doc("KLS Shipped Workflow", NAME)

	def test_created_once_then_unchanged(self):
		self.assertEqual(workflow_sync.sync_definition(DEFINITION), SyncAction.CREATE)
		workflow = frappe.get_doc("Workflow", NAME)
		self.assertEqual([s.state for s in workflow.states], ["Kelisim Draft", "Kelisim Reviewed"])
		self.assertEqual(workflow.transitions[0].allow_self_approval, 0)
		self.assertTrue(frappe.db.exists("Workflow Action Master", "Kelisim Review"))
		self.assertEqual(frappe.db.get_value("Workflow State", "Kelisim Draft", "style"), "Warning")
		self.assertEqual(self.tracker().status, workflow_sync.STATUS_IN_SYNC)
		self.assertEqual(workflow_sync.sync_definition(DEFINITION), SyncAction.UNCHANGED)
		self.assertEqual(frappe.db.count("Workflow", {"name": NAME}), 1)

	def test_a_new_shipped_version_updates_an_untouched_workflow(self):
		workflow_sync.sync_definition(DEFINITION)
		newer = copy.deepcopy(DEFINITION)
		newer["transitions"].append(
			{
				"state": "Kelisim Reviewed",
				"action": "Kelisim Reopen",
				"next_state": "Kelisim Draft",
				"allowed": "System Manager",
			}
		)
		self.assertEqual(workflow_sync.sync_definition(newer), SyncAction.UPDATE)
		self.assertEqual(len(frappe.get_doc("Workflow", NAME).transitions), 2)
		self.assertEqual(workflow_sync.sync_definition(newer), SyncAction.UNCHANGED)

	def test_an_administrators_change_is_kept_and_reported(self):
		workflow_sync.sync_definition(DEFINITION)
		workflow = frappe.get_doc("Workflow", NAME)
		workflow.transitions[0].allowed = "Administrator"
		workflow.save()
		newer = copy.deepcopy(DEFINITION)
		newer["states"][1]["allow_edit"] = "Administrator"
		self.assertEqual(workflow_sync.sync_definition(newer), SyncAction.KEEP_CUSTOMISED)
		self.assertEqual(frappe.get_doc("Workflow", NAME).transitions[0].allowed, "Administrator")
		self.assertEqual(frappe.get_doc("Workflow", NAME).states[1].allow_edit, "System Manager")
		self.assertEqual(self.tracker().status, workflow_sync.STATUS_CUSTOMISED)
		# the administrator takes the shipped definition back from the tracker's button
		self.assertEqual(workflow_sync.sync_definition(newer, force=True), SyncAction.UPDATE)
		self.assertEqual(frappe.get_doc("Workflow", NAME).transitions[0].allowed, "System Manager")
		self.assertEqual(self.tracker().status, workflow_sync.STATUS_IN_SYNC)
		self.assertEqual(workflow_sync.sync_definition(newer), SyncAction.UNCHANGED)

	def test_a_deleted_workflow_is_not_recreated(self):
		workflow_sync.sync_definition(DEFINITION)
		frappe.delete_doc("Workflow", NAME, force=True)
		self.assertEqual(workflow_sync.sync_definition(DEFINITION), SyncAction.KEEP_DELETED)
		self.assertFalse(frappe.db.exists("Workflow", NAME))
		self.assertEqual(self.tracker().status, workflow_sync.STATUS_DELETED)

	def test_migrate_says_which_workflows_it_left_alone(self):
		with tempfile.TemporaryDirectory() as folder:
			Path(folder, "todo_flow.json").write_text(json.dumps(DEFINITION), encoding="utf-8")
			workflow_sync.sync_shipped_workflows(Path(folder), verbose=False)
			workflow = frappe.get_doc("Workflow", NAME)
			workflow.is_active = 0
			workflow.save()
			out = io.StringIO()
			with redirect_stdout(out):
				results = workflow_sync.sync_shipped_workflows(Path(folder))
		self.assertEqual(results, {NAME: SyncAction.KEEP_CUSTOMISED})
		self.assertIn("1 left alone", out.getvalue())
		self.assertIn(NAME, out.getvalue())
		self.assertEqual(frappe.db.get_value("Workflow", NAME, "is_active"), 0)

	def test_a_broken_definition_creates_nothing(self):
		broken = copy.deepcopy(DEFINITION)
		broken["transitions"][0]["next_state"] = "Nowhere"
		self.assertRaises(WorkflowDefinitionError, workflow_sync.sync_definition, broken)
		self.assertFalse(frappe.db.exists("Workflow", NAME))
		self.assertFalse(frappe.db.exists("KLS Shipped Workflow", NAME))

	def test_reset_to_shipped_is_for_administrators_only(self):
		workflow_sync.sync_definition(DEFINITION)
		frappe.set_user("Guest")
		self.assertRaises(frappe.PermissionError, self.tracker().reset_to_shipped)
