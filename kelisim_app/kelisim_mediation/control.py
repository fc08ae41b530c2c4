"""Mediation cases on a site: settings, assignment by load, SLA escalation and who is told what.

Notifications go through `kelisim_instructions.control.notify` (an in-app Notification Log, e-mailed
per the user's notification settings) and are also queued as e-mail; their subjects carry the case's
reference number and category, never the parties' names.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import getdate, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.localization import in_language, users_by_language
from kelisim_app.kelisim_core.notify import notify, region_staff, rgu_staff
from kelisim_app.kelisim_mediation import rules

CASE = "KLS Mediation Case"
MEDIATOR = "KLS Mediator"
SETTINGS = "KLS Mediation Settings"


# ---------------------------------------------------------------------------------------------- settings
def settings() -> frappe._dict:
	doc = frappe.get_cached_doc(SETTINGS)  # a never-saved single carries its defaults
	return frappe._dict(
		default_sla_days=int(doc.default_sla_days or rules.DEFAULT_SLA_DAYS),
		approach_days=int(
			doc.approach_days if doc.approach_days is not None else rules.DEFAULT_APPROACH_DAYS
		),
		rgu_extra_days=int(
			doc.rgu_extra_days if doc.rgu_extra_days is not None else rules.DEFAULT_RGU_EXTRA_DAYS
		),
		sla={row.category: int(row.days or 0) for row in doc.get("sla") or []},
	)


def due_date_for(category: str | None, received_on) -> object:
	conf = settings()
	return rules.due_date(getdate(received_on), rules.sla_days(category, conf.sla, conf.default_sla_days))


# ---------------------------------------------------------------------------------------------- people
def mediator_user(mediator: str | None) -> str | None:
	return frappe.db.get_value(MEDIATOR, mediator, "user") if mediator else None


def mediator_info(mediator: str, open_cases: int = 0) -> rules.MediatorInfo:
	row = frappe.db.get_value(
		MEDIATOR,
		mediator,
		["name", "region", "status", "certification_state", "specialisations"],
		as_dict=True,
	)
	if not row:
		frappe.throw(_("Mediator {0} not found").format(mediator), frappe.DoesNotExistError)
	return rules.MediatorInfo(
		row.name, row.region, row.status, row.certification_state, row.specialisations or "", open_cases
	)


def open_loads(mediators: list[str], exclude_case: str | None = None) -> dict[str, int]:
	"""Cases each mediator is working (assigned or in mediation), in one grouped query."""
	if not mediators:
		return {}
	case = DocType(CASE)
	query = (
		frappe.qb.from_(case)
		.select(case.mediator, Count(case.name))
		.where(case.mediator.isin(mediators) & case.workflow_state.isin(rules.WORKING_STATES))
		.groupby(case.mediator)
	)
	if exclude_case:
		query = query.where(case.name != exclude_case)
	return {mediator: count for mediator, count in query.run()}


def candidates(region: str, exclude_case: str | None = None) -> list[rules.MediatorInfo]:
	rows = frappe.get_all(
		MEDIATOR,
		filters={"region": region},
		fields=["name", "region", "status", "certification_state", "specialisations"],
	)
	loads = open_loads([r.name for r in rows], exclude_case)
	return [
		rules.MediatorInfo(
			r.name, r.region, r.status, r.certification_state, r.specialisations or "", loads.get(r.name, 0)
		)
		for r in rows
	]


def kgu_heads(region: str) -> list[str]:
	return region_staff(region, (core.ROLE_KGU_HEAD,))


def rgu_coordinators() -> list[str]:
	return rgu_staff((core.ROLE_RGU_COORDINATOR,))


def escalation_subject(step: str, row, due, on) -> str:
	"""The subject of a case's escalation at `step`, in the current language."""
	category = _(row.category)
	if step == rules.LEVEL_MEDIATOR:
		return _("Mediation case {0} ({1}) is due on {2}").format(
			row.name, category, frappe.format(due, "Date")
		)
	if step == rules.LEVEL_KGU:
		return _("Mediation case {0} ({1}) is overdue by {2} days").format(
			row.name, category, (on - due).days
		)
	return _("Region {0}: mediation case {1} ({2}) is overdue by {3} days").format(
		row.region, row.name, category, (on - due).days
	)


def tell(users: list[str], subject: str | Callable[[], str], doc) -> None:
	"""In-app notification, and an e-mail queued for each recipient, in his language (`subject` as
	`lambda: _("…").format(…)`, see `kelisim_core.notify.notify`)."""
	users = sorted({u for u in users if u and u not in ("Guest", "Administrator")})
	if not users:
		return
	notify(users, subject, doc)
	recipients = [u for u in users if u != frappe.session.user]
	if not (recipients and outgoing_email()):
		return
	link = frappe.utils.get_url_to_form(doc.doctype, doc.name)
	for lang, group in users_by_language(recipients).items():
		frappe.sendmail(
			recipients=group,
			subject=in_language(subject, lang),
			message=in_language(lambda: _("Open the case: {0}").format(link), lang),
			reference_doctype=doc.doctype,
			reference_name=doc.name,
			delayed=True,
		)


def outgoing_email() -> bool:
	"""E-mail is queued only where an outgoing account exists (else the in-app notification alone)."""
	return bool(frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}))


def notify_high_risk(doc) -> None:
	"""A case at high interethnic escalation risk: the region's KGU Head and the RGU Coordinators at once."""
	tell(
		kgu_heads(doc.region) + rgu_coordinators(),
		lambda: _("High interethnic escalation risk: mediation case {0} ({1}), region {2}").format(
			doc.name, _(doc.category), doc.region
		),
		doc,
	)


# ---------------------------------------------------------------------------------------------- escalation
def daily() -> None:
	"""Scheduler: escalate open cases as their due date approaches and passes."""
	run_escalation(getdate(today()))


def run_escalation(on) -> dict[str, int]:
	"""Move every open case to the escalation level it has reached on `on`; each level is told once.
	Returns how many cases were escalated to each level."""
	on = getdate(on)
	conf = settings()
	counts = {rules.LEVEL_MEDIATOR: 0, rules.LEVEL_KGU: 0, rules.LEVEL_RGU: 0}
	for row in frappe.get_all(
		CASE,
		filters={"workflow_state": ["in", rules.OPEN_STATES], "due_date": ["is", "set"]},
		fields=[
			"name",
			"due_date",
			"risk",
			"escalation_level",
			"region",
			"mediator",
			"category",
			"is_overdue",
		],
	):
		due = getdate(row.due_date)
		reached = rules.escalation_level(due, on, row.risk, conf.approach_days, conf.rgu_extra_days)
		step = rules.escalation_step(row.escalation_level, reached)
		values = {}
		overdue = int(due < on)
		if overdue != (row.is_overdue or 0):
			values["is_overdue"] = overdue
		if step:
			doc = frappe._dict(doctype=CASE, name=row.name)
			if step == rules.LEVEL_MEDIATOR:
				user = mediator_user(row.mediator)
				users = [user] if user else kgu_heads(row.region)
			elif step == rules.LEVEL_KGU:
				users = [*kgu_heads(row.region), mediator_user(row.mediator)]
			else:
				users = rgu_coordinators()
			tell([u for u in users if u], partial(escalation_subject, step, row, due, on), doc)
			values["escalation_level"] = step
			counts[step] += 1
		if values:
			frappe.db.set_value(CASE, row.name, values, update_modified=False)
	return counts
