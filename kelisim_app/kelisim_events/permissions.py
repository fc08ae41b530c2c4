"""A Structure Secretary records and sees the events of his own structures only (region scoping of KGU
users comes from the core mechanism, through the event's Link to KLS Region)."""

from __future__ import annotations

import frappe

from kelisim_app.kelisim_registry.permissions import (
	secretary_only,
	secretary_structure_condition,
	structures_of_secretary,
)


def event_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	return secretary_structure_condition("KLS Event", "organiser", user) if secretary_only(user) else ""


def event_has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if secretary_only(user) and doc.get("organiser") not in structures_of_secretary(user):
		return False
	return None
