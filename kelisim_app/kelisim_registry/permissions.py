"""A Structure Secretary sees and edits only the structures he is secretary of, and their memberships.

Region scoping of KGU users comes from the core mechanism (User Permissions on KLS Region); this adds
the rule a Link cannot express. The list query and the single-document check apply the same rule.
"""

from __future__ import annotations

import frappe

from kelisim_app.kelisim_core import rules as core

# Roles that see structures by territory (or everywhere), not by secretaryship.
BROADER_ROLES = frozenset(
	{
		"System Manager",
		"Administrator",
		core.ROLE_ADMINISTRATOR,
		core.ROLE_RGU_HEAD,
		core.ROLE_RGU_COORDINATOR,
		core.ROLE_KGU_HEAD,
		core.ROLE_KGU_SPECIALIST,
		core.ROLE_MINISTRY_OBSERVER,
		core.ROLE_MEDIATOR,
	}
)


def secretary_only(user: str) -> bool:
	roles = set(frappe.get_roles(user))
	return core.ROLE_STRUCTURE_SECRETARY in roles and not roles & BROADER_ROLES


def structures_of_secretary(user: str) -> list[str]:
	return frappe.get_all("KLS Public Structure", filters={"secretary_user": user}, pluck="name")


def structure_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if not secretary_only(user):
		return ""
	return f"`tabKLS Public Structure`.`secretary_user` = {frappe.db.escape(user)}"


def structure_has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if secretary_only(user) and doc.get("secretary_user") != user:
		return False
	return None


def secretary_structure_condition(table: str, field: str, user: str) -> str:
	"""SQL condition: `table`.`field` names one of the structures `user` is secretary of."""
	return (
		f"`tab{table}`.`{field}` in (select `name` from `tabKLS Public Structure` "
		f"where `secretary_user` = {frappe.db.escape(user)})"
	)


def membership_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	return secretary_structure_condition("KLS Membership", "structure", user) if secretary_only(user) else ""


def membership_has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if secretary_only(user) and doc.get("structure") not in structures_of_secretary(user):
		return False
	return None


# People: a Structure Secretary finds everyone in the registry (to add an existing person as a member, rather
# than a duplicate), but changes only the people he registered and the members of his structures.
PERSON_CHANGES = frozenset({"write", "delete", "cancel", "submit", "amend"})


def person_has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	# --- #18B: without consent, a person stays with the office that registered him; reads of his
	# confidential fields are logged (kelisim_registry/personal_data.py)
	if not getattr(doc, "is_new", lambda: True)():
		from kelisim_app.kelisim_registry import personal_data

		if not personal_data.may_see(doc, user):
			return False
		if ptype == "read" and user == frappe.session.user:
			personal_data.audit_read(doc, user)
	if ptype not in PERSON_CHANGES or not secretary_only(user) or getattr(doc, "is_new", lambda: True)():
		return None
	if doc.get("owner") == user:
		return None
	structures = structures_of_secretary(user)
	member = structures and frappe.db.exists(
		"KLS Membership", {"person": doc.name, "structure": ["in", structures]}
	)
	return None if member else False
