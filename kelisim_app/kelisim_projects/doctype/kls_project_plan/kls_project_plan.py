# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from collections.abc import Callable

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from kelisim_app.exceptions import ApproverRoleError
from kelisim_app.kelisim_core import approval
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.notify import notify, region_staff, rgu_staff
from kelisim_app.kelisim_projects import kpis, rules
from kelisim_app.kelisim_projects.rules import PlanApprovalError, PlanError

# approved content: rows of these tables are fixed after approval (their progress fields are not)
FROZEN_TABLES = ("kpis", "activities", "budget")


class KLSProjectPlan(approval.ApprovalDocument):
	def validate(self):
		self.set_title()
		self.check_level()
		self.check_unique()
		self.check_content()
		self.on_state_change()
		self.update_progress()

	def before_update_after_submit(self):
		"""An approved plan's content is frozen (Frappe refuses changes outside the progress fields);
		progress is checked and the figures recomputed. Frappe lets rows be added to or removed from a table
		open to progress; the plan's own rows (indicators, activities, budget lines) are kept fixed here."""
		self.check_frozen_rows()
		self.check_progress()
		self.update_progress()

	def before_submit(self):
		"""Submission is the RGU Head's approval, reached through the workflow only. (The region holds the
		submit right solely to update the progress of an approved plan.)"""
		if not {core.ROLE_RGU_HEAD, core.ROLE_ADMINISTRATOR, "System Manager"} & set(frappe.get_roles()):
			frappe.throw(_("Only the RGU Head approves a plan"), ApproverRoleError)
		if self.workflow_state != rules.APPROVED:
			frappe.throw(_("A plan is approved through its workflow"), PlanApprovalError)
		rules.check_not_self_approval(frappe.session.user, self.owner, self.submitted_by)

	def on_submit(self):
		self.tell_region(lambda: _("The RGU approved the plan «{0}»").format(self.title))

	# ------------------------------------------------------------------ content
	def set_title(self):
		project = frappe.db.get_value("KLS Base Project", self.base_project, "project_number")
		self.title = plan_title(project, self.region, self.year)

	def check_level(self):
		rules.check_level(self.plan_level, self.region)
		rules.check_year(self.year)

	def check_unique(self):
		twin = frappe.db.exists(
			"KLS Project Plan",
			{
				"region": self.region or ("is", "not set"),
				"base_project": self.base_project,
				"year": self.year,
				"docstatus": ("<", 2),
				"name": ("!=", self.name or ""),
			},
		)
		if twin:
			frappe.throw(
				_("{0} already has a plan for this base project and year: {1}").format(
					self.region or _("The RGU"), twin
				),
				PlanError,
			)

	def activities_facts(self):
		return [
			rules.Activity(
				a.activity,
				getdate(a.start_date),
				getdate(a.end_date),
				a.status,
				getdate(a.completed_on) if a.completed_on else None,
				bool(a.is_milestone),
			)
			for a in self.activities
		]

	def kpi_facts(self):
		return [
			rules.Kpi(
				k.indicator,
				k.unit,
				flt(k.baseline),
				None if k.target is None else flt(k.target),
				flt(k.actual),
			)
			for k in self.kpis
		]

	def check_content(self):
		rules.check_activities(self.activities_facts(), int(self.year), getdate(today()))
		rules.check_kpis(self.kpi_facts())
		rules.check_amounts([b.planned_amount for b in self.budget] + [b.actual_amount for b in self.budget])
		rules.check_responsibility(
			[r.activity for r in self.responsibility], [a.activity for a in self.activities]
		)
		for r in self.risks:
			r.score = rules.risk_score(r.probability, r.impact)

	def check_frozen_rows(self):
		before = self.get_doc_before_save()
		if not before:
			return
		for field in FROZEN_TABLES:
			rules.check_frozen_rows(
				_(self.meta.get_label(field)),
				[row.name for row in before.get(field)],
				[row.name for row in self.get(field)],
			)

	def check_progress(self):
		rules.check_activities(self.activities_facts(), int(self.year), getdate(today()))
		rules.check_amounts([b.actual_amount for b in self.budget])
		for r in self.risks:
			r.score = rules.risk_score(r.probability, r.impact)

	# ------------------------------------------------------------------ progress and monitoring
	def update_progress(self):
		for k in self.kpis:
			measured = kpis.measured_actual(k.measurement, self.region, self.base_project, int(self.year))
			if measured is not None:
				k.actual = measured
			k.attainment = rules.attainment(
				rules.Kpi(k.indicator, k.unit, flt(k.baseline), flt(k.target), flt(k.actual))
			)
		self.planned_total = sum(flt(b.planned_amount) for b in self.budget)
		self.actual_total = sum(flt(b.actual_amount) for b in self.budget)
		self.budget_execution = rules.budget_execution(self.planned_total, self.actual_total)
		reasons = self.risk_reasons()
		self.at_risk = int(bool(reasons))
		self.at_risk_reasons = "\n".join(reasons)

	def risk_reasons(self) -> list[str]:
		"""Why the plan is at risk, in the reader's language (the report shows them so; the stored
		`at_risk_reasons` keeps the language of whoever last computed them)."""
		settings = frappe.get_cached_doc("KLS Project Settings")
		return rules.at_risk_reasons(
			self.activities_facts(),
			self.kpi_facts(),
			[rules.Risk(r.risk, int(r.probability), int(r.impact), r.risk_status) for r in self.risks],
			[c.risk for c in self.corrective_actions if c.risk],
			self.planned_total,
			self.actual_total,
			int(self.year),
			getdate(today()),
			flt(settings.budget_tolerance),
			flt(settings.kpi_tolerance),
			int(settings.high_risk_score or 15),
		)

	# ------------------------------------------------------------------ workflow

	def on_state_change(self):
		state = self.entered_state()
		if not state:
			return
		if state == rules.SUBMITTED:
			self.submitted_by = frappe.session.user
			self.return_reason = None
			notify(
				rgu_staff((core.ROLE_RGU_COORDINATOR,)),
				lambda: _("Plan «{0}» is submitted for review").format(self.title),
				self,
			)
		elif state == rules.REVIEWED:
			notify(
				rgu_staff((core.ROLE_RGU_HEAD,)),
				lambda: _("Plan «{0}» awaits your approval").format(self.title),
				self,
			)
		elif state == rules.RETURNED:
			reason = rules.check_return_reason(self.return_reason)
			approval.record_return(self, reason)
			self.tell_region(lambda: _("The RGU returned the plan «{0}»: {1}").format(self.title, reason))

	def tell_region(self, subject: Callable[[], str]):
		if self.region:
			notify(region_staff(self.region, (core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST)), subject, self)
		else:
			notify(rgu_staff((core.ROLE_RGU_COORDINATOR,)), subject, self)


def daily() -> None:
	"""Scheduler: measured KPIs and the at-risk flag move with the records and the calendar."""
	for name in frappe.get_all("KLS Project Plan", filters={"docstatus": ("<", 2)}, pluck="name"):
		refresh_progress(name)


def on_event_update(event, method=None) -> None:
	"""KLS Event.on_update (hooks.py): verifying an event (or reopening a verified one) moves the measured
	KPIs of the project plans it counts in at once: the plan of its region and the republican plan of its base
	project and year (the nightly run of the plans does the same for every other change)."""
	from kelisim_app.kelisim_events.rules import VERIFIED

	before = event.get_doc_before_save()
	was_verified = before is not None and before.get("workflow_state") == VERIFIED
	if was_verified == (event.workflow_state == VERIFIED) or not (event.base_project and event.event_date):
		return
	plans = frappe.get_all(
		"KLS Project Plan",
		filters={
			"base_project": event.base_project,
			"year": getdate(event.event_date).year,
			"docstatus": ("<", 2),
		},
		or_filters=[["region", "=", event.region], ["region", "is", "not set"]],
		pluck="name",
	)
	for name in plans:
		refresh_progress(name)


def refresh_progress(name: str) -> bool:
	"""The plan's measured KPIs and at-risk flag recomputed from the records, stored when they moved (the
	plan's content is not saved again). Returns whether anything moved."""
	doc = frappe.get_doc("KLS Project Plan", name)
	before = (doc.at_risk, doc.at_risk_reasons, [k.actual for k in doc.kpis])
	doc.update_progress()
	if before == (doc.at_risk, doc.at_risk_reasons, [k.actual for k in doc.kpis]):
		return False
	for k in doc.kpis:
		k.db_update()
	doc.db_update()
	return True


def plan_title(project_number, region: str | None, year) -> str:
	"""A plan's title in the current language, its region by name, never by code (#23)."""
	from kelisim_app.kelisim_core.localization import region_names

	where = region_names([region]).get(region, region) if region else _("Republican")
	return _("Base project {0} — {1} — {2}").format(project_number, where, year)
