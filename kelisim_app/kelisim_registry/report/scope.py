"""The scope of the registry reports: which public structures a user's aggregates may count.

The reports aggregate with `frappe.qb`, which bypasses both User Permissions and the app's
`permission_query_conditions`, so they apply the same rules themselves, here, in one place:

* a Structure Secretary with no broader role counts only the structures he is secretary of;
* a KGU user (attached to a regional office) counts only his region's structures;
* a user an administrator gave User Permissions on KLS Region by hand (no office) counts only those regions,
  as the list view would show him;
* everyone else (RGU, Ministry Observer, administrators) counts every structure.

A region filter asking for another region than the user's own is AND-ed with the scope, so it yields nothing.
"""

from __future__ import annotations

import frappe
from pypika.terms import Criterion, Term

from kelisim_app.kelisim_core.localization import localized_name
from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.kelisim_registry.permissions import secretary_only

STRUCTURE = "KLS Public Structure"


def registered_at(s, day):
	"""Structures (table `s`) registered on `day`: founded by then (or of unknown date) and not dissolved by
	then. Reports count structures as of their period's end, not as of the day they are compiled."""
	founded = s.founded_on.isnull() | (s.founded_on <= day)
	dissolved = (s.status == "Dissolved") & (s.status_date.isnull() | (s.status_date <= day))
	return founded & ~dissolved


def allowed_regions(user: str) -> list[str] | None:
	"""The regions the user's reports may count; None = every region (and structures with none)."""
	return report_regions(user, STRUCTURE)


def structure_scope_conditions(table, user: str | None = None) -> Term | None:
	"""A criterion on a KLS Public Structure table confining it to what `user` may see; None = no limit."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	conditions = []
	if secretary_only(user):
		conditions.append(table.secretary_user == user)
	regions = allowed_regions(user)
	if regions is not None:
		conditions.append(table.region.isin(regions))
	return Criterion.all(conditions) if conditions else None


def apply_scope(query, table, user: str | None = None):
	"""`query` restricted to the structures `user` may see."""
	condition = structure_scope_conditions(table, user)
	return query.where(condition) if condition is not None else query


def structure_columns() -> list[dict]:
	"""The leading columns of a report that lists structures: region, structure, its name and kind."""
	from frappe import _

	return [
		{
			"fieldname": "region",
			"label": _("Region"),
			"fieldtype": "Link",
			"options": "KLS Region",
			"width": 90,
		},
		{
			"fieldname": "structure",
			"label": _("Structure"),
			"fieldtype": "Link",
			"options": "KLS Public Structure",
			"width": 110,
		},
		{"fieldname": "structure_name", "label": _("Structure name"), "fieldtype": "Data", "width": 240},
		{
			"fieldname": "structure_kind",
			"label": _("Kind"),
			"fieldtype": "Link",
			"options": "KLS Structure Kind",
			"width": 180,
		},
	]


def region_and_kind_columns() -> list[dict]:
	"""The leading columns of the registry reports: region and kind, each with its name in the user's language."""
	from frappe import _

	return [
		{
			"fieldname": "region",
			"label": _("Region"),
			"fieldtype": "Link",
			"options": "KLS Region",
			"width": 100,
		},
		{"fieldname": "region_name", "label": _("Region name"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "structure_kind",
			"label": _("Kind"),
			"fieldtype": "Link",
			"options": "KLS Structure Kind",
			"width": 200,
		},
		{"fieldname": "kind_name", "label": _("Kind name"), "fieldtype": "Data", "width": 220},
	]


def named_structures_query(*group_fields: str):
	"""KLS Public Structure joined with the names of its region and kind, selecting and grouping by region,
	kind and `group_fields`: the base of the registry reports' aggregates. Returns (query, structure table)."""
	from frappe.query_builder import DocType

	s, r, k = DocType("KLS Public Structure"), DocType("KLS Region"), DocType("KLS Structure Kind")
	names = (r.region_name, r.region_name_kk, r.region_name_ru, k.kind_name, k.kind_name_kk, k.kind_name_ru)
	keys = (s.region, s.structure_kind, *(s[f] for f in group_fields))
	query = (
		frappe.qb.from_(s)
		.left_join(r)
		.on(r.name == s.region)
		.left_join(k)
		.on(k.name == s.structure_kind)
		.select(*keys, *names)
		.groupby(*keys, *names)
	)
	return query, s


def region_and_kind_values(row) -> dict:
	"""The leading values of a registry report row (republican structures have no region)."""
	from frappe import _

	return {
		"region": row.region,
		"region_name": localized_name(row.region_name, row.region_name_kk, row.region_name_ru)
		if row.region
		else _("Republican level (no region)"),
		"structure_kind": row.structure_kind,
		"kind_name": localized_name(row.kind_name, row.kind_name_kk, row.kind_name_ru),
	}
