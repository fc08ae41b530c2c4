# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Hand-over of a signed-off report to the ministry (#20).

* The RGU fills in the office's outgoing number and date on the signed-off report and takes the workflow step
  «Hand over» (Signed off → Handed over; an electronic signature when the signature settings ask for one).
  The number and date are frozen from then on; who handed it over and when are recorded.
* The ministry observer acknowledges the receipt (`acknowledge_receipt`): who and when, once, logged on the
  document. He reads the report and may change nothing, so this is a method, not a workflow step.
* `export_for_ministry` gives the report as an Excel workbook in the ministry's layout: the heading (office,
  region, period, outgoing number and date), the figures numbered with their labels in the user's language,
  and for the national report one row per region.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, format_date, getdate, now_datetime, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.localization import region_names
from kelisim_app.kelisim_reporting import rules

REGIONAL, NATIONAL = "KLS Regional Report", "KLS National Report"
REPORTS = (REGIONAL, NATIONAL)
RECEIVERS = frozenset({core.ROLE_MINISTRY_OBSERVER, core.ROLE_ADMINISTRATOR, "System Manager"})


def before_update_after_submit(doc) -> None:
	"""The outgoing number and date: given while the report waits for its hand-over, required by the
	hand-over step, frozen after it."""
	before = doc.get_doc_before_save()
	previous = before.get("workflow_state") if before else None
	changed = [
		f for f in rules.OUTGOING_FIELDS if before and str(doc.get(f) or "") != str(before.get(f) or "")
	]
	rules.check_outgoing_unchanged(changed, previous != rules.HANDED_OVER)
	if doc.get("workflow_state") == rules.HANDED_OVER and previous != rules.HANDED_OVER:
		signed_off = doc.get("signed_off_on")
		doc.outgoing_number = rules.check_outgoing(
			doc.outgoing_number,
			getdate(doc.outgoing_date) if doc.outgoing_date else None,
			getdate(signed_off) if signed_off else None,
			getdate(today()),
		)
		doc.handed_over_by = frappe.session.user
		doc.handed_over_on = now_datetime()


def _report(doctype: str, name: str):
	"""The report the user may read; another DocType, a record he may not read and a missing one get the
	same answer (existence is as secret as content)."""
	from kelisim_app.overrides.document_access import may, refuse

	if doctype not in REPORTS or not may(doctype, name, "read"):
		refuse(doctype, name)
	return frappe.get_doc(doctype, name)


@frappe.whitelist(methods=["POST"])
def acknowledge_receipt(doctype: str, name: str) -> dict:
	"""The ministry acknowledges a report handed over to it."""
	doc = _report(doctype, name)
	if not RECEIVERS & set(frappe.get_roles()):
		frappe.throw(
			_("Only the ministry acknowledges the receipt of a report"),
			frappe.PermissionError,
			title=_("Not permitted"),
		)
	rules.check_receipt(doc.get("workflow_state"), doc.get("received_on"))
	received_on = now_datetime()
	doc.db_set({"received_by": frappe.session.user, "received_on": received_on}, notify=True)
	doc.add_comment(
		"Info",
		_("Receipt acknowledged by the ministry: {0}, {1}").format(
			frappe.utils.get_fullname(frappe.session.user), frappe.format(received_on, "Datetime")
		),
	)
	return {"received_by": doc.received_by, "received_on": str(received_on)}


# ---------------------------------------------------------------------------------------------- Excel
def figure_label(doctype: str, fieldname: str) -> str:
	df = frappe.get_meta(doctype).get_field(fieldname)
	return _(df.label) if df else fieldname


def ministry_rows(doc) -> list[list]:
	"""The workbook's rows: heading, figures (№, indicator, value), and for the national report the regions."""
	office = _("Republican office (RGU)") if doc.doctype == NATIONAL else _("Regional office (KGU)")
	period = frappe.db.get_value("KLS Reporting Period", doc.period, "title") or doc.period
	rows: list[list] = [[_(doc.doctype)], [office]]
	if doc.doctype == REGIONAL:
		rows.append([_("Region"), region_names([doc.region]).get(doc.region) or doc.region])
	rows += [
		[_("Period"), period],
		[_("State"), _(doc.workflow_state or "")],
		[_("Outgoing number"), doc.get("outgoing_number") or ""],
		[_("Outgoing date"), format_date(doc.outgoing_date) if doc.get("outgoing_date") else ""],
		[],
		["№", _("Indicator"), _("Value")],
	]
	for i, field in enumerate((*rules.FIGURES, "kazakh_share"), start=1):
		value = doc.get(field)
		rows.append([i, figure_label(doc.doctype, field), value if value is not None else ""])
	if doc.doctype == NATIONAL and doc.get("regions"):
		names = region_names([row.region for row in doc.regions])
		rows += [[], [_("Region"), _("Regional report"), _("State"), _("Compliance")]]
		for row in doc.regions:
			rows.append(
				[
					names.get(row.region) or row.region,
					row.get("regional_report") or "",
					_(row.get("report_status")) if row.get("report_status") else "",
					_(row.get("compliance")) if row.get("compliance") else "",
				]
			)
	return rows


@frappe.whitelist()
def export_for_ministry(doctype: str, name: str) -> None:
	"""The signed-off report as an Excel workbook in the ministry's layout (a download)."""
	from frappe.utils.xlsxutils import make_xlsx

	doc = _report(doctype, name)
	if cint(doc.docstatus) != 1:
		frappe.throw(_("Only a signed-off report is exported for the ministry"), rules.HandOverError)
	workbook = make_xlsx(ministry_rows(doc), _("Report")[:31])
	frappe.response["filename"] = f"{doc.name}.xlsx"
	frappe.response["filecontent"] = workbook.getvalue()
	frappe.response["type"] = "binary"
