# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Young Leaders Pool: the people the registry marks as young leaders (the pool of future ANK managers),
with the youth headquarters and other structures they belong to, the initiatives they proposed and how many
were supported and completed. A KGU user sees his region (`report_regions`)."""

from __future__ import annotations

from collections import Counter, defaultdict

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import today

from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.kelisim_registry import rules
from kelisim_app.utils.read_only import replica_read


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters, frappe.session.user)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "person",
			"label": _("Person"),
			"fieldtype": "Link",
			"options": "KLS Person",
			"width": 110,
		},
		{"fieldname": "full_name", "label": _("Full name"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "region",
			"label": _("Region"),
			"fieldtype": "Link",
			"options": "KLS Region",
			"width": 90,
		},
		{"fieldname": "structures", "label": _("Structures"), "fieldtype": "Data", "width": 300},
		{"fieldname": "initiatives", "label": _("Initiatives proposed"), "fieldtype": "Int", "width": 120},
		{"fieldname": "supported", "label": _("Supported"), "fieldtype": "Int", "width": 100},
		{"fieldname": "completed", "label": _("Completed"), "fieldtype": "Int", "width": 100},
	]


def get_data(filters: frappe._dict, user: str) -> list[dict]:
	p = DocType("KLS Person")
	query = frappe.qb.from_(p).select(p.name, p.full_name, p.region).where(p.is_young_leader == 1)
	regions = report_regions(user, "KLS Person")
	if regions is not None:
		query = query.where(p.region.isin(regions))
	if filters.get("region"):
		query = query.where(p.region == filters.region)
	people = query.orderby(p.full_name).run(as_dict=True)
	if not people:
		return []
	names = [r.name for r in people]
	m, s = DocType("KLS Membership"), DocType("KLS Public Structure")
	day = today()
	structures: dict[str, list[str]] = defaultdict(list)
	for person, structure_name in (
		frappe.qb.from_(m)
		.join(s)
		.on(s.name == m.structure)
		.select(m.person, s.structure_name)
		.where(m.person.isin(names) & (m.from_date <= day) & (m.to_date.isnull() | (m.to_date >= day)))
		.orderby(s.structure_name)
	).run():
		structures[person].append(structure_name)
	initiatives, supported, completed = Counter(), Counter(), Counter()
	for row in frappe.get_all(
		"KLS Youth Initiative",
		filters={"proposer": ["in", names]},
		fields=["proposer", "decision", "completed_on"],
		limit=0,
	):
		initiatives[row.proposer] += 1
		supported[row.proposer] += row.decision == rules.INITIATIVE_SUPPORTED
		completed[row.proposer] += bool(row.completed_on)
	return [
		{
			"person": r.name,
			"full_name": r.full_name,
			"region": r.region,
			"structures": ", ".join(structures[r.name]),
			"initiatives": initiatives[r.name],
			"supported": supported[r.name],
			"completed": completed[r.name],
		}
		for r in people
	]
