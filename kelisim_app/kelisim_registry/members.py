"""Member counts are derived from the membership records, never typed."""

from __future__ import annotations

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import today

STRUCTURE = "KLS Public Structure"


def open_member_counts(structures: list[str]) -> dict[str, int]:
	m = DocType("KLS Membership")
	rows = (
		frappe.qb.from_(m)
		.select(m.structure, Count(m.person).distinct())
		.where(m.structure.isin(structures))
		.where(m.from_date <= today())
		.where(m.to_date.isnull() | (m.to_date >= today()))
		.groupby(m.structure)
	).run()
	return {structure: count for structure, count in rows}


def refresh_member_counts(structures: list[str] | None = None) -> None:
	if structures is None:
		structures = frappe.get_all(STRUCTURE, pluck="name")
	if not structures:
		return
	counts = open_member_counts(structures)
	current = dict(
		frappe.get_all(
			STRUCTURE, filters={"name": ["in", structures]}, fields=["name", "member_count"], as_list=True
		)
	)
	for name in structures:  # only the counts that moved are written
		if (current.get(name) or 0) != counts.get(name, 0):
			frappe.db.set_value(STRUCTURE, name, "member_count", counts.get(name, 0), update_modified=False)


def daily() -> None:
	"""Memberships that ended yesterday stop counting today."""
	refresh_member_counts()
