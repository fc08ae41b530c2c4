# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class KLSShippedWorkflow(Document):
	@frappe.whitelist()
	def reset_to_shipped(self) -> str:
		"""Take the shipped definition again, over an administrator's change."""
		from kelisim_app.kelisim_core.workflow_sync import reset_to_shipped

		if not {"System Manager", "Kelisim Administrator"} & set(frappe.get_roles()):
			frappe.throw(_("Only an administrator can reset a workflow"), frappe.PermissionError)
		action = reset_to_shipped(self.workflow_name)
		frappe.msgprint(_("Workflow {0} now follows the shipped definition.").format(self.workflow_name))
		return action.value
