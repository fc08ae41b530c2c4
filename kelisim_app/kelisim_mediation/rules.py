"""Rules of mediation cases: the status chain, parties, dates, assignment, SLA and escalation, public appeals.

Pure: no Frappe at module level (layer-1 tests import it).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kelisim_app.exceptions import fail
from kelisim_app.kelisim_mediation.exceptions import (
	AppealError,
	MediationCaseError,
	MediationSettingsError,
	MediatorAssignmentError,
	ReferralError,
)
from kelisim_app.kelisim_registry.mediators import MEDIATION_KINDS, check_mediation_structure
from kelisim_app.utils.i18n import _

# ---------------------------------------------------------------------------------------------- vocabulary
CATEGORIES = (
	"Household",
	"Neighbours",
	"Economic",
	"Land",
	"Labour",
	"Family",
	"School / children",
	"Discrimination",
	"Interethnic tension",
	"Other",
)
CHANNELS = (
	"Walk-in",
	"Phone",
	"Online form",
	"Referral from school",
	"Referral from police",
	"Referral from local authority",
	"Referral from court",
)
ROLE_APPLICANT = "Applicant"
ROLE_OTHER_PARTY = "Other party"
ROLE_REPRESENTATIVE = "Representative"
ROLE_GUARDIAN = "Legal guardian"
PARTY_ROLES = (ROLE_APPLICANT, ROLE_OTHER_PARTY, ROLE_REPRESENTATIVE, ROLE_GUARDIAN)

RISK_LOW, RISK_MEDIUM, RISK_HIGH = "Low", "Medium", "High"
RISKS = (RISK_LOW, RISK_MEDIUM, RISK_HIGH)

STATE_REGISTERED = "Registered"
STATE_ASSIGNED = "Assigned"
STATE_IN_MEDIATION = "In mediation"
STATE_AGREEMENT = "Agreement reached"
STATE_NO_AGREEMENT = "No agreement"
STATE_REFERRED = "Referred elsewhere"
STATE_WITHDRAWN = "Withdrawn"
STATE_CLOSED = "Closed"
STATES = (
	STATE_REGISTERED,
	STATE_ASSIGNED,
	STATE_IN_MEDIATION,
	STATE_AGREEMENT,
	STATE_NO_AGREEMENT,
	STATE_REFERRED,
	STATE_WITHDRAWN,
	STATE_CLOSED,
)
OPEN_STATES = (STATE_REGISTERED, STATE_ASSIGNED, STATE_IN_MEDIATION)  # the SLA clock runs
WORKING_STATES = (STATE_ASSIGNED, STATE_IN_MEDIATION)  # a mediator's load
OUTCOME_STATES = (STATE_AGREEMENT, STATE_NO_AGREEMENT, STATE_REFERRED, STATE_WITHDRAWN)
RESOLVED_STATES = (*OUTCOME_STATES, STATE_CLOSED)

# Valid moves of the status chain (the workflow JSON carries the same; the controller checks them too,
# so a direct write of workflow_state cannot skip a step).
TRANSITIONS: dict[str, frozenset[str]] = {
	STATE_REGISTERED: frozenset({STATE_ASSIGNED, STATE_REFERRED, STATE_WITHDRAWN}),
	STATE_ASSIGNED: frozenset({STATE_IN_MEDIATION, STATE_REFERRED, STATE_WITHDRAWN}),
	STATE_IN_MEDIATION: frozenset({STATE_AGREEMENT, STATE_NO_AGREEMENT, STATE_REFERRED, STATE_WITHDRAWN}),
	STATE_AGREEMENT: frozenset({STATE_CLOSED}),
	STATE_NO_AGREEMENT: frozenset({STATE_CLOSED}),
	STATE_REFERRED: frozenset({STATE_CLOSED}),
	STATE_WITHDRAWN: frozenset({STATE_CLOSED}),
	STATE_CLOSED: frozenset(),
}

# escalation levels, in order
LEVEL_MEDIATOR = "Mediator"
LEVEL_KGU = "KGU Head"
LEVEL_RGU = "RGU Coordinator"
LEVELS = ("", LEVEL_MEDIATOR, LEVEL_KGU, LEVEL_RGU)

MOTHERS_COUNCIL = "Mothers' Council"
COUNCIL_OF_PUBLIC_CONSENT = "Council of Public Consent"
HANDLING_KINDS = (*MEDIATION_KINDS, COUNCIL_OF_PUBLIC_CONSENT)
CO_HANDLING_KINDS = (MOTHERS_COUNCIL, COUNCIL_OF_PUBLIC_CONSENT)
ASSIGNABLE_CERTIFICATIONS = ("Valid", "Expiring")
ACTIVE_MEDIATOR = "Active"

DEFAULT_SLA_DAYS = 30
DEFAULT_APPROACH_DAYS = 3
DEFAULT_RGU_EXTRA_DAYS = 5

APPEAL_TEXT_LIMIT = 5000
APPEAL_NAME_LIMIT = 140
APPEALS_PER_HOUR = 5
STATUS_CHECKS_PER_HOUR = 20


@dataclass(frozen=True)
class Party:
	name: str
	role: str
	is_minor: bool = False
	ethnic_group: str = ""


# ---------------------------------------------------------------------------------------------- case rules
def check_transition(previous: str | None, state: str) -> None:
	"""A new case starts Registered; an existing one moves only along the chain."""
	if state not in STATES:
		fail(_("Unknown status {0}").format(state), MediationCaseError)
	if previous is None:
		if state != STATE_REGISTERED:
			fail(_("A new mediation case starts as Registered"), MediationCaseError)
		return
	if previous == state:
		return
	if state not in TRANSITIONS.get(previous, frozenset()):
		fail(
			_("A mediation case cannot move from {0} to {1}").format(_(previous), _(state)),
			MediationCaseError,
		)


def check_risk(risk: str | None, justification: str | None) -> None:
	if risk and risk not in RISKS:
		fail(_("Unknown escalation risk {0}").format(risk), MediationCaseError)
	if risk == RISK_HIGH and not (justification or "").strip():
		fail(_("Explain why the interethnic escalation risk is high"), MediationCaseError)


def minors_involved(flag: bool, parties: Iterable[Party]) -> bool:
	return bool(flag) or any(p.is_minor for p in parties)


def check_parties(parties: Sequence[Party], minors: bool) -> None:
	"""Every party has a name and a known role; a case with minors needs an adult legal guardian among
	the parties."""
	for idx, party in enumerate(parties, start=1):
		if not (party.name or "").strip():
			fail(_("Party {0} has no name").format(idx), MediationCaseError)
		if party.role not in PARTY_ROLES:
			fail(_("Party {0} has an unknown role {1}").format(party.name, party.role), MediationCaseError)
	if minors and not any(p.role == ROLE_GUARDIAN and not p.is_minor for p in parties):
		fail(
			_("A minor is involved: add his legal guardian to the parties"),
			MediationCaseError,
		)


def is_interethnic(parties: Iterable[Party]) -> bool:
	"""A case is interethnic when its parties themselves (not their representatives) belong to two or more
	recorded ethnic groups; a party whose group is not recorded counts for none."""
	groups = {p.ethnic_group for p in parties if p.ethnic_group and p.role != ROLE_REPRESENTATIVE}
	return len(groups) >= 2


# ---------------------------------------------------------------------------------------------- referrals
REFERRAL_AWAITING = "Awaiting answer"
REFERRAL_ACCEPTED = "Accepted"
REFERRAL_DECLINED = "Declined"
REFERRAL_HELPED = "Help provided"
REFERRAL_STATUSES = (REFERRAL_AWAITING, REFERRAL_ACCEPTED, REFERRAL_DECLINED, REFERRAL_HELPED)


@dataclass(frozen=True)
class Referral:
	partner: str
	partner_region: str | None
	referred_on: date | None
	status: str
	answered_on: date | None = None


def check_referrals(
	referrals: Sequence[Referral], region: str | None, start: date | None, today: date
) -> None:
	"""Each referral names a partner of the record's region (or one of republican standing), is dated between
	the record's own date `start` and today, and an answer carries the date it came (not before the referral)."""
	for idx, ref in enumerate(referrals, start=1):
		if ref.status not in REFERRAL_STATUSES:
			fail(_("Referral {0}: unknown answer {1}").format(idx, ref.status), ReferralError)
		if ref.partner_region and region and ref.partner_region != region:
			fail(_("Referral {0}: {1} works in another region").format(idx, ref.partner), ReferralError)
		if not ref.referred_on:
			fail(_("Referral {0}: enter the date of the referral").format(idx), ReferralError)
		if ref.referred_on > today or (start and ref.referred_on < start):
			fail(
				_("Referral {0}: the referral date lies outside the record's dates").format(idx),
				ReferralError,
			)
		if ref.status == REFERRAL_AWAITING:
			if ref.answered_on:
				fail(_("Referral {0}: an answer date needs the answer").format(idx), ReferralError)
			continue
		if not ref.answered_on:
			fail(_("Referral {0}: enter the date the partner answered").format(idx), ReferralError)
		if ref.answered_on < ref.referred_on or ref.answered_on > today:
			fail(
				_("Referral {0}: the answer date lies before the referral or in the future").format(idx),
				ReferralError,
			)


def check_co_handler(
	co_handler: str | None, kind: str | None, minors: bool, handling_structure: str | None = None
) -> None:
	"""A council helps settle a case beside the structure handling it: a Council of Public Consent any case,
	a Mothers' Council a case that involves minors; nothing else co-handles."""
	if not co_handler:
		return
	if co_handler == handling_structure:
		fail(_("The co-handling council cannot be the structure handling the case"), MediationCaseError)
	if kind == COUNCIL_OF_PUBLIC_CONSENT:
		return
	if kind != MOTHERS_COUNCIL:
		fail(
			_("{0} is neither a Mothers' Council nor a Council of Public Consent").format(co_handler),
			MediationCaseError,
		)
	if not minors:
		fail(
			_("A co-handling Mothers' Council is attached only when minors are involved"), MediationCaseError
		)


def check_handling_structure(
	structure: str | None, kind: str | None, structure_region: str | None, region: str | None
) -> None:
	"""The structure handling a case: a mediation council, platform or office, or a Council of Public Consent
	(the concept gives them a mediating role), of the case's region (a republican one fits every region)."""
	if kind == COUNCIL_OF_PUBLIC_CONSENT:
		if structure_region and region and structure_region != region:
			fail(
				_("{0} works in region {1}, not in the case's region {2}").format(
					structure, structure_region, region
				),
				MediationCaseError,
			)
		return
	check_mediation_structure(
		structure,
		kind,
		structure_region,
		region,
		MediationCaseError,
		_("{0} works in region {1}, not in the case's region {2}"),
	)


def check_council_changes(before: dict, after: dict, fields: Iterable[str], editable: Iterable[str]) -> None:
	"""A co-handling council's secretary changes only the `editable` fields among `fields` of a case."""
	allowed = set(editable)
	changed = [f for f in fields if f not in allowed and (before.get(f) or None) != (after.get(f) or None)]
	if changed:
		fail(
			_("A council's secretary records only what the council did; other fields are the mediator's"),
			MediationCaseError,
		)


BULLYING_GROUNDS = ("Ethnic", "Religious", "Gender-based", "Other")


def check_bullying(is_bullying: bool, minors: bool, ground: str | None, school: str | None) -> None:
	"""Bullying at school is recorded on a case involving children, with its ground and the school."""
	if not is_bullying:
		return
	if not minors:
		fail(_("Bullying at school is recorded on a case involving children"), MediationCaseError)
	if ground not in BULLYING_GROUNDS:
		fail(_("Choose the ground of the bullying"), MediationCaseError)
	if not (school or "").strip():
		fail(_("Name the school where the bullying happened"), MediationCaseError)


def check_dates(
	received_on: date | None,
	today: date,
	assigned_on: date | None = None,
	resolved_on: date | None = None,
	closed_on: date | None = None,
	follow_up_on: date | None = None,
) -> None:
	"""received ≤ today; received ≤ assigned ≤ resolved ≤ closed ≤ follow-up check."""
	if not received_on:
		fail(_("Enter the date the case was received"), MediationCaseError)
	if received_on > today:
		fail(_("A case cannot be received in the future"), MediationCaseError)
	ordered = [
		(_("Received on"), received_on),
		(_("Assigned on"), assigned_on),
		(_("Resolved on"), resolved_on),
		(_("Closed on"), closed_on),
	]
	last_label, last = ordered[0]
	for label, value in ordered[1:]:
		if value is None:
			continue
		if value < last:
			fail(_("{0} cannot be before {1}").format(label, last_label), MediationCaseError)
		last_label, last = label, value
	if follow_up_on and follow_up_on < (closed_on or resolved_on or received_on):
		fail(_("The follow-up check cannot be before the case is resolved"), MediationCaseError)


def outcome_for(state: str) -> str | None:
	return state if state in OUTCOME_STATES else None


def check_outcome(state: str, outcome: str | None, terms: str | None, follow_up_on: date | None) -> None:
	"""'Agreement reached' needs its terms; a case closes only with an outcome, an agreement with a
	follow-up check date."""
	if state == STATE_AGREEMENT and not (terms or "").strip():
		fail(_("Enter the terms of the agreement"), MediationCaseError)
	if state == STATE_CLOSED:
		if not outcome:
			fail(_("A case cannot be closed without an outcome"), MediationCaseError)
		if outcome == STATE_AGREEMENT and not (terms or "").strip():
			fail(_("Enter the terms of the agreement"), MediationCaseError)
		if outcome == STATE_AGREEMENT and not follow_up_on:
			fail(_("Set the date to check that the agreement is kept"), MediationCaseError)


def check_state_needs_mediator(state: str, mediator: str | None) -> None:
	if state in (STATE_ASSIGNED, STATE_IN_MEDIATION, STATE_AGREEMENT, STATE_NO_AGREEMENT) and not mediator:
		fail(_("Assign a mediator first"), MediationCaseError)


# ---------------------------------------------------------------------------------------------- assignment
@dataclass(frozen=True)
class MediatorInfo:
	name: str
	region: str | None
	status: str | None
	certification_state: str | None
	specialisations: str | None = ""
	open_cases: int = 0


def parse_specialisations(text: str | None) -> set[str]:
	"""One category per line (commas and semicolons accepted too), compared case-insensitively."""
	return {s.strip().casefold() for s in re.split(r"[\n,;]+", text or "") if s.strip()}


def check_mediator(mediator: MediatorInfo, region: str | None) -> None:
	"""A mediator takes cases of his own region, while active and certified."""
	if mediator.region != region:
		fail(
			_("Mediator {0} works in region {1}, not in the case's region {2}").format(
				mediator.name, mediator.region or "-", region
			),
			MediatorAssignmentError,
		)
	if mediator.status and mediator.status != ACTIVE_MEDIATOR:
		fail(_("Mediator {0} is not active").format(mediator.name), MediatorAssignmentError)
	if mediator.certification_state not in ASSIGNABLE_CERTIFICATIONS:
		fail(
			_("Mediator {0} has no valid certification ({1})").format(
				mediator.name, _(mediator.certification_state or "Not certified")
			),
			MediatorAssignmentError,
		)


def choose_mediator(candidates: Iterable[MediatorInfo], region: str, category: str) -> MediatorInfo:
	"""The active, certified mediator of the region specialised in the category with the fewest open
	cases (ties: by name, so the choice is stable)."""
	wanted = (category or "").casefold()
	fitting = [
		m
		for m in candidates
		if m.region == region
		and (m.status or ACTIVE_MEDIATOR) == ACTIVE_MEDIATOR
		and m.certification_state in ASSIGNABLE_CERTIFICATIONS
		and wanted in parse_specialisations(m.specialisations)
	]
	if not fitting:
		fail(
			_("No certified mediator of region {0} specialises in {1}").format(region, _(category)),
			MediatorAssignmentError,
		)
	return min(fitting, key=lambda m: (m.open_cases, m.name))


# ---------------------------------------------------------------------------------------------- SLA, escalation
def check_sla_rows(rows: Iterable[tuple[str, int]], *periods: int) -> None:
	seen: set[str] = set()
	for category, days in rows:
		if category in seen:
			fail(_("Category {0} is listed twice").format(_(category)), MediationSettingsError)
		seen.add(category)
		if category not in CATEGORIES:
			fail(_("Unknown category {0}").format(category), MediationSettingsError)
		if not days or days <= 0:
			fail(_("The period for {0} must be at least one day").format(_(category)), MediationSettingsError)
	if any(p is None or p < 0 for p in periods):
		fail(_("Periods cannot be negative"), MediationSettingsError)


def check_default_sla(days: int | None) -> None:
	if not days or days <= 0:
		fail(_("The default period must be at least one day"), MediationSettingsError)


def sla_days(category: str | None, table: dict[str, int], default: int = DEFAULT_SLA_DAYS) -> int:
	return int(table.get(category or "") or default or DEFAULT_SLA_DAYS)


def due_date(received_on: date, days: int) -> date:
	return received_on + timedelta(days=days)


def escalation_level(
	due: date, today: date, risk: str | None, approach_days: int, rgu_extra_days: int
) -> str:
	"""The level an open case has reached today: due within `approach_days` → the mediator; overdue → the
	KGU Head; overdue by more than `rgu_extra_days`, or overdue at high risk → the RGU Coordinator."""
	days_left = (due - today).days
	if days_left < 0:
		if -days_left > rgu_extra_days or risk == RISK_HIGH:
			return LEVEL_RGU
		return LEVEL_KGU
	if days_left <= approach_days:
		return LEVEL_MEDIATOR
	return ""


def escalation_step(current: str | None, reached: str) -> str | None:
	"""The level to notify now, if `reached` is above what was already notified (each level once)."""
	if LEVELS.index(reached) > LEVELS.index(current or ""):
		return reached
	return None


# ---------------------------------------------------------------------------------------------- appeals
def check_appeal(
	applicant: str | None,
	phone: str | None,
	email: str | None,
	description: str | None,
	consent: bool,
	category: str | None,
) -> None:
	if not consent:
		fail(_("Give your consent to the processing of your personal data"), AppealError)
	if not (applicant or "").strip():
		fail(_("Enter your name"), AppealError)
	if len(applicant or "") > APPEAL_NAME_LIMIT:
		fail(_("The name is too long"), AppealError)
	if not (phone or "").strip() and not (email or "").strip():
		fail(_("Enter a phone number or an email address to be contacted"), AppealError)
	if category and category not in CATEGORIES:
		fail(_("Unknown category {0}").format(category), AppealError)
	text = (description or "").strip()
	if not text:
		fail(_("Describe the dispute"), AppealError)
	if len(text) > APPEAL_TEXT_LIMIT:
		fail(_("The description is too long: at most {0} characters").format(APPEAL_TEXT_LIMIT), AppealError)


def check_appeal_size(text: str | None) -> None:
	"""Refuse a huge body before cleaning it (markup may double the length of an acceptable text)."""
	if len(text or "") > 2 * APPEAL_TEXT_LIMIT:
		fail(_("The description is too long: at most {0} characters").format(APPEAL_TEXT_LIMIT), AppealError)


def check_appeal_rate(recent: int, limit: int = APPEALS_PER_HOUR) -> None:
	from kelisim_app.kelisim_mediation.exceptions import AppealRateLimitError

	if recent >= limit:
		fail(_("Too many appeals in a short time. Please try again in an hour."), AppealRateLimitError)


def normalise_phone(phone: str | None) -> str:
	"""Digits only, the Kazakh trunk prefix 8 read as +7: `8 (701) 123-45-67` = `+77011234567`."""
	digits = re.sub(r"\D", "", phone or "")
	if len(digits) == 11 and digits.startswith("8"):
		digits = "7" + digits[1:]
	return digits


def contact_matches(given: str | None, phone: str | None, email: str | None) -> bool:
	"""The contact a citizen types matches the appeal's phone or email."""
	given = (given or "").strip()
	if not given:
		return False
	if "@" in given:
		return bool(email) and given.casefold() == (email or "").strip().casefold()
	digits = normalise_phone(given)
	return len(digits) >= 6 and digits == normalise_phone(phone)


# ---------------------------------------------------------------------------------------------- history
REDACTED = "•••"


def redact_diff(diff: dict, confidential: Iterable[str]) -> dict:
	"""A change history entry (Frappe's Version diff) that keeps which confidential fields and rows changed,
	never what they held: every reader of a case, the Ministry Observer too, sees its history."""
	hidden = set(confidential)
	out = dict(diff)
	out["changed"] = [
		[field, REDACTED, REDACTED] if field in hidden else [field, old, new]
		for field, old, new in diff.get("changed") or []
	]
	for key in ("added", "removed"):
		out[key] = [
			[table, {"name": (row or {}).get("name"), "idx": (row or {}).get("idx")}]
			if table in hidden
			else [table, row]
			for table, row in diff.get(key) or []
		]
	out["row_changed"] = [
		[table, idx, name, [[field, REDACTED, REDACTED] for field, *_values in changes]]
		if table in hidden
		else [table, idx, name, changes]
		for table, idx, name, changes in diff.get("row_changed") or []
	]
	return out


# ---------------------------------------------------------------------------------------------- statistics
def median_days(durations: Iterable[int]) -> float | None:
	values = list(durations)
	return float(statistics.median(values)) if values else None


def resolution_rate(resolved: int, received: int) -> float:
	return round(100.0 * resolved / received, 1) if received else 0.0
