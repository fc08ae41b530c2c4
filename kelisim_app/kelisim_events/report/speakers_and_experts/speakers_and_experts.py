# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Speakers and Experts: the pool of people the offices invite to speak, blog and advise (KLS Person marked
speaker, blogger or expert), with their languages, the topics they spoke on and how often they took part.

* topics: the distinct topics of the person's rows in the speakers table of events (KLS Event Speaker);
* events: the number of events whose speakers table names the person (any workflow state);
* publications: the number of media publications whose people table names the person (any role).

The counts are the person's whole record, wherever the event or publication took place.

Scope: a KGU user sees the people of his own region only — people with no region recorded are left out for
him (they belong to no KGU; the RGU sees them); a region filter is AND-ed with that. RGU, observers and
administrators see everyone. `report_regions` applies it, since frappe.qb bypasses User Permissions.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import cint
from pypika.terms import Criterion

from kelisim_app.kelisim_core.localization import localized_name
from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.utils.read_only import replica_read

PERSON = "KLS Person"
ROLE_FLAGS = {"Speaker": "is_speaker", "Blogger": "is_blogger", "Expert": "is_expert"}


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, get_message(), None, get_summary(data)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "person", "label": _("Person"), "fieldtype": "Link", "options": PERSON, "width": 110},
		{"fieldname": "full_name", "label": _("Name"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "region",
			"label": _("Region"),
			"fieldtype": "Link",
			"options": "KLS Region",
			"width": 90,
		},
		{"fieldname": "region_name", "label": _("Region name"), "fieldtype": "Data", "width": 170},
		{"fieldname": "roles", "label": _("Roles"), "fieldtype": "Data", "width": 170},
		{"fieldname": "languages", "label": _("Languages"), "fieldtype": "Data", "width": 170},
		{"fieldname": "topics", "label": _("Topics"), "fieldtype": "Data", "width": 250},
		{"fieldname": "events", "label": _("Events as speaker"), "fieldtype": "Int", "width": 130},
		{"fieldname": "publications", "label": _("Publications"), "fieldtype": "Int", "width": 110},
	]


def people(filters: frappe._dict, user: str | None = None) -> list[frappe._dict]:
	p = DocType(PERSON)
	r = DocType("KLS Region")
	query = (
		frappe.qb.from_(p)
		.left_join(r)
		.on(r.name == p.region)
		.select(
			p.name,
			p.full_name,
			p.region,
			p.languages,
			p.is_speaker,
			p.is_blogger,
			p.is_expert,
			r.region_name,
			r.region_name_kk,
			r.region_name_ru,
		)
		.where(Criterion.any([p[flag] == 1 for flag in ROLE_FLAGS.values()]))
		.orderby(p.full_name)
		.orderby(p.name)
	)
	if filters.get("role") in ROLE_FLAGS:
		query = query.where(p[ROLE_FLAGS[filters.role]] == 1)
	if filters.get("region"):
		query = query.where(p.region == filters.region)
	if language := (filters.get("language") or "").strip():
		query = query.where(p.languages.like(f"%{escape_like(language)}%"))
	regions = report_regions(user or frappe.session.user, PERSON)
	if regions is not None:
		query = query.where(p.region.isin(regions or [""]))
	return query.run(as_dict=True)


def escape_like(text: str) -> str:
	return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def participation(child: str, parenttype: str, names: list[str]) -> dict[str, int]:
	"""{person: number of distinct parent records} over the child table `child` of `parenttype`."""
	c = DocType(child)
	rows = (
		frappe.qb.from_(c)
		.select(c.person, Count(c.parent).distinct().as_("n"))
		.where((c.parenttype == parenttype) & c.person.isin(names))
		.groupby(c.person)
	).run(as_dict=True)
	return {row.person: cint(row.n) for row in rows}


def topics_of(names: list[str]) -> dict[str, list[str]]:
	s = DocType("KLS Event Speaker")
	rows = (
		frappe.qb.from_(s)
		.select(s.person, s.topic)
		.distinct()
		.where((s.parenttype == "KLS Event") & s.person.isin(names) & s.topic.isnotnull() & (s.topic != ""))
	).run(as_dict=True)
	out: dict[str, dict[str, str]] = defaultdict(dict)
	for row in rows:
		topic = " ".join(row.topic.split())
		out[row.person].setdefault(topic.casefold(), topic)  # the same topic typed twice counts once
	return {person: sorted(topics.values(), key=str.casefold) for person, topics in out.items()}


def get_data(filters: frappe._dict, user: str | None = None) -> list[dict]:
	found = people(filters, user)
	names = [row.name for row in found]
	if not names:
		return []
	events = participation("KLS Event Speaker", "KLS Event", names)
	publications = participation("KLS Publication Person", "KLS Media Publication", names)
	topics = topics_of(names)
	data = []
	for row in found:
		data.append(
			{
				"person": row.name,
				"full_name": row.full_name,
				"region": row.region,
				"region_name": localized_name(row.region_name, row.region_name_kk, row.region_name_ru)
				if row.region
				else "",
				"roles": ", ".join(_(role) for role, flag in ROLE_FLAGS.items() if cint(row[flag])),
				"languages": ", ".join(split_languages(row.languages)),
				"topics": "; ".join(topics.get(row.name, [])),
				"events": events.get(row.name, 0),
				"publications": publications.get(row.name, 0),
			}
		)
	return data


def split_languages(text: str | None) -> list[str]:
	"""KLS Person.languages is free text: one language a line, or separated by commas or semicolons."""
	parts = (text or "").replace(";", ",").replace("\n", ",").split(",")
	return [p.strip() for p in parts if p.strip()]


def get_message() -> str:
	return _(
		"People marked as speaker, blogger or expert. Topics: what they spoke on at events. Events: events "
		"that list them as speaker. Publications: media publications that name them. A regional office sees "
		"the people of its region only."
	)


def get_summary(data: list[dict]) -> list[dict]:
	return [
		{"value": len(data), "label": _("People"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": sum(1 for row in data if row["events"]),
			"label": _("Spoke at events"),
			"datatype": "Int",
			"indicator": "Green",
		},
		{
			"value": sum(1 for row in data if row["publications"]),
			"label": _("Appeared in publications"),
			"datatype": "Int",
			"indicator": "Green",
		},
	]
