# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

"""Partner Referrals: per region and kind of partner, how many active partners there are, how many cases and
consultations were referred to them in the period, and how the partners answered. Counts only, no names of
parties. Every count is confined to the user's regions (`report_regions`); a partner without a region
(republican) counts under "Republican level"."""

from __future__ import annotations

from collections import Counter

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import getdate

from kelisim_app.kelisim_core.localization import region_names
from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.kelisim_mediation import rules
from kelisim_app.utils.read_only import replica_read

PARTNER = "KLS Partner"
SOURCES = (("KLS Mediation Case", "from_cases"), ("KLS Consultation", "from_consultations"))
STATUS_KEYS = {
	rules.REFERRAL_AWAITING: "awaiting",
	rules.REFERRAL_ACCEPTED: "accepted",
	rules.REFERRAL_DECLINED: "declined",
	rules.REFERRAL_HELPED: "helped",
}
COUNTS = ("partners", "referrals", "from_cases", "from_consultations", *STATUS_KEYS.values())


@replica_read
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters, frappe.session.user)


def get_columns() -> list[dict]:
	labels = {
		"partners": _("Active partners"),
		"referrals": _("Referrals"),
		"from_cases": _("From mediation cases"),
		"from_consultations": _("From consultations"),
		"awaiting": _("Awaiting answer"),
		"accepted": _("Accepted"),
		"declined": _("Declined"),
		"helped": _("Help provided"),
	}
	return [
		{"fieldname": "region", "label": _("Region"), "fieldtype": "Link", "options": "KLS Region"},
		{"fieldname": "region_name", "label": _("Region name"), "fieldtype": "Data", "width": 200},
		{"fieldname": "partner_type", "label": _("Kind of partner"), "fieldtype": "Data", "width": 150},
		*({"fieldname": k, "label": labels[k], "fieldtype": "Int", "width": 120} for k in COUNTS),
	]


def _regions(user: str, doctype: str, region: str | None):
	allowed = report_regions(user, doctype)
	if region:
		return [region] if allowed is None or region in allowed else []
	return allowed


def referral_rows(filters, user: str) -> list[tuple]:
	"""(partner's region, kind, source key, answer) of every referral the user may count."""
	out = []
	partner, ref = DocType(PARTNER), DocType("KLS Referral")
	for doctype, key in SOURCES:
		parent = DocType(doctype)
		query = (
			frappe.qb.from_(ref)
			.join(parent)
			.on((parent.name == ref.parent) & (ref.parenttype == doctype))
			.join(partner)
			.on(partner.name == ref.partner)
			.select(parent.region, partner.partner_type, ref.status)
		)
		regions = _regions(user, doctype, filters.get("region"))
		if regions is not None:
			query = query.where(parent.region.isin(regions or [""]))
		if filters.get("from_date"):
			query = query.where(ref.referred_on >= getdate(filters.from_date))
		if filters.get("to_date"):
			query = query.where(ref.referred_on <= getdate(filters.to_date))
		out += [(region, kind, key, status) for region, kind, status in query.run()]
	return out


def partner_counts(filters, user: str) -> Counter:
	p = DocType(PARTNER)
	query = (
		frappe.qb.from_(p)
		.select(p.region, p.partner_type, Count("*"))
		.where(p.is_active == 1)
		.groupby(p.region, p.partner_type)
	)
	regions = _regions(user, PARTNER, filters.get("region"))
	if regions is not None:
		query = query.where(p.region.isin(regions or [""]))
	return Counter({(region or "", kind): n for region, kind, n in query.run()})


def get_data(filters: frappe._dict, user: str) -> list[dict]:
	rows: dict[tuple, Counter] = {}
	for key, n in partner_counts(filters, user).items():
		rows.setdefault(key, Counter())["partners"] += n
	for region, kind, source, status in referral_rows(filters, user):
		row = rows.setdefault((region or "", kind), Counter())
		row["referrals"] += 1
		row[source] += 1
		row[STATUS_KEYS.get(status, "awaiting")] += 1
	names = region_names({r for r, _k in rows if r})
	return [
		{
			"region": region or None,
			"region_name": names.get(region, region) if region else _("Republican level (no region)"),
			"partner_type": _(kind),
			**{k: counts[k] for k in COUNTS},
		}
		for (region, kind), counts in sorted(rows.items())
	]
