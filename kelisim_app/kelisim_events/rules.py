"""Rules of events: plain, typed functions, testable without a database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from kelisim_app.exceptions import KelisimValidationError, fail
from kelisim_app.utils.i18n import _

PLANNED = "Planned"
HELD = "Held"
REPORTED = "Reported"
VERIFIED = "Verified"
HAPPENED = (HELD, REPORTED, VERIFIED)

# fields a verified event may still change: bookkeeping the system itself maintains
UNFROZEN_FIELDS = frozenset(
	{"workflow_state", "verified_by", "verified_on", "reopen_reason", "modified", "modified_by"}
)


class EventError(KelisimValidationError):
	"""An event whose data contradict each other."""


class EventOrganiserError(KelisimValidationError):
	"""A suspended or dissolved structure organises nothing."""


class EventFrozenError(KelisimValidationError):
	"""A verified event is edited without the KGU reopening it."""


def check_times(start: datetime, end: datetime) -> None:
	if end <= start:
		fail(_("An event ends after it starts"), EventError)


def check_participants(total: int, youth: int, ethnic_groups: int) -> None:
	if min(total, youth, ethnic_groups) < 0:
		fail(_("Participant numbers cannot be negative"), EventError)
	if youth > total:
		fail(
			_("Young participants ({0}) cannot outnumber all participants ({1})").format(youth, total),
			EventError,
		)
	if total and ethnic_groups > total:
		fail(_("More ethnic groups ({0}) than participants ({1})").format(ethnic_groups, total), EventError)


def check_organiser(status: str | None, label: str) -> None:
	if status in ("Suspended", "Dissolved"):
		fail(_("{0} is {1} and cannot organise events").format(label, _(status).lower()), EventOrganiserError)


def check_not_in_future(state: str | None, start: datetime, now: datetime) -> None:
	if state in HAPPENED and start > now:
		fail(_("An event that has not started yet cannot be marked as held"), EventError)


def check_frozen(previous_state: str | None, state: str | None, changed: Iterable[str]) -> None:
	"""A verified event changes only through the KGU reopening it."""
	if previous_state == VERIFIED and state == VERIFIED:
		edited = sorted(set(changed) - UNFROZEN_FIELDS)
		if edited:
			fail(
				_("This event is verified; ask the KGU to reopen it before changing {0}").format(
					", ".join(edited)
				),
				EventFrozenError,
			)


def check_reopen_reason(previous_state: str | None, state: str | None, reason: str | None) -> None:
	if previous_state == VERIFIED and state != VERIFIED and not (reason or "").strip():
		fail(_("A verified event is reopened with a reason"), EventFrozenError)


def check_plan_link(
	region: str | None,
	base_project: str | None,
	plan_region: str | None,
	plan_project: str | None,
	activity: str | None,
	plan_activities: Iterable[str],
) -> None:
	if plan_region and plan_region != region:
		fail(
			_("The project plan belongs to region {0}, the event to region {1}").format(plan_region, region),
			EventError,
		)
	if base_project and plan_project != base_project:
		fail(_("The project plan serves another base project"), EventError)
	if activity and activity not in set(plan_activities):
		fail(_("The plan has no activity «{0}»").format(activity), EventError)


# ---------------------------------------------------------------------------------------------- information policy
REC_DRAFT, REC_ISSUED, REC_READ = "Draft", "Issued", "Read by all"


class RecommendationError(KelisimValidationError):
	"""An information recommendation names no recipient, or its dates do not hold together."""


@dataclass(frozen=True)
class Recipient:
	person: str | None
	outlet: str | None
	sent_on: date | None
	read_on: date | None


def check_recommendation(issued_on: date | None, today: date, recipients: Iterable[Recipient]) -> None:
	"""Each recipient is a person or an outlet; it is sent and read on or after the issue, never in the
	future; an issued recommendation has recipients."""
	recipients = list(recipients)
	if issued_on and issued_on > today:
		fail(_("A recommendation cannot be issued in the future"), RecommendationError)
	if issued_on and not recipients:
		fail(_("Add the recipients before issuing the recommendation"), RecommendationError)
	for idx, r in enumerate(recipients, start=1):
		if not (r.person or r.outlet):
			fail(_("Recipient {0}: choose a person or a media outlet").format(idx), RecommendationError)
		for day in (r.sent_on, r.read_on):
			if day and (not issued_on or day < issued_on or day > today):
				fail(
					_("Recipient {0}: sent and read between the issue and today").format(idx),
					RecommendationError,
				)
		if r.read_on and r.sent_on and r.read_on < r.sent_on:
			fail(_("Recipient {0}: read before it was sent").format(idx), RecommendationError)


def recommendation_status(issued_on: date | None, recipients: Iterable[Recipient]) -> tuple[str, int]:
	"""(status, how many read it)."""
	recipients = list(recipients)
	read = sum(1 for r in recipients if r.read_on)
	if not issued_on:
		return REC_DRAFT, read
	return (REC_READ if recipients and read == len(recipients) else REC_ISSUED), read
