"""Confidentiality of mediation cases.

* Region: a KGU user sees his region's cases by the core mechanism (the case's Link to KLS Region).
* Mediators: a user who is only a mediator sees the cases assigned to him (KLS Mediator.user), nothing else.
* Personal data (parties, narrative, agreement terms, outcome notes) sit at permlevel 1: the mediator, the KGU
  Head and Specialists, the RGU read them; the Ministry Observer has no permlevel-1 row, so he sees counts,
  categories, dates and states only.
* Every opening of a case's form by someone other than its mediator leaves a View Log (the controller's
  `onload`).
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


def case_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator" or not is_mediator_only(user):
		return ""
	return (
		f"`tabKLS Mediation Case`.`mediator` in (select m.`name` from `tabKLS Mediator` m "
		f"where m.`user` = {frappe.db.escape(user)})"
	)


def case_has_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	user = user or frappe.session.user
	if user == "Administrator" or not is_mediator_only(user):
		return None
	if doc.get("mediator") and doc.get("mediator") in mediators_of(user):
		return None
	return False
