"""Report compilation for all regions of a reporting period, in the background.

`enqueue_compile_all_regions(period)` (whitelisted: System Manager, Kelisim Administrator, RGU Head /
Coordinator) puts `compile_all_regions` on the "long" queue (one job per period: a second call while it waits
or runs returns the same job) and returns the job id at once. The job walks every region: it creates the
region's draft report when the region has none, and compiles the figures of the report while it is a draft
or returned; a report the region submitted, the RGU reviewed or signed off is never touched. Progress goes to
the user who asked (`frappe.publish_progress`), then a message with the result.

A draft the job creates is owned by Administrator, not by the RGU user who asked: the owner counts as the
report's preparer (nobody signs off what he prepared), and the region's KGU Specialist, whose permission
comes from his region, not from ownership, fills in the narrative and the KGU Head submits it.
"""

from __future__ import annotations

import frappe
from frappe import _

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.health import require_roles
from kelisim_app.kelisim_reporting import rules
from kelisim_app.utils.jobs import enqueue_once

QUEUE = "long"
TIMEOUT = 3600
REPORT = "KLS Regional Report"
ALLOWED_ROLES = ("System Manager", core.ROLE_ADMINISTRATOR, core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR)


def job_id(period: str) -> str:
	return f"kelisim-compile-reports-{period}"


def compile_all_regions(period: str) -> dict[str, list[str]]:
	"""The job: every region's report of `period` exists, and every draft or returned one is compiled.

	Returns the regions by what happened to them: created (and compiled), compiled, left (submitted,
	reviewed, signed off or cancelled: untouched) and failed (the error is in the Error Log)."""
	title = frappe.db.get_value("KLS Reporting Period", period, "title")
	if not title:
		frappe.throw(_("Reporting period {0} not found").format(period), frappe.DoesNotExistError)
	reports: dict[str, frappe._dict] = {}
	for row in frappe.get_all(
		REPORT,
		filters={"period": period},
		fields=["name", "region", "docstatus", "workflow_state"],
		order_by="docstatus asc",  # a live report (draft, signed off) before a cancelled one
	):
		reports.setdefault(row.region, row)
	regions = frappe.get_all("KLS Region", pluck="name", order_by="name")
	done: dict[str, list[str]] = {"created": [], "compiled": [], "left": [], "failed": []}
	progress_title = _("Compiling the regional reports for {0}").format(title)
	for number, region in enumerate(regions, start=1):
		report = reports.get(region)
		savepoint = f"kls_compile_{number}"
		frappe.db.savepoint(savepoint)
		try:
			if not report:
				compile_report(create_draft(period, region))
				done["created"].append(region)
			elif report.docstatus == 0 and (report.workflow_state or rules.DRAFT) in rules.EDITABLE_STATES:
				compile_report(report.name)
				done["compiled"].append(region)
			else:
				done["left"].append(region)
		except Exception:
			frappe.db.rollback(save_point=savepoint)
			frappe.log_error(title=_("Compiling the report of {0} for {1}").format(region, title))
			done["failed"].append(region)
		if not frappe.flags.in_test:
			frappe.db.commit()  # nosemgrep: a long job keeps each region's report as it goes
		frappe.publish_progress(
			number * 100 / len(regions),
			title=progress_title,
			description=_("{0} of {1} regions").format(number, len(regions)),
		)
	message = _(
		"Regional reports for {0}: {1} created, {2} compiled again, {3} left as they are (submitted or signed off)"
	).format(title, len(done["created"]), len(done["compiled"]), len(done["left"]))
	if done["failed"]:
		message += " " + _("Not compiled (see the Error Log): {0}").format(", ".join(done["failed"]))
	frappe.publish_realtime("msgprint", message, user=frappe.session.user)
	return done


def create_draft(period: str, region: str) -> str:
	"""The region's draft report (in the form's default language; the region may switch it)."""
	doc = frappe.get_doc({"doctype": REPORT, "period": period, "region": region}).insert()
	# the preparer is the region, not the RGU user who asked for the compilation (see the module's note)
	frappe.db.set_value(REPORT, doc.name, "owner", "Administrator", update_modified=False)
	return doc.name


def compile_report(name: str) -> None:
	frappe.get_doc(REPORT, name).compile()


@frappe.whitelist(methods=["POST"])
def enqueue_compile_all_regions(period: str | None = None) -> str:
	"""Queue the compilation of every region's report for `period` (or find the one already queued) and
	return its job id."""
	require_roles(ALLOWED_ROLES)
	if not period or not frappe.db.exists("KLS Reporting Period", period):
		frappe.throw(_("Reporting period {0} not found").format(period or ""), frappe.DoesNotExistError)
	frappe.has_permission("KLS Reporting Period", "read", period, throw=True)
	return enqueue_once(
		"kelisim_app.kelisim_reporting.jobs.compile_all_regions",
		job_id(period),
		queue=QUEUE,
		timeout=TIMEOUT,
		period=period,
	)
