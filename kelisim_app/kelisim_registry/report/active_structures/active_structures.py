# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Active Structures: per region and kind, how many public structures are registered, active and inactive,
and how many members they have — the concept's table, live.

Definitions (shown above the report too):

* registered: every structure whose status is not Dissolved, i.e. Active and Suspended ones;
* active / inactive: among the registered, by the activity status the app derives from the structure's
  last proven activity or founding date and the inactivity period of KLS Registry Settings. A suspended
  structure is registered and counts as active or inactive by its activity status like any other; a structure
  whose activity status has not been computed yet counts as inactive. So registered = active + inactive;
* members: the sum of the structures' member counts (people with an open membership, from the records).

One grouped query; the user's scope (region, secretaryship) is applied by `report.scope`.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, IfNull, Sum
from frappe.utils import cint

from kelisim_app.kelisim_registry import activity, rules
from kelisim_app.kelisim_registry.report.scope import (
	apply_scope,
	named_structures_query,
	region_and_kind_columns,
	region_and_kind_values,
)
from kelisim_app.utils.read_only import replica_read


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, get_message(), get_chart(data), get_summary(data)


def get_columns() -> list[dict]:
	return [
		*region_and_kind_columns(),
		{"fieldname": "registered", "label": _("Registered"), "fieldtype": "Int", "width": 110},
		{"fieldname": "active", "label": _("Active"), "fieldtype": "Int", "width": 100},
		{"fieldname": "inactive", "label": _("Inactive"), "fieldtype": "Int", "width": 100},
		{"fieldname": "members", "label": _("Members"), "fieldtype": "Int", "width": 100},
	]


def get_data(filters: frappe._dict, user: str | None = None) -> list[dict]:
	query, s = named_structures_query()
	active = Sum(Case().when(s.activity_status == rules.ACTIVITY_ACTIVE, 1).else_(0))
	query = query.select(
		Count(s.name).as_("registered"),
		active.as_("active"),
		IfNull(Sum(s.member_count), 0).as_("members"),
	)
	query = query.where(s.status != rules.STATUS_DISSOLVED)
	if filters.get("region"):
		query = query.where(s.region == filters.region)
	if filters.get("structure_kind"):
		query = query.where(s.structure_kind == filters.structure_kind)
	query = apply_scope(query, s, user)

	data = []
	for row in query.run(as_dict=True):
		registered, active_count = cint(row.registered), cint(row.active)
		data.append(
			{
				**region_and_kind_values(row),
				"registered": registered,
				"active": active_count,
				"inactive": registered - active_count,
				"members": cint(row.members),
			}
		)
	# regions by code, republican structures (no region) last
	data.sort(key=lambda d: (d["region"] is None, d["region"] or "", d["structure_kind"] or ""))
	return data


def get_message() -> str:
	return _(
		"Registered: every structure that is not dissolved (suspended ones included). Active: registered "
		"structures with activity, or founded, within the last {0} months; all other registered structures "
		"are inactive. Members: people with an open membership."
	).format(activity.inactivity_months())


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	per_region: dict[str, list[int]] = {}
	for row in data:
		counts = per_region.setdefault(row["region_name"], [0, 0])
		counts[0] += row["active"]
		counts[1] += row["inactive"]
	return {
		"data": {
			"labels": list(per_region),
			"datasets": [
				{"name": _("Active"), "values": [c[0] for c in per_region.values()]},
				{"name": _("Inactive"), "values": [c[1] for c in per_region.values()]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#29CD42", "#FF5858"],
	}


def get_summary(data: list[dict]) -> list[dict]:
	def total(key: str) -> int:
		return sum(row[key] for row in data)

	return [
		{"value": total("registered"), "label": _("Registered"), "datatype": "Int", "indicator": "Blue"},
		{"value": total("active"), "label": _("Active"), "datatype": "Int", "indicator": "Green"},
		{"value": total("inactive"), "label": _("Inactive"), "datatype": "Int", "indicator": "Red"},
		{"value": total("members"), "label": _("Members"), "datatype": "Int", "indicator": "Blue"},
	]
