# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
import frappe.share
from frappe import _
from frappe.utils import get_datetime, getdate, now_datetime, today

from kelisim_app.kelisim_core import approval
from kelisim_app.kelisim_core.rules import check_district_region
from kelisim_app.kelisim_events import rules

COUNTED_FIELDS = ("title", "organiser", "start", "end", "event_type")


class KLSEvent(approval.ApprovalDocument):
	def validate(self):
		self.set_derived_fields()
		self.check_times()
		self.check_participants()
		self.check_territory()
		self.check_organisers()
		self.check_plan()
		self.check_state()
		self.warn_duplicate()

	def on_update(self):
		self.create_follow_up_tasks()
		# the project plans it counts in are refreshed by kelisim_projects (hooks.py doc_events)

	# ------------------------------------------------------------------ derived
	def set_derived_fields(self):
		self.event_date = getdate(self.end) if self.end else None
		state_languages = set(frappe.get_all("KLS Language", filters={"is_state_language": 1}, pluck="name"))
		self.uses_kazakh = int(any(row.language in state_languages for row in self.languages))
		if self.workflow_state == rules.VERIFIED and self.previous_state() != rules.VERIFIED:
			self.verified_by = frappe.session.user
			self.verified_on = today()
		if self.previous_state() == rules.VERIFIED and self.workflow_state != rules.VERIFIED:
			self.verified_by = None
			self.verified_on = None

	# ------------------------------------------------------------------ checks
	def check_times(self):
		rules.check_times(get_datetime(self.start), get_datetime(self.end))

	def check_participants(self):
		rules.check_participants(
			int(self.participants_total or 0),
			int(self.participants_youth or 0),
			int(self.ethnic_groups_count or 0),
		)

	def check_territory(self):
		if self.district:
			check_district_region(frappe.db.get_value("KLS District", self.district, "region"), self.region)

	def check_organisers(self):
		if not (
			self.is_new() or self.has_value_changed("organiser") or self.has_value_changed("co_organisers")
		):
			return
		for structure in [self.organiser, *(row.structure for row in self.co_organisers)]:
			row = (
				frappe.db.get_value("KLS Public Structure", structure, ["status", "structure_name"])
				if structure
				else None
			)
			if row:  # a missing or unknown organiser is Frappe's mandatory / link error
				rules.check_organiser(*row)

	def check_plan(self):
		"""The plan activity an event serves belongs to a plan of the event's region and base project."""
		if not self.plan:
			self.plan_activity = None
			return
		plan = frappe.db.get_value("KLS Project Plan", self.plan, ["region", "base_project"], as_dict=True)
		activities = frappe.get_all(
			"KLS Plan Activity",
			filters={"parent": self.plan, "parenttype": "KLS Project Plan"},
			pluck="activity",
		)
		rules.check_plan_link(
			self.region, self.base_project, plan.region, plan.base_project, self.plan_activity, activities
		)
		self.base_project = self.base_project or plan.base_project

	def check_state(self):
		previous = self.previous_state()
		rules.check_not_in_future(self.workflow_state, get_datetime(self.start), now_datetime())
		rules.check_reopen_reason(previous, self.workflow_state, self.reopen_reason)
		before = self.get_doc_before_save()
		if before is not None:
			rules.check_frozen(previous, self.workflow_state, self.changed_fields(before))
		if self.workflow_state == rules.VERIFIED and previous != rules.VERIFIED:
			self.reopen_reason = None

	def changed_fields(self, before) -> list[str]:
		changed = []
		for df in self.meta.fields:
			if df.fieldtype in ("Section Break", "Column Break", "Tab Break", "HTML", "Button"):
				continue
			if df.fieldtype in ("Table", "Table MultiSelect"):
				ours = [row.as_dict(no_default_fields=True) for row in self.get(df.fieldname)]
				theirs = [row.as_dict(no_default_fields=True) for row in before.get(df.fieldname)]
				if ours != theirs:
					changed.append(df.fieldname)
			elif str(self.get(df.fieldname) or "") != str(before.get(df.fieldname) or ""):
				changed.append(df.fieldname)
		return changed

	def warn_duplicate(self):
		"""Same structure, same day, same title: most likely entered twice (a warning, not a refusal)."""
		if not (self.organiser and self.event_date and self.title):
			return
		twins = frappe.get_all(
			"KLS Event",
			filters={
				"organiser": self.organiser,
				"event_date": self.event_date,
				"title": self.title,
				"name": ["!=", self.name or ""],
			},
			pluck="name",
		)
		if twins:
			frappe.msgprint(
				_("{0} already has an event «{1}» on this day: {2}. Is this a duplicate?").format(
					self.organiser_name or self.organiser, self.title, ", ".join(twins)
				),
				title=_("Possible duplicate"),
				indicator="orange",
			)

	# ------------------------------------------------------------------ dialogue meetings
	def create_follow_up_tasks(self):
		"""Each decision of a dialogue meeting with a responsible person becomes his assignment."""
		from frappe.desk.form.assign_to import add

		for row in self.decisions:
			if row.todo or not row.responsible_user:
				continue
			frappe.share.add_docshare(
				self.doctype, self.name, row.responsible_user, read=1, flags={"ignore_share_permission": True}
			)
			add(
				{
					"assign_to": [row.responsible_user],
					"doctype": self.doctype,
					"name": self.name,
					"description": row.decision,
					"date": row.due_date,
				}
			)
			todo = frappe.get_all(
				"ToDo",
				filters={
					"reference_type": self.doctype,
					"reference_name": self.name,
					"allocated_to": row.responsible_user,
					"status": "Open",
				},
				order_by="creation desc",
				limit=1,
				pluck="name",
			)
			if todo:
				row.db_set("todo", todo[0])
