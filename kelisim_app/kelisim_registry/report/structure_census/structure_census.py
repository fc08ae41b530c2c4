# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Structure Census: the number of public structures and their members per region × kind × level.

Dissolved structures are left out unless "Include dissolved" is ticked; then a column says how many of each
group are dissolved. "As on" counts the structures registered on that day (founded by then, not dissolved by
then), as the regional reports count them at their period's end. Accredited associations and the circulation
of ethnic media are counted beside them. One grouped query; the user's scope (region, secretaryship) is applied by `report.scope`.
The desk's Export gives the table as Excel or CSV.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, IfNull, Sum
from frappe.utils import cint, getdate

from kelisim_app.kelisim_registry import rules
from kelisim_app.kelisim_registry.report.scope import (
	apply_scope,
	named_structures_query,
	region_and_kind_columns,
	region_and_kind_values,
	registered_at,
)
from kelisim_app.utils.read_only import replica_read

STRUCTURE = "KLS Public Structure"
STATUS_SUSPENDED = "Suspended"


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(filters), get_data(filters)


def get_columns(filters: frappe._dict) -> list[dict]:
	columns = [
		*region_and_kind_columns(),
		{"fieldname": "level", "label": _("Level"), "fieldtype": "Data", "width": 110},
		{"fieldname": "structures", "label": _("Structures"), "fieldtype": "Int", "width": 110},
		{"fieldname": "suspended", "label": _("Suspended"), "fieldtype": "Int", "width": 110},
	]
	if filters.get("include_dissolved"):
		columns.append({"fieldname": "dissolved", "label": _("Dissolved"), "fieldtype": "Int", "width": 110})
	columns.append({"fieldname": "members", "label": _("Members"), "fieldtype": "Int", "width": 100})
	columns.append({"fieldname": "accredited", "label": _("Accredited"), "fieldtype": "Int", "width": 110})
	columns.append({"fieldname": "circulation", "label": _("Circulation"), "fieldtype": "Int", "width": 110})
	return columns


def level_order() -> list[str]:
	return (frappe.get_meta(STRUCTURE).get_field("level").options or "").split("\n")


def get_data(filters: frappe._dict, user: str | None = None) -> list[dict]:
	query, s = named_structures_query("level")

	def count_status(status: str):
		return Sum(Case().when(s.status == status, 1).else_(0))

	query = query.select(
		Count(s.name).as_("structures"),
		count_status(STATUS_SUSPENDED).as_("suspended"),
		count_status(rules.STATUS_DISSOLVED).as_("dissolved"),
		IfNull(Sum(s.member_count), 0).as_("members"),
		Sum(Case().when(s.is_accredited == 1, 1).else_(0)).as_("accredited"),
		IfNull(Sum(s.circulation), 0).as_("circulation"),
	)
	if filters.get("as_on"):
		query = query.where(registered_at(s, getdate(filters.as_on)))
	elif not filters.get("include_dissolved"):
		query = query.where(s.status != rules.STATUS_DISSOLVED)
	for field in ("region", "structure_kind", "level"):
		if filters.get(field):
			query = query.where(s[field] == filters[field])
	query = apply_scope(query, s, user)

	levels = {level: i for i, level in enumerate(level_order())}
	data = []
	for row in query.run(as_dict=True):
		data.append(
			{
				**region_and_kind_values(row),
				"level": _(row.level) if row.level else "",
				"level_key": row.level,
				"structures": cint(row.structures),
				"suspended": cint(row.suspended),
				"dissolved": cint(row.dissolved),
				"members": cint(row.members),
				"accredited": cint(row.accredited),
				"circulation": cint(row.circulation),
			}
		)
	data.sort(
		key=lambda d: (
			d["region"] is None,
			d["region"] or "",
			d["structure_kind"] or "",
			levels.get(d["level_key"], len(levels)),
		)
	)
	for row in data:
		del row["level_key"]
		if not filters.get("include_dissolved"):
			del row["dissolved"]
	return data
