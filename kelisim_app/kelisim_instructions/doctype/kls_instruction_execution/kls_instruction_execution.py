# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
import frappe.share
from frappe import _
from frappe.utils import getdate, today

from kelisim_app.kelisim_core import approval
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.permissions import user_region
from kelisim_app.kelisim_instructions import control, rules
from kelisim_app.kelisim_instructions.rules import ExecutionError, ExtensionError

RGU_ROLES = {core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR, core.ROLE_ADMINISTRATOR, "System Manager"}


class KLSInstructionExecution(approval.ApprovalDocument):
	def validate(self):
		self.check_evidence()
		self.on_state_change()

	def before_submit(self):
		self.completed_on = today()

	def on_update(self):
		control.refresh_instruction_counts([self.instruction])

	def on_submit(self):
		control.refresh_instruction_counts([self.instruction])
		control.notify(
			control.region_staff(self.region, (core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST)),
			lambda: _("The RGU accepted your report on «{0}»").format(self.instruction_title),
			self,
		)

	# ------------------------------------------------------------------ checks
	def check_evidence(self):
		for row in self.evidence:
			meta = frappe.get_meta(row.reference_doctype)
			region = (
				frappe.db.get_value(row.reference_doctype, row.reference_name, "region")
				if meta.has_field("region")
				else None
			)
			label = _("{0} {1}").format(_(row.reference_doctype), row.reference_name)
			rules.check_evidence_region(self.region, region, label)
			if not frappe.has_permission(row.reference_doctype, "read", row.reference_name):
				frappe.throw(_("You cannot read {0}").format(label), frappe.PermissionError)

	def on_state_change(self):
		state = self.entered_state()
		if not state:
			return
		if state == rules.STATE_SUBMITTED:
			rules.check_report_before_submission(self.report_text)
			self.submitted_on = today()
			self.return_reason = None
			self.is_overdue = 0  # the region has reported: the RGU's review is not the region's delay
			control.notify(
				control.rgu_staff((core.ROLE_RGU_COORDINATOR,)),
				lambda: _("Region {0} reported on «{1}»").format(self.region, self.instruction_title),
				self,
			)
		elif state == rules.STATE_RETURNED:
			reason = rules.check_return_reason(self.return_reason)
			approval.record_return(self, reason)
			self.days_left = (getdate(self.deadline) - getdate(today())).days
			self.is_overdue = int(self.days_left < 0)
			control.notify(
				control.region_staff(self.region, (core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST)),
				lambda: _("The RGU returned your report on «{0}»: {1}").format(
					self.instruction_title, reason
				),
				self,
			)

	# ------------------------------------------------------------------ deadline extension
	def pending_extension(self):
		return next((e for e in self.extensions if e.decision == rules.EXTENSION_REQUESTED), None)

	@frappe.whitelist()
	def request_extension(self, new_deadline: str, reason: str) -> None:
		"""The region asks the RGU for a later deadline."""
		self.check_permission("write")
		if user_region() != self.region:
			frappe.throw(
				_("Only the KGU of region {0} requests an extension of its deadline").format(self.region),
				frappe.PermissionError,
			)
		if self.docstatus != 0 or self.workflow_state not in (rules.STATE_OPEN, rules.STATE_RETURNED):
			frappe.throw(
				_("An extension is requested while the execution is open or returned"), ExtensionError
			)
		requested = getdate(new_deadline) if new_deadline else None
		rules.check_extension_request(
			getdate(self.deadline), requested, reason, bool(self.pending_extension())
		)
		self.append(
			"extensions",
			{
				"requested_on": today(),
				"requested_by": frappe.session.user,
				"previous_deadline": self.deadline,
				"requested_deadline": requested,
				"reason": reason.strip(),
				"decision": rules.EXTENSION_REQUESTED,
			},
		)
		self.extension_status = rules.EXTENSION_REQUESTED
		self.save()
		control.notify(
			control.rgu_staff((core.ROLE_RGU_COORDINATOR,)),
			lambda: _("Region {0} asks to extend «{1}» to {2}").format(
				self.region, self.instruction_title, frappe.format(requested, "Date")
			),
			self,
		)

	@frappe.whitelist()
	def decide_extension(self, grant: int | bool, comment: str | None = None) -> None:
		"""The RGU grants (the new deadline replaces the current one; the original stays) or refuses."""
		if not RGU_ROLES & set(frappe.get_roles()):
			frappe.throw(_("Only the RGU decides on extensions"), frappe.PermissionError)
		self.check_permission("write")
		rules.check_not_closed(self.docstatus != 0)
		request = self.pending_extension()
		rules.check_extension_decision(bool(request))
		granted = bool(int(grant))
		request.update(
			{
				"decision": rules.EXTENSION_GRANTED if granted else rules.EXTENSION_REFUSED,
				"decided_by": frappe.session.user,
				"decided_on": today(),
				"decision_comment": (comment or "").strip(),
			}
		)
		self.extension_status = request.decision
		if granted:
			self.deadline = request.requested_deadline
			self.days_left = (getdate(self.deadline) - getdate(today())).days
			self.is_overdue = int(self.days_left < 0)
			if not self.is_overdue:
				self.escalation_level = None
				self.last_reminder_on = None
		self.save()
		control.notify(
			control.region_staff(self.region, (core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST)),
			lambda: (
				_("The RGU granted the extension of «{0}»").format(self.instruction_title)
				if granted
				else _("The RGU refused the extension of «{0}»").format(self.instruction_title)
			),
			self,
		)

	# ------------------------------------------------------------------ tasks to structures
	@frappe.whitelist()
	def assign_task(self, structure: str, description: str, due_date: str | None = None) -> str:
		"""A task for one of the region's structures, assigned to its secretary (Frappe assignment)."""
		from frappe.desk.form.assign_to import add

		self.check_permission("write")
		rules.check_not_closed(self.docstatus != 0)
		row = frappe.db.get_value(
			"KLS Public Structure", structure, ["region", "secretary_user", "structure_name"]
		)
		if not row:
			frappe.throw(
				_("{0} {1} not found").format(_("KLS Public Structure"), structure), frappe.DoesNotExistError
			)
		region, secretary, label = row
		if region != self.region:
			frappe.throw(_("{0} is not a structure of region {1}").format(label, self.region), ExecutionError)
		if not secretary:
			frappe.throw(_("{0} has no secretary user to assign the task to").format(label), ExecutionError)
		if due_date and getdate(due_date) > getdate(self.deadline):
			frappe.throw(_("The task is due after the instruction's deadline"), ExecutionError)
		# the secretary reads the execution his task belongs to (shared by the app: KGU staff hold no
		# general share right)
		frappe.share.add_docshare(
			self.doctype, self.name, secretary, read=1, flags={"ignore_share_permission": True}
		)
		add(
			{
				"assign_to": [secretary],
				"doctype": self.doctype,
				"name": self.name,
				"description": f"{label}: {description}",
				"date": due_date or self.deadline,
			}
		)
		return secretary

	@frappe.whitelist()
	def get_tasks(self) -> list[dict]:
		self.check_permission("read")
		return frappe.get_all(
			"ToDo",
			filters={
				"reference_type": self.doctype,
				"reference_name": self.name,
				"status": ["!=", "Cancelled"],
			},
			fields=["name", "allocated_to", "description", "date", "status"],
			order_by="date asc",
		)
