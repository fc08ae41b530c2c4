"""The referrals of a mediation case or consultation to partners (KLS Referral rows), checked by the rules."""

from __future__ import annotations

import frappe
from frappe.utils import getdate, today

from kelisim_app.kelisim_mediation import rules


def check_referrals(doc, start_field: str) -> None:
	"""Called by the parent's validate: the rows of `doc.referrals` against the rules."""
	rows = doc.get("referrals") or []
	if not rows:
		return
	partners = {r.partner for r in rows if r.partner}
	regions = dict(
		frappe.get_all(
			"KLS Partner", filters={"name": ["in", list(partners)]}, fields=["name", "region"], as_list=True
		)
	)
	start = doc.get(start_field)
	rules.check_referrals(
		[
			rules.Referral(
				partner=r.partner,
				partner_region=regions.get(r.partner),
				referred_on=getdate(r.referred_on) if r.referred_on else None,
				status=r.status or rules.REFERRAL_AWAITING,
				answered_on=getdate(r.answered_on) if r.answered_on else None,
			)
			for r in rows
		],
		doc.get("region"),
		getdate(start) if start else None,
		getdate(today()),
	)
