"""Personal data retention of mediation cases (Kazakhstan's law on personal data: keep it no longer than the
purpose needs).

A case in the workflow state "Closed" whose closing date (`closed_on`, else `resolved_on`) is at least
`KLS Mediation Settings.retention_days` days (default 1095, three years; 0 keeps the data without limit)
before the day of the run is anonymised once:

* its parties (KLS Case Party rows) lose their name (replaced by a marker), phone, e-mail and the link to the
  person registry; their number, roles and the minor flags stay;
* the narrative, the agreement terms, the outcome notes and the risk justification are replaced by the marker
  (fields that were empty stay empty);
* the public appeal it came from loses the applicant's name, phone, e-mail, text and IP address;
* the Version history of the case and of the appeal (it holds the old values) is deleted;
* `anonymised_on` is set and an Info comment records the run.

Category, region, district, channel, risk, dates, outcome, mediator and handling structure stay, so the
statistics (Mediation Statistics, activity of structures) do not change. Everything is done with bulk
UPDATEs on the cases found; a case with `anonymised_on` set is never touched again (idempotent).
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import IfNull
from frappe.utils import add_days, cint, getdate, now, today

from kelisim_app.kelisim_mediation import rules

CASE = "KLS Mediation Case"
PARTY = "KLS Case Party"
APPEAL = "KLS Mediation Appeal"
SETTINGS = "KLS Mediation Settings"
DEFAULT_RETENTION_DAYS = 1095
MARKER = "[anonymised]"  # stored data, not a message: the same in every language
BATCH = 500
COMMENT_FIELDS = (
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"comment_type",
	"reference_doctype",
	"reference_name",
	"comment_email",
	"content",
)

CASE_TEXT_FIELDS = ("narrative", "agreement_terms", "outcome_notes", "risk_justification")
APPEAL_TEXT_FIELDS = ("applicant_name", "description")
APPEAL_CLEARED_FIELDS = ("phone", "email", "ip_address")


def retention_days() -> int:
	value = frappe.get_cached_doc(SETTINGS).get("retention_days")  # a never-saved single has None
	return DEFAULT_RETENTION_DAYS if value is None else max(cint(value), 0)


def due_cases(on: date, days: int) -> list[str]:
	case = DocType(CASE)
	cutoff = add_days(on, -days)
	return (
		frappe.qb.from_(case)
		.select(case.name)
		.where(case.workflow_state == rules.STATE_CLOSED)
		.where(case.anonymised_on.isnull())
		.where(IfNull(case.closed_on, case.resolved_on).isnotnull())
		.where(IfNull(case.closed_on, case.resolved_on) <= cutoff)
		.orderby(case.name)
		.run(pluck=True)
	)


def _replace_text(table, fields: tuple[str, ...], query):
	"""SET field = marker where it had text, for each field."""
	for field in fields:
		column = table[field]
		query = query.set(column, Case().when(IfNull(column, "") == "", column).else_(MARKER))
	return query


def anonymise_batch(names: list[str], on: date, days: int) -> dict[str, int]:
	case, party, appeal = DocType(CASE), DocType(PARTY), DocType(APPEAL)
	parties = frappe.db.count(PARTY, {"parenttype": CASE, "parent": ("in", names)})
	appeals = list(
		set(frappe.get_all(APPEAL, filters={"case": ("in", names)}, pluck="name"))
		| set(frappe.get_all(CASE, filters={"name": ("in", names), "appeal": ("is", "set")}, pluck="appeal"))
	)

	(
		frappe.qb.update(party)
		.set(party.party_name, MARKER)
		.set(party.phone, None)
		.set(party.email, None)
		.set(party.person, None)
		.where(party.parenttype == CASE)
		.where(party.parent.isin(names))
	).run()

	query = frappe.qb.update(case).set(case.anonymised_on, on).where(case.name.isin(names))
	_replace_text(case, CASE_TEXT_FIELDS, query).run()

	if appeals:
		query = frappe.qb.update(appeal).where(appeal.name.isin(appeals))
		for field in APPEAL_CLEARED_FIELDS:
			query = query.set(appeal[field], None)
		_replace_text(appeal, APPEAL_TEXT_FIELDS, query).run()

	version = DocType("Version")
	frappe.qb.from_(version).delete().where(version.ref_doctype == CASE).where(
		version.docname.isin(names)
	).run()
	if appeals:
		frappe.qb.from_(version).delete().where(version.ref_doctype == APPEAL).where(
			version.docname.isin(appeals)
		).run()

	stamp, user = now(), frappe.session.user
	content = _("Personal data of the parties anonymised: the case was closed more than {0} days ago").format(
		days
	)
	frappe.db.bulk_insert(
		"Comment",
		COMMENT_FIELDS,
		[
			(frappe.generate_hash(length=10), stamp, stamp, user, user, "Info", CASE, name, user, content)
			for name in names
		],
	)
	for name in names:
		frappe.clear_document_cache(CASE, name)
	return {"cases": len(names), "parties": parties, "appeals": len(appeals)}


def anonymise_closed_cases(on: date | str | None = None) -> dict:
	"""Anonymise the cases closed at least `retention_days` before `on` (today by default)."""
	on = getdate(on or today())
	days = retention_days()
	totals = {"cases": 0, "parties": 0, "appeals": 0, "retention_days": days, "on": str(on)}
	if not days:
		return totals
	names = due_cases(on, days)
	for start in range(0, len(names), BATCH):
		counts = anonymise_batch(names[start : start + BATCH], on, days)
		for key, value in counts.items():
			totals[key] += value
	return totals


def daily() -> None:
	"""Scheduler (daily): anonymise the cases whose retention period has ended."""
	anonymise_closed_cases()
