# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Ethnic Group Reach: per ethnic group, how many people of the registry, ethnocultural associations
(accredited among them), ethnic media outlets, case parties and interethnic mediation cases it counts, and the
materials collected about it for base project 3 (published ones).

Counts only, no names. Every count is a grouped `frappe.qb` query confined to what the user may see: the
registry's structure scope (`report.scope`), and `report_regions` for persons, cases and materials. A region
filter narrows every count; the dates narrow the cases (received on)."""

from __future__ import annotations

from collections import Counter

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import getdate

from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.kelisim_registry.report.scope import apply_scope, localized_name
from kelisim_app.utils.read_only import replica_read

GROUP = "KLS Ethnic Group"
ECO = "Ethnocultural Association"
ETHNIC_MEDIA = "Ethnic Media Outlet"
DISSOLVED = "Dissolved"
COUNTS = (
	"persons",
	"associations",
	"accredited",
	"media_outlets",
	"case_parties",
	"interethnic_cases",
	"materials",
)


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters, frappe.session.user)


def get_columns() -> list[dict]:
	labels = {
		"persons": _("People in the registry"),
		"associations": _("Ethnocultural associations"),
		"accredited": _("Accredited associations"),
		"media_outlets": _("Ethnic media outlets"),
		"case_parties": _("Parties to mediation cases"),
		"interethnic_cases": _("Interethnic cases"),
		"materials": _("Published ethnocultural materials"),
	}
	return [
		{"fieldname": "ethnic_group", "label": _("Ethnic group"), "fieldtype": "Link", "options": GROUP},
		{"fieldname": "group_name", "label": _("Name"), "fieldtype": "Data", "width": 180},
		*({"fieldname": k, "label": labels[k], "fieldtype": "Int", "width": 130} for k in COUNTS),
	]


def _regions(user: str, doctype: str, region: str | None):
	"""The regions a count over `doctype` may include (None: no limit), narrowed by the filter."""
	allowed = report_regions(user, doctype)
	if region:
		return [region] if allowed is None or region in allowed else []
	return allowed


def _grouped(query, key) -> Counter:
	return Counter({row[0]: row[1] for row in query.groupby(key).run() if row[0]})


def persons(filters, user: str) -> Counter:
	p = DocType("KLS Person")
	query = frappe.qb.from_(p).select(p.ethnic_group, Count("*"))
	regions = _regions(user, "KLS Person", filters.get("region"))
	if regions is not None:
		query = query.where(p.region.isin(regions or [""]))
	return _grouped(query, p.ethnic_group)


def structures(filters, user: str, kind: str, accredited_only: bool = False) -> Counter:
	s = DocType("KLS Public Structure")
	query = (
		frappe.qb.from_(s)
		.select(s.ethnic_group, Count("*"))
		.where((s.structure_kind == kind) & (s.status != DISSOLVED))
	)
	if accredited_only:
		query = query.where(s.is_accredited == 1)
	if filters.get("region"):
		query = query.where(s.region == filters.region)
	return _grouped(apply_scope(query, s, user), s.ethnic_group)


def _cases_query(filters, user: str):
	case, party = DocType("KLS Mediation Case"), DocType("KLS Case Party")
	query = (
		frappe.qb.from_(party)
		.join(case)
		.on((case.name == party.parent) & (party.parenttype == "KLS Mediation Case"))
	)
	regions = _regions(user, "KLS Mediation Case", filters.get("region"))
	if regions is not None:
		query = query.where(case.region.isin(regions or [""]))
	if filters.get("from_date"):
		query = query.where(case.received_on >= getdate(filters.from_date))
	if filters.get("to_date"):
		query = query.where(case.received_on <= getdate(filters.to_date))
	return query, case, party


def case_parties(filters, user: str) -> Counter:
	query, _case, party = _cases_query(filters, user)
	return _grouped(query.select(party.ethnic_group, Count("*")), party.ethnic_group)


def interethnic_cases(filters, user: str) -> Counter:
	query, case, party = _cases_query(filters, user)
	query = query.select(party.ethnic_group, Count(case.name).distinct()).where(case.is_interethnic == 1)
	return _grouped(query, party.ethnic_group)


def materials(filters, user: str) -> Counter:
	m = DocType("KLS Ethnocultural Material")
	query = frappe.qb.from_(m).select(m.ethnic_group, Count("*")).where(m.workflow_state == "Published")
	regions = _regions(user, "KLS Ethnocultural Material", filters.get("region"))
	if regions is not None:
		query = query.where(m.region.isin(regions or [""]))
	return _grouped(query, m.ethnic_group)


def get_data(filters: frappe._dict, user: str) -> list[dict]:
	counts = {
		"persons": persons(filters, user),
		"associations": structures(filters, user, ECO),
		"accredited": structures(filters, user, ECO, accredited_only=True),
		"media_outlets": structures(filters, user, ETHNIC_MEDIA),
		"case_parties": case_parties(filters, user),
		"interethnic_cases": interethnic_cases(filters, user),
		"materials": materials(filters, user),
	}
	groups = frappe.get_all(
		GROUP, fields=["name", "group_name", "group_name_kk", "group_name_ru"], order_by="group_name asc"
	)
	return [
		{
			"ethnic_group": g.name,
			"group_name": localized_name(g.group_name, g.group_name_kk, g.group_name_ru),
			**{key: counts[key][g.name] for key in COUNTS},
		}
		for g in groups
	]
