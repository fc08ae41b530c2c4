"""Execution control: days left, reminders, escalation, and who is told what at each step."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.localization import region_names
from kelisim_app.kelisim_core.notify import notify, region_staff, rgu_staff
from kelisim_app.kelisim_instructions import rules

EXECUTION = "KLS Instruction Execution"


def settings() -> tuple[int, int]:
	doc = frappe.get_cached_doc("KLS Control Settings")  # a never-saved single carries its defaults
	return int(doc.remind_days_before or 0), int(doc.escalate_to_rgu_after_days or 0)


def daily() -> None:
	"""Scheduler: refresh days left, remind before the deadline, escalate once overdue."""
	run_control(getdate(today()))


def run_control(now) -> None:
	remind_days, rgu_after = settings()
	for row in frappe.get_all(
		EXECUTION,
		filters={"docstatus": 0},
		fields=[
			"name",
			"deadline",
			"escalation_level",
			"last_reminder_on",
			"region",
			"instruction_title",
			"workflow_state",
		],
	):
		state = rules.control_state(
			getdate(row.deadline),
			now,
			row.escalation_level or None,
			getdate(row.last_reminder_on) if row.last_reminder_on else None,
			remind_days,
			rgu_after,
			owed=rules.owes_report(row.workflow_state),
		)
		values = {"days_left": state.days_left, "is_overdue": int(state.is_overdue)}
		doc = frappe._dict(doctype=EXECUTION, name=row.name)
		if state.remind:
			notify(
				region_staff(row.region, (core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST)),
				lambda: _("Instruction «{0}» is due in {1} days").format(
					row.instruction_title, state.days_left
				),
				doc,
			)
			values["last_reminder_on"] = now
		if state.escalate_to == rules.ESCALATION_KGU:
			notify(
				region_staff(row.region, (core.ROLE_KGU_HEAD,)),
				lambda: _("Instruction «{0}» is overdue by {1} days").format(
					row.instruction_title, -state.days_left
				),
				doc,
			)
			values["escalation_level"] = rules.ESCALATION_KGU
		elif state.escalate_to == rules.ESCALATION_RGU:
			notify(
				rgu_staff((core.ROLE_RGU_COORDINATOR,)),
				lambda: _("Region {0} is {1} days late with instruction «{2}»").format(
					# by name in the reader's language, never the code (#23)
					region_names([row.region]).get(row.region, row.region),
					-state.days_left,
					row.instruction_title,
				),
				doc,
			)
			values["escalation_level"] = rules.ESCALATION_RGU
		frappe.db.set_value(EXECUTION, row.name, values, update_modified=False)
	refresh_instruction_counts()


def refresh_instruction_counts(instructions: list[str] | None = None) -> None:
	"""The instruction shows how many regions it reached, accepted and overdue (one grouped query)."""
	from frappe.query_builder import Case, DocType
	from frappe.query_builder.functions import Count, Sum

	e = DocType(EXECUTION)
	query = (
		frappe.qb.from_(e)
		.select(
			e.instruction,
			Count(e.name),
			Sum(Case().when(e.docstatus == 1, 1).else_(0)),
			Sum(Case().when((e.docstatus == 0) & (e.is_overdue == 1), 1).else_(0)),
		)
		.groupby(e.instruction)
	)
	if instructions:
		query = query.where(e.instruction.isin(instructions))
	for instruction, total, accepted, overdue in query.run():
		frappe.db.set_value(
			"KLS Instruction",
			instruction,
			{
				"executions_total": total or 0,
				"executions_accepted": int(accepted or 0),
				"executions_overdue": int(overdue or 0),
			},
			update_modified=False,
		)
