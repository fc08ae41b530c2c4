"""Confidentiality of mediation cases.

* Region: a KGU user sees his region's cases by the core mechanism (the case's Link to KLS Region).
* Mediators: a user who is only a mediator sees the cases assigned to him (KLS Mediator.user), nothing else.
* Personal data (parties, narrative, agreement terms, outcome notes) sit at permlevel 1: the mediator, the KGU
  Head and Specialists, the RGU read them; the Ministry Observer has no permlevel-1 row, so he sees counts,
  categories, dates and states only.
* Every read of a case by someone other than its mediator leaves a View Log: the form's `onload` and the
  single-document read check (REST, print, methods) both call `audit_read`.
* Councils: the secretary of a Council of Public Consent or Mothers' Council that handles or co-handles a
  case (`handling_structure`, `co_handler`) sees it (without its permlevel-1 personal data) and records what
  his council did (`co_handler_actions`), nothing else (the controller's `check_co_handler_changes`).
* Consultations: a user who is only a mediator sees and changes the consultations he gave or recorded; the
  region's KGU and the RGU see them all.
"""

from __future__ import annotations

import frappe

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.permissions import ADMIN_ROLES

CASE = "KLS Mediation Case"
# roles that see cases by region (KGU) or everywhere (RGU, observer, administrators): not limited to own cases
BROAD_ROLES = (
	ADMIN_ROLES | core.KGU_ROLES | core.RGU_ROLES | {core.ROLE_MINISTRY_OBSERVER, core.ROLE_ADMINISTRATOR}
)


def is_mediator_only(user: str) -> bool:
	roles = set(frappe.get_roles(user))
	return core.ROLE_MEDIATOR in roles and not roles & BROAD_ROLES


def mediators_of(user: str) -> list[str]:
	return frappe.get_all("KLS Mediator", filters={"user": user}, pluck="name")


# what a co-handling council's secretary records on a case
COUNCIL_EDITABLE = ("co_handler_actions",)


def is_council_secretary_only(user: str) -> bool:
	"""A Structure Secretary with no broader role and no mediator role: sees only his councils' cases."""
	roles = set(frappe.get_roles(user))
	return core.ROLE_STRUCTURE_SECRETARY in roles and not roles & (BROAD_ROLES | {core.ROLE_MEDIATOR})


def _limited(user: str) -> bool:
	"""Sees only some cases: his own as a mediator and/or his councils' as a secretary."""
	roles = set(frappe.get_roles(user))
	return bool(roles & {core.ROLE_MEDIATOR, core.ROLE_STRUCTURE_SECRETARY}) and not roles & BROAD_ROLES


def case_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator" or not _limited(user):
		return ""
	me = frappe.db.escape(user)
	roles = set(frappe.get_roles(user))
	conditions = []
	if core.ROLE_MEDIATOR in roles:
		conditions.append(
			f"`tabKLS Mediation Case`.`mediator` in (select m.`name` from `tabKLS Mediator` m where m.`user` = {me})"
		)
	if core.ROLE_STRUCTURE_SECRETARY in roles:
		councils = f"(select s.`name` from `tabKLS Public Structure` s where s.`secretary_user` = {me})"
		conditions.append(
			f"(`tabKLS Mediation Case`.`handling_structure` in {councils} "
			f"or `tabKLS Mediation Case`.`co_handler` in {councils})"
		)
	return "(" + " or ".join(conditions) + ")"


def case_has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	user = user or frappe.session.user
	allowed = case_access(doc, user)
	if allowed is not False and ptype == "read" and user == frappe.session.user:
		audit_read(doc, user)
	return allowed


def case_access(doc, user: str):
	if user == "Administrator" or not _limited(user):
		return None
	roles = set(frappe.get_roles(user))
	if core.ROLE_MEDIATOR in roles and doc.get("mediator") and doc.get("mediator") in mediators_of(user):
		return None
	if core.ROLE_STRUCTURE_SECRETARY in roles and {
		doc.get("handling_structure"),
		doc.get("co_handler"),
	} & set(councils_of(user)):
		return None
	return False


def councils_of(user: str) -> list[str]:
	return frappe.get_all("KLS Public Structure", filters={"secretary_user": user}, pluck="name")


def audit_read(doc, user: str) -> None:
	"""A View Log for every read of a case by someone other than its mediator, whatever the path (form,
	REST, print, a method): the single-document read check runs on each. Once per request and reader."""
	if user in ("Guest", None) or not doc.get("name") or getattr(doc, "is_new", lambda: True)():
		return
	if frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_patch:
		return
	seen = frappe.flags.setdefault("kls_case_reads", set())
	key = (doc.name, user)
	if key in seen:
		return
	seen.add(key)
	if doc.get("mediator") and frappe.db.get_value("KLS Mediator", doc.mediator, "user") == user:
		return
	doc.add_viewed(user, force=True)


# ---------------------------------------------------------------------------------------------- consultations
CONSULTATION = "KLS Consultation"


def consultation_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator" or not is_mediator_only(user):
		return ""
	me = frappe.db.escape(user)
	return f"(`tab{CONSULTATION}`.`consultant` = {me} or `tab{CONSULTATION}`.`owner` = {me})"


def consultation_has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	user = user or frappe.session.user
	if user == "Administrator" or not is_mediator_only(user) or getattr(doc, "is_new", lambda: True)():
		return None
	return None if user in (doc.get("consultant"), doc.get("owner")) else False
