# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import today

from kelisim_app.kelisim_registry import rules
from kelisim_app.kelisim_registry.structure_work import StructureWorkDocument, date_or_none


class KLSStructurePlan(StructureWorkDocument):
	"""A structure's yearly work plan: its activities per direction, with dates and responsible members."""

	def set_title_and_due_date(self):
		self.title = _("Work plan {0}: {1}").format(self.year, self.structure_name or self.structure)
		self.due_date = rules.plan_due(int(self.year))

	def check_content(self):
		self.check_activities()

	def check_activities(self):
		rules.check_plan_activities(
			[
				rules.PlanActivity(
					a.activity or "",
					a.direction or "",
					date_or_none(a.planned_from),
					date_or_none(a.planned_to),
					a.responsible,
				)
				for a in self.activities
			],
			int(self.year),
			set(current_members(self.structure)),
		)

	def has_content(self) -> bool:
		return bool(self.activities)

	def missing_content_message(self) -> str:
		return _("Add the plan's activities before submitting it")


def current_members(structure: str) -> list[str]:
	"""The people who are members of `structure` today (any role)."""
	day = today()
	return frappe.get_all(
		"KLS Membership",
		filters={"structure": structure, "from_date": ["<=", day]},
		or_filters=[["to_date", "is", "not set"], ["to_date", ">=", day]],
		pluck="person",
	)
