# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import strip_html

from kelisim_app.kelisim_registry import rules
from kelisim_app.kelisim_registry.structure_work import StructureWorkDocument

# events that took place (a planned one did not yet)
HELD_STATES = ("Held", "Reported", "Verified")
VERIFIED = "Verified"


class KLSStructureReport(StructureWorkDocument):
	"""A structure's quarterly report: what was done, and the figures of its events in the quarter, drawn
	from the records while the report is prepared and frozen once it is submitted."""

	PERIOD_FIELDS = ("structure", "year", "quarter")

	def set_title_and_due_date(self):
		self.title = _("Report Q{0} {1}: {2}").format(
			self.quarter, self.year, self.structure_name or self.structure
		)
		self.due_date = rules.report_due(int(self.year), int(self.quarter))

	def check_content(self):
		if self.workflow_state in (None, "", rules.WORK_DRAFT, rules.WORK_RETURNED) or (
			self.workflow_state == rules.WORK_SUBMITTED and self.previous_state() != rules.WORK_SUBMITTED
		):
			self.draw_figures()

	def has_content(self) -> bool:
		return bool(strip_html(self.work_done or "").strip())

	def missing_content_message(self) -> str:
		return _("Write what was done in the quarter before submitting the report")

	@frappe.whitelist()
	def refresh_figures(self):
		"""The desk's button: draw the figures again from the records (while the report is being prepared)."""
		self.check_permission("write")
		self.save()

	def draw_figures(self):
		start, end = rules.quarter_bounds(int(self.year), int(self.quarter))
		events = frappe.get_all(
			"KLS Event",
			filters={
				"organiser": self.structure,
				"event_date": ["between", [start, end]],
				"workflow_state": ["in", HELD_STATES],
			},
			fields=[
				"name",
				"title",
				"event_date",
				"workflow_state",
				"participants_total",
				"participants_youth",
			],
			order_by="event_date asc",
		)
		self.set(
			"events",
			[
				{
					"event": e.name,
					"event_title": e.title,
					"event_date": e.event_date,
					"event_state": e.workflow_state,
					"participants": e.participants_total or 0,
				}
				for e in events
			],
		)
		self.events_held = len(events)
		self.events_verified = sum(e.workflow_state == VERIFIED for e in events)
		self.participants = sum(e.participants_total or 0 for e in events)
		self.youth_participants = sum(e.participants_youth or 0 for e in events)
		self.members = members_on(self.structure, end)
		self.plan = frappe.db.get_value(
			"KLS Structure Plan", {"structure": self.structure, "year": self.year}, "name"
		)
		self.planned_activities = (
			frappe.db.count(
				"KLS Structure Plan Activity",
				{
					"parent": self.plan,
					"parenttype": "KLS Structure Plan",
					"planned_from": ["<=", end],
					"planned_to": [">=", start],
				},
			)
			if self.plan
			else 0
		)


def members_on(structure: str, day) -> int:
	"""How many members (any role) `structure` had on `day`."""
	m = DocType("KLS Membership")
	return (
		frappe.qb.from_(m)
		.select(Count("*"))
		.where((m.structure == structure) & (m.from_date <= day))
		.where(m.to_date.isnull() | (m.to_date >= day))
	).run()[0][0]
