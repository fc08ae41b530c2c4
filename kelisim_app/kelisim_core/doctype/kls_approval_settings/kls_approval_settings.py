# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from kelisim_app.exceptions import KelisimValidationError


class KLSApprovalSettings(Document):
	def validate(self):
		self.check_relaxations()

	def check_relaxations(self):
		seen = set()
		for row in self.relaxed_workflows:
			if row.workflow in seen:
				frappe.throw(_("Workflow {0} is listed twice").format(row.workflow), KelisimValidationError)
			seen.add(row.workflow)
			if not (row.reason or "").strip():
				frappe.throw(
					_("Say why four eyes are relaxed in workflow {0}").format(row.workflow),
					KelisimValidationError,
				)
			if not row.relaxed_by:
				row.relaxed_by = frappe.session.user
				row.relaxed_on = now_datetime()

	def on_update(self):
		"""Every relaxation granted or withdrawn is written on the workflow itself (this document's own
		history keeps the list's changes as Versions)."""
		before = self.get_doc_before_save()
		old = {r.workflow: r.reason for r in (before.relaxed_workflows if before else [])}
		new = {r.workflow: r.reason for r in self.relaxed_workflows}
		for workflow in set(old) | set(new):
			if workflow in new and workflow not in old:
				text = _("Four eyes relaxed by {0}: {1}").format(frappe.session.user, new[workflow])
			elif workflow in old and workflow not in new:
				text = _("Four eyes restored by {0}").format(frappe.session.user)
			else:
				continue
			if frappe.db.exists("Workflow", workflow):
				frappe.get_doc("Workflow", workflow).add_comment("Info", text)
