"""A KGU user sees the instructions addressed to his region; executions are region-scoped by the core
mechanism (their Link to KLS Region)."""

from __future__ import annotations

import frappe

from kelisim_app.kelisim_core.permissions import user_region


def instruction_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	region = user_region(user or frappe.session.user)
	if region is None:
		return ""
	region = frappe.db.escape(region)
	return (
		f"(`tabKLS Instruction`.`all_regions` = 1 or exists (select 1 from `tabKLS Instruction Region` r "
		f"where r.`parent` = `tabKLS Instruction`.`name` and r.`parenttype` = 'KLS Instruction' "
		f"and r.`region` = {region}))"
	)


def instruction_has_permission(doc, ptype=None, user=None, debug=False):
	region = user_region(user or frappe.session.user)
	if region is None or doc.get("all_regions"):
		return None
	if region not in {row.region for row in doc.get("regions") or []}:
		return False
	return None
