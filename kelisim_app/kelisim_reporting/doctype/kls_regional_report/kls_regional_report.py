# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from collections.abc import Callable

import frappe
from frappe import _
from frappe.utils import flt, getdate, now_datetime, today

from kelisim_app.exceptions import ApproverRoleError
from kelisim_app.kelisim_core import approval
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.notify import notify, region_staff, rgu_staff
from kelisim_app.kelisim_reporting import compile as compiler
from kelisim_app.kelisim_reporting import handover, rules
from kelisim_app.kelisim_reporting.rules import ReportApprovalError, ReportingError

SIGNERS = {core.ROLE_RGU_HEAD, core.ROLE_ADMINISTRATOR, "System Manager"}


class KLSRegionalReport(approval.ApprovalDocument):
	def validate(self):
		if self.docstatus < 2:
			self.report_key = f"{self.period}|{self.region}"
		self.check_figures_untouched()
		self.check_amendment_reason()
		self.on_state_change()

	def before_submit(self):
		"""Signing off is the RGU Head's step of the workflow, on the frozen snapshot."""
		if not SIGNERS & set(frappe.get_roles()):
			frappe.throw(_("Only the RGU Head signs off a regional report"), ApproverRoleError)
		if self.workflow_state != rules.SIGNED_OFF:
			frappe.throw(_("A report is signed off through its workflow"), ReportApprovalError)
		rules.check_not_self_sign_off(
			frappe.session.user, self.owner, [self.submitted_by] if self.submitted_by else []
		)
		rules.read_snapshot(self.snapshot)
		self.signed_off_on = now_datetime()

	def before_update_after_submit(self):
		"""The hand-over to the ministry: its outgoing number and date (kelisim_reporting/handover.py)."""
		handover.before_update_after_submit(self)

	def on_cancel(self):
		"""A cancelled report frees its region and period for the correction that replaces it."""
		self.db_set("report_key", None)

	def on_submit(self):
		self.tell_region(lambda: _("The RGU signed off your report {0}").format(self.name))

	# ------------------------------------------------------------------ figures
	@frappe.whitelist()
	def compile(self) -> None:
		"""Compile the figures from the records (while the report is a draft or returned)."""
		self.check_permission("write")
		if self.docstatus != 0 or (self.workflow_state or rules.DRAFT) not in rules.EDITABLE_STATES:
			frappe.throw(_("The figures of a submitted report are frozen"), ReportingError)
		start, end = frappe.db.get_value("KLS Reporting Period", self.period, ["start_date", "end_date"])
		figures, tables = compiler.compile_region(self.region, getdate(start), getdate(end), getdate(today()))
		self.update(figures)
		for table, rows in tables.items():
			self.set(table, rows)
		self.compiled_on = now_datetime()
		self.flags.compiling = True
		self.save()

	def figures(self) -> dict:
		return {k: self.get(k) for k in (*rules.FIGURES, "kazakh_share")}

	def check_figures_untouched(self):
		"""Figures come from compile() only, never typed (and never after submission)."""
		if self.flags.compiling:
			return
		before = self.get_doc_before_save()
		old = before.figures() if before else dict.fromkeys((*rules.FIGURES, "kazakh_share"))
		# compared as numbers: the desk sends a whole Percent as 50, the database gives 50.0
		if any(flt(self.get(k)) != flt(old.get(k)) for k in old):
			frappe.throw(_("The figures are compiled from the records, not typed"), ReportingError)

	def check_amendment_reason(self):
		if self.amended_from and not (self.amendment_reason or "").strip():
			frappe.throw(_("A correction of a signed-off report states its reason"), ReportingError)

	# ------------------------------------------------------------------ workflow

	def on_state_change(self):
		state = self.entered_state()
		if not state:
			return
		if state == rules.SUBMITTED:
			period = frappe.db.get_value("KLS Reporting Period", self.period, ["locked"], as_dict=True)
			rules.check_submission(
				self.compiled_on,
				{k: self.get(k) for k in rules.NARRATIVE},
				bool(period.locked),
				{k: _(self.meta.get_label(k)) for k in rules.NARRATIVE},
			)
			self.submitted_on = self.submitted_on or now_datetime()
			self.submitted_by = frappe.session.user
			self.snapshot = rules.snapshot(self.figures())
			self.return_reason = None
			notify(
				rgu_staff((core.ROLE_RGU_COORDINATOR,)),
				lambda: _("Region {0} submitted report {1}").format(self.region, self.name),
				self,
			)
		elif state == rules.REVIEWED:
			notify(
				rgu_staff((core.ROLE_RGU_HEAD,)),
				lambda: _("Report {0} awaits your sign-off").format(self.name),
				self,
			)
		elif state == rules.RETURNED:
			reason = rules.check_return_reason(self.return_reason)
			approval.record_return(self, reason)
			self.tell_region(lambda: _("The RGU returned your report {0}: {1}").format(self.name, reason))

	def tell_region(self, subject: Callable[[], str]):
		notify(region_staff(self.region, (core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST)), subject, self)
