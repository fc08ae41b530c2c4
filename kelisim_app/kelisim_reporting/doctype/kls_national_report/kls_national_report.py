# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from kelisim_app.exceptions import ApproverRoleError
from kelisim_app.kelisim_core import approval
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_reporting import handover, rules
from kelisim_app.kelisim_reporting.rules import ReportingError
from kelisim_app.utils.read_only import replica_read


class KLSNationalReport(approval.ApprovalDocument):
	def validate(self):
		self.check_return_reason()

	def check_return_reason(self):
		"""The RGU Head returns the report to the coordinator with a reason; the next submission clears it."""
		previous = self.previous_state()
		if previous == rules.SUBMITTED and self.workflow_state == rules.DRAFT:
			self.return_reason = rules.check_return_reason(self.return_reason)
		elif self.workflow_state == rules.SUBMITTED and previous != rules.SUBMITTED:
			self.return_reason = None

	def before_submit(self):
		if not {core.ROLE_RGU_HEAD, core.ROLE_ADMINISTRATOR, "System Manager"} & set(frappe.get_roles()):
			frappe.throw(_("Only the RGU Head signs off the national report"), ApproverRoleError)
		if not self.compiled_on:
			frappe.throw(_("Compile the national figures before signing off"), ReportingError)
		rules.check_not_self_sign_off(frappe.session.user, self.owner, [])

	def before_update_after_submit(self):
		"""The hand-over to the ministry: its outgoing number and date (kelisim_reporting/handover.py)."""
		handover.before_update_after_submit(self)

	@frappe.whitelist()
	def compile(self) -> None:
		"""Sum the signed-off regional snapshots; list every region with its report's status. The reads run
		read-only (on the replica when the site has one, `gather`); only the save writes."""
		self.check_permission("write")
		if self.docstatus != 0:
			frappe.throw(_("The figures of a signed-off report are frozen"), ReportingError)
		figures, regions, signed_off = gather(self.period)
		self.update(figures)
		self.set("regions", regions)
		self.regions_signed_off = signed_off
		self.regions_missing = sum(1 for row in regions if not row["regional_report"])
		self.compiled_on = now_datetime()
		self.save()


@replica_read
def gather(period: str) -> tuple[dict, list[dict], int]:
	"""The national figures of `period` (the sum of the signed-off regional snapshots, each region once) and
	one row per region with its report's status and compliance, and how many regions are signed off. Reads
	only."""
	due = frappe.db.get_value("KLS Reporting Period", period, "due_date")
	reports = {
		r.region: r
		for r in frappe.get_all(
			"KLS Regional Report",
			filters={"period": period, "docstatus": ["<", 2]},
			fields=["name", "region", "workflow_state", "docstatus", "snapshot", "submitted_on"],
		)
	}
	signed = [r for r in reports.values() if r.docstatus == 1]
	figures = rules.aggregate(rules.read_snapshot(r.snapshot) for r in signed)
	regions = []
	for region in frappe.get_all("KLS Region", pluck="name", order_by="name"):
		report = reports.get(region)
		regions.append(
			{
				"region": region,
				"regional_report": report.name if report else None,
				# stored as msgids (Select options): each reader sees them in his language
				"report_status": report.workflow_state if report else rules.MISSING,
				"compliance": rules.compliance(
					getdate(due), report.submitted_on if report else None, getdate(today())
				),
			}
		)
	return figures, regions, len(signed)
