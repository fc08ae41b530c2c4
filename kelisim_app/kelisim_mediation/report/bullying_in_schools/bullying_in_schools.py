# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

"""Bullying in Schools: the mediation cases of bullying at school per region and ground (ethnic, religious,
gender, other): how many were received in the period, how many are resolved, how many a Mothers' Council or
a Council of Public Consent co-handled, and in how many schools. Counts only; a KGU user counts his region
(`report_regions`)."""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import getdate

from kelisim_app.kelisim_core.localization import region_names
from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.kelisim_mediation import rules
from kelisim_app.utils.read_only import replica_read

CASE = "KLS Mediation Case"
COUNTS = ("cases", "resolved", "open", "mothers_council", "public_consent", "schools")


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters, frappe.session.user)


def get_columns() -> list[dict]:
	labels = {
		"cases": _("Cases"),
		"resolved": _("Resolved"),
		"open": _("Open"),
		"mothers_council": _("Co-handled by a Mothers' Council"),
		"public_consent": _("Co-handled by a Council of Public Consent"),
		"schools": _("Schools"),
	}
	return [
		{"fieldname": "region", "label": _("Region"), "fieldtype": "Link", "options": "KLS Region"},
		{"fieldname": "region_name", "label": _("Region name"), "fieldtype": "Data", "width": 200},
		{"fieldname": "ground", "label": _("Ground of the bullying"), "fieldtype": "Data", "width": 140},
		*({"fieldname": k, "label": labels[k], "fieldtype": "Int", "width": 130} for k in COUNTS),
	]


def fetch(filters, user: str) -> list:
	case, council = DocType(CASE), DocType("KLS Public Structure")
	query = (
		frappe.qb.from_(case)
		.left_join(council)
		.on(council.name == case.co_handler)
		.select(case.region, case.bullying_ground, case.workflow_state, case.school, council.structure_kind)
		.where(case.is_bullying == 1)
	)
	regions = report_regions(user, CASE)
	if regions is not None:
		query = query.where(case.region.isin(regions))
	if filters.get("region"):
		query = query.where(case.region == filters.region)
	if filters.get("from_date"):
		query = query.where(case.received_on >= getdate(filters.from_date))
	if filters.get("to_date"):
		query = query.where(case.received_on <= getdate(filters.to_date))
	return query.run(as_dict=True)


def get_data(filters: frappe._dict, user: str) -> list[dict]:
	rows: dict[tuple, dict] = defaultdict(lambda: {k: 0 for k in COUNTS} | {"_schools": set()})
	for c in fetch(filters, user):
		row = rows[(c.region, c.bullying_ground or "Other")]
		row["cases"] += 1
		row["resolved" if c.workflow_state in rules.RESOLVED_STATES else "open"] += 1
		row["mothers_council"] += c.structure_kind == rules.MOTHERS_COUNCIL
		row["public_consent"] += c.structure_kind == rules.COUNCIL_OF_PUBLIC_CONSENT
		row["_schools"].add(" ".join((c.school or "").lower().split()))
	names = region_names({region for region, _g in rows})
	order = {g: i for i, g in enumerate(rules.BULLYING_GROUNDS)}
	return [
		{
			"region": region,
			"region_name": names.get(region, region),
			"ground": _(ground),
			**{k: counts[k] for k in COUNTS if k != "schools"},
			"schools": len(counts["_schools"]),
		}
		for (region, ground), counts in sorted(
			rows.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 9))
		)
	]
