"""Rules of the registry of public structures: plain, typed functions, testable without a database."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from kelisim_app.exceptions import KelisimValidationError, RegionMismatchError, ShippedDataError, fail
from kelisim_app.kelisim_core.rules import check_district_region
from kelisim_app.utils.i18n import N_, _

KINDS_CSV = Path(__file__).parent / "data" / "structure_kinds.csv"

LEVEL_REPUBLICAN = "Republican"
STATUS_ACTIVE = "Active"
STATUS_DISSOLVED = "Dissolved"
ACTIVITY_ACTIVE = "Active"
ACTIVITY_INACTIVE = "Inactive"
DEFAULT_INACTIVITY_MONTHS = 6
LEVELS = ("Republican", "Oblast", "City", "District", "Rural")
# Kinds the concept confines to some levels (a House of Friendship is an oblast's or a district's)
KIND_LEVELS = {"House of Friendship": ("Oblast", "District")}


class StructureStatusError(KelisimValidationError):
	"""A dissolved structure takes no new members or events; a status change needs its date and reason."""


class StructureLevelError(KelisimValidationError):
	"""A structure's level is not one its kind can have."""


class StructureHierarchyError(KelisimValidationError):
	"""A structure's parent is of the wrong kind, or the structure itself."""


class MembershipError(KelisimValidationError):
	"""Membership dates out of order, or a second open membership of the same role."""


class AccreditationError(KelisimValidationError):
	"""Accreditation data incomplete or on a structure that cannot be accredited."""


@dataclass(frozen=True)
class KindRow:
	name_en: str
	name_ru: str
	name_kk: str
	parent_kind: str
	description: str


def parse_kinds(path: Path = KINDS_CSV) -> list[KindRow]:
	rows = []
	with open(path, encoding="utf-8", newline="") as f:
		for line_no, raw in enumerate(csv.DictReader(f), start=2):
			if not (raw.get("name_en") or "").strip():
				fail(_("Row {0} of the structure kinds file is malformed").format(line_no), ShippedDataError)
			rows.append(KindRow(*((raw.get(k) or "").strip() for k in KindRow.__dataclass_fields__)))
	names = {r.name_en for r in rows}
	for r in rows:
		if r.parent_kind and r.parent_kind not in names:
			fail(_("Structure kind {0} names an unknown parent kind").format(r.name_en), ShippedDataError)
	return rows


def check_territory(
	level: str, region: str | None, district: str | None, district_region: str | None
) -> None:
	"""A republican structure has no region; any other has one, and its district lies in it."""
	if level == LEVEL_REPUBLICAN:
		if region or district:
			fail(_("A republican structure has no region or district"), RegionMismatchError)
		return
	if not region:
		fail(_("A structure of level {0} needs a region").format(_(level)), RegionMismatchError)
	if district:
		check_district_region(district_region, region)


def check_kind_level(kind: str, level: str) -> None:
	"""A kind the concept confines to some levels is of one of them."""
	allowed = KIND_LEVELS.get(kind)
	if allowed and level not in allowed:
		fail(
			_("A {0} is of level {1}, not {2}").format(
				_(kind), " / ".join(_(a) for a in allowed), _(level) if level else "—"
			),
			StructureLevelError,
		)


def check_parent(
	name: str | None, kind: str, parent: str | None, parent_kind: str | None, expected_parent_kind: str | None
) -> None:
	if not parent:
		return
	if name and parent == name:
		fail(_("A structure cannot be its own parent"), StructureHierarchyError)
	if expected_parent_kind and parent_kind != expected_parent_kind:
		fail(
			_("A {0} belongs to a {1}, not to a {2}").format(
				_(kind), _(expected_parent_kind), _(parent_kind) if parent_kind else "—"
			),
			StructureHierarchyError,
		)


def check_status(status: str, status_date: date | None, reason: str | None, today: date) -> None:
	if status == STATUS_ACTIVE:
		return
	if not status_date or not (reason or "").strip():
		fail(_("Status {0} needs its date and reason").format(_(status)), StructureStatusError)
	if status_date > today:
		fail(_("The status date cannot be in the future"), StructureStatusError)


def check_accreditation(
	kind: str, is_accredited: bool, number: str | None, when: date | None, today: date
) -> None:
	if not is_accredited:
		return
	if kind != "Ethnocultural Association":
		fail(_("Only an ethnocultural association is accredited"), AccreditationError)
	if not (number or "").strip() or not when:
		fail(_("An accreditation needs its number and date"), AccreditationError)
	if when > today:
		fail(_("The accreditation date cannot be in the future"), AccreditationError)


def check_accepts_new_records(structure_status: str, structure_label: str) -> None:
	"""A dissolved structure takes no new members or events."""
	if structure_status == STATUS_DISSOLVED:
		fail(
			_("{0} is dissolved and takes no new members or events").format(structure_label),
			StructureStatusError,
		)


def months_before(day: date, months: int) -> date:
	"""The same day `months` earlier (the last day of a shorter month)."""
	month_index = day.year * 12 + day.month - 1 - months
	year, month = divmod(month_index, 12)
	month += 1
	for d in (day.day, 30, 29, 28):
		try:
			return date(year, month, d)
		except ValueError:
			continue
	raise AssertionError("unreachable")


def activity_status(
	last_activity: date | None, founded_on: date | None, today: date, months: int = DEFAULT_INACTIVITY_MONTHS
) -> str:
	"""Active when the structure proved activity (or was founded) within the last `months` months."""
	since = months_before(today, months)
	latest = max((d for d in (last_activity, founded_on) if d), default=None)
	return ACTIVITY_ACTIVE if latest and latest >= since else ACTIVITY_INACTIVE


# ------------------------------------------------------------------------------------------ memberships
@dataclass(frozen=True)
class Tenure:
	name: str
	role: str
	from_date: date
	to_date: date | None


def is_open(tenure_to: date | None, today: date) -> bool:
	return tenure_to is None or tenure_to >= today


def check_membership_dates(from_date: date, to_date: date | None) -> None:
	if to_date and to_date < from_date:
		fail(_("A membership cannot end before it starts"), MembershipError)


def check_no_overlap(role: str, from_date: date, to_date: date | None, others: Iterable[Tenure]) -> None:
	"""One person holds one role in one structure once at a time."""
	end = to_date or date.max
	for other in others:
		if other.role != role:
			continue
		if other.from_date <= end and from_date <= (other.to_date or date.max):
			fail(
				_("This person already holds the role {0} in this structure ({1})").format(
					_(role), other.name
				),
				MembershipError,
			)


# ---------------------------------------------------------------------------------------------- work plans
# A structure's yearly work plan and its quarterly reports: the Structure Secretary submits, the KGU of the
# structure's region (the RGU for a republican structure) accepts or returns with a reason.
WORK_DRAFT = "Draft"
WORK_SUBMITTED = "Submitted"
WORK_RETURNED = "Returned"
WORK_ACCEPTED = "Accepted"
WORK_STATES = (WORK_DRAFT, WORK_SUBMITTED, WORK_RETURNED, WORK_ACCEPTED)
WORK_DONE_STATES = (WORK_SUBMITTED, WORK_ACCEPTED)  # handed in: not overdue any more
DIRECTIONS = (
	"Methodological support",
	"Organisation and dialogue",
	"Information",
	"Base projects",
	"Other",
)
PLAN_DUE_DAY = (1, 31)  # a year's plan is due by 31 January of that year
REPORT_DUE_DAYS = 10  # a quarter's report is due ten days after the quarter ends
QUARTERS = (1, 2, 3, 4)


class StructureWorkError(KelisimValidationError):
	"""A structure's work plan or quarterly report is incomplete, misdated, duplicated or already accepted."""


@dataclass(frozen=True)
class PlanActivity:
	activity: str
	direction: str
	planned_from: date | None
	planned_to: date | None
	responsible: str | None = None


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
	if quarter not in QUARTERS:
		fail(_("A quarter is 1, 2, 3 or 4"), StructureWorkError)
	start = date(year, 3 * quarter - 2, 1)
	end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
	return start, end - timedelta(days=1)


def plan_due(year: int) -> date:
	return date(year, *PLAN_DUE_DAY)


def report_due(year: int, quarter: int) -> date:
	return quarter_bounds(year, quarter)[1] + timedelta(days=REPORT_DUE_DAYS)


def check_plan_activities(activities: Iterable[PlanActivity], year: int, members: set[str]) -> None:
	"""Every activity has its direction and dates within the plan's year (from ≤ to), and the member
	responsible for it is a current member of the structure."""
	for idx, a in enumerate(activities, start=1):
		if not (a.activity or "").strip():
			fail(_("Activity {0} has no description").format(idx), StructureWorkError)
		if a.direction not in DIRECTIONS:
			fail(_("Activity {0}: choose its direction").format(idx), StructureWorkError)
		if not a.planned_from or not a.planned_to:
			fail(_("Activity {0}: enter its dates").format(idx), StructureWorkError)
		if a.planned_from > a.planned_to or a.planned_from.year != year or a.planned_to.year != year:
			fail(
				_("Activity {0}: its dates must lie in {1}, the start first").format(idx, year),
				StructureWorkError,
			)
		if a.responsible and a.responsible not in members:
			fail(
				_("Activity {0}: {1} is not a current member of the structure").format(idx, a.responsible),
				StructureWorkError,
			)


def check_work_submission(state: str, previous: str | None, has_content: bool, what: str) -> None:
	"""A plan goes to the KGU with its activities, a report with what was done (`what`: the message)."""
	if state == WORK_SUBMITTED and previous != WORK_SUBMITTED and not has_content:
		fail(what, StructureWorkError)


def check_not_accepted(previous: str | None, state: str, changed: bool) -> None:
	"""An accepted plan or report is the record of what was agreed: it is not changed afterwards."""
	if previous == WORK_ACCEPTED and (state != WORK_ACCEPTED or changed):
		fail(_("An accepted plan or report is not changed any more"), StructureWorkError)


def check_work_return_reason(reason: str | None) -> str:
	reason = (reason or "").strip()
	if not reason:
		fail(_("Write the reason for the return first"), StructureWorkError)
	return reason


def overdue_days(due: date, state: str | None, today: date) -> int:
	"""Days a plan or report is overdue on `today` (0: handed in, or not due yet)."""
	if state in WORK_DONE_STATES or today <= due:
		return 0
	return (today - due).days


# ---------------------------------------------------------------------------------------------- youth initiatives
YOUTH_HEADQUARTERS = "Youth Movement Headquarters"
INITIATIVE_PENDING = "Under consideration"
INITIATIVE_SUPPORTED = "Supported"
INITIATIVE_REFUSED = "Not supported"
INITIATIVE_DECISIONS = (INITIATIVE_PENDING, INITIATIVE_SUPPORTED, INITIATIVE_REFUSED)


class YouthInitiativeError(KelisimValidationError):
	"""A youth initiative comes from elsewhere than a youth headquarters, or its decision or results do not
	hold together."""


def check_youth_initiative(
	kind: str | None,
	proposer_is_member: bool,
	proposed_on: date | None,
	decision: str,
	decided_on: date | None,
	reason: str | None,
	completed_on: date | None,
	today: date,
) -> None:
	"""Proposed by a youth headquarters (and, when named, one of its members); a decision has its date (not
	before the proposal), a refusal its reason; results come only for a supported initiative, after the
	decision and not in the future."""
	if kind != YOUTH_HEADQUARTERS:
		fail(_("A youth initiative is proposed by a youth movement headquarters"), YouthInitiativeError)
	if not proposer_is_member:
		fail(_("The proposing member is not a member of the headquarters"), YouthInitiativeError)
	if proposed_on and proposed_on > today:
		fail(_("An initiative cannot be proposed in the future"), YouthInitiativeError)
	if decision not in INITIATIVE_DECISIONS:
		fail(_("Unknown decision {0}").format(decision), YouthInitiativeError)
	if decision != INITIATIVE_PENDING:
		if not decided_on or decided_on > today or (proposed_on and decided_on < proposed_on):
			fail(_("Enter the date of the decision, between the proposal and today"), YouthInitiativeError)
	if decision == INITIATIVE_REFUSED and not (reason or "").strip():
		fail(_("Say why the initiative is not supported"), YouthInitiativeError)
	if completed_on:
		if decision != INITIATIVE_SUPPORTED:
			fail(_("Only a supported initiative has results"), YouthInitiativeError)
		if completed_on > today or (decided_on and completed_on < decided_on):
			fail(
				_("The initiative is completed after the decision and not in the future"),
				YouthInitiativeError,
			)


# ---------------------------------------------------------------------------------------------- charters
CHARTER_REVIEW_YEARS = 3  # a structure's charter is reviewed at least every three years
CHARTER_DUE_SOON_DAYS = 90
CHARTER_NONE = N_("No charter")
CHARTER_NEVER = N_("Never reviewed")
CHARTER_OVERDUE = N_("Overdue")
CHARTER_DUE = N_("Due soon")
CHARTER_REVIEWED = N_("Reviewed")
CHARTER_STATES = (CHARTER_NONE, CHARTER_NEVER, CHARTER_OVERDUE, CHARTER_DUE, CHARTER_REVIEWED)


def charter_next_review(reviewed_on: date | None) -> date | None:
	if not reviewed_on:
		return None
	try:
		return reviewed_on.replace(year=reviewed_on.year + CHARTER_REVIEW_YEARS)
	except ValueError:  # 29 February
		return reviewed_on.replace(year=reviewed_on.year + CHARTER_REVIEW_YEARS, day=28)


def charter_state(has_charter: bool, reviewed_on: date | None, today: date) -> str:
	"""Where a structure's charter stands in the review cycle."""
	if not has_charter:
		return CHARTER_NONE
	due = charter_next_review(reviewed_on)
	if due is None:
		return CHARTER_NEVER
	if due < today:
		return CHARTER_OVERDUE
	if (due - today).days <= CHARTER_DUE_SOON_DAYS:
		return CHARTER_DUE
	return CHARTER_REVIEWED
