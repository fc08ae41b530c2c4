"""Rules of reporting periods, regional and national reports: plain, typed functions, testable without a
database."""

from __future__ import annotations

import calendar
import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from kelisim_app.exceptions import KelisimValidationError, SelfApprovalError, fail
from kelisim_app.utils.i18n import N_, _

DRAFT, SUBMITTED, REVIEWED, RETURNED, SIGNED_OFF = "Draft", "Submitted", "Reviewed", "Returned", "Signed off"
# hand-over to the ministry (#20): the step after the sign-off, with the office's outgoing number
HAND_OVER, HANDED_OVER = "Hand over", "Handed over"
OUTGOING_FIELDS = ("outgoing_number", "outgoing_date")
EDITABLE_STATES = (DRAFT, RETURNED)

# marked for the catalogue: the reports show them translated
ON_TIME, LATE, MISSING, PENDING = N_("On time"), N_("Late"), N_("Missing"), N_("Pending")

# the reach of the structures (#20): as of the period's end, or in the period
REACH_FIGURES = (
	"associations_accredited",
	"ethnic_media",
	"media_reach",
	"volunteers",
	"consultations",
	"books_published",
	"charters_reviewed",
)
# the figures a regional report compiles; the national report sums them
FIGURES = (
	"structures_registered",
	"structures_active",
	"structures_inactive",
	"members",
	"events_held",
	"events_verified",
	"participants",
	"youth",
	"events_in_kazakh",
	"publications",
	"publications_in_kazakh",
	"cases_received",
	"cases_resolved",
	"cases_agreement",
	"cases_high_risk",
	"instructions_due",
	"instructions_done_on_time",
	"instructions_overdue",
	*REACH_FIGURES,
)
NARRATIVE = ("achievements", "problems", "proposals")
PERIOD_COUNTS = {"Month": 12, "Quarter": 4, "Half-year": 2, "Year": 1}


class ReportingError(KelisimValidationError):
	"""A period or report that breaks the rules."""


class HandOverError(KelisimValidationError):
	pass


class ReportApprovalError(KelisimValidationError):
	"""A workflow step the rules forbid (a return without a reason). Who may act: exceptions.ApprovalPermissionError."""


def period_dates(period_type: str, year: int, number: int) -> tuple[date, date]:
	count = PERIOD_COUNTS.get(period_type)
	if not count:
		fail(_("Unknown period {0}").format(period_type), ReportingError)
	if not 1 <= int(number or 0) <= count:
		fail(_("A {0} is numbered from 1 to {1}").format(_(period_type).lower(), count), ReportingError)
	months = 12 // count
	first = (int(number) - 1) * months + 1
	last = first + months - 1
	return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def period_title(period_type: str, year: int, number: int) -> str:
	if period_type == "Year":
		return str(year)
	short = {"Month": "M", "Quarter": "Q", "Half-year": "H"}[period_type]
	return f"{short}{number} {year}"


def check_due_date(due: date, end: date) -> None:
	if due < end:
		fail(_("Reports fall due after the period ends, not before {0}").format(end), ReportingError)


def compliance(due: date, submitted_on: datetime | None, today: date) -> str:
	"""On time / late / missing / pending for one region's report of one period."""
	if submitted_on:
		return ON_TIME if submitted_on.date() <= due else LATE
	return MISSING if today > due else PENDING


def check_submission(
	compiled_on: datetime | None, narrative: Mapping[str, str | None], locked: bool, labels: Mapping[str, str]
) -> None:
	if locked:
		fail(_("The period is locked: ask the RGU to reopen it before submitting"), ReportingError)
	if not compiled_on:
		fail(_("Compile the figures before submitting the report"), ReportingError)
	empty = [labels.get(k, k) for k in NARRATIVE if not strip_html(narrative.get(k))]
	if empty:
		fail(_("Fill in the narrative sections: {0}").format(", ".join(empty)), ReportingError)


def check_return_reason(reason: str | None) -> str:
	reason = (reason or "").strip()
	if not reason:
		fail(
			_("A report is returned with a reason: write it in «Reason for return» first"),
			ReportApprovalError,
		)
	return reason


def check_not_self_sign_off(user: str, prepared_by: str | None, submitted_by: Iterable[str]) -> None:
	if user == prepared_by or user in set(submitted_by):
		fail(_("Nobody signs off a report he prepared or submitted"), SelfApprovalError)


def strip_html(text: str | None) -> str:
	import re

	return re.sub(r"<[^>]*>|&nbsp;", " ", text or "").strip()


def kazakh_share(figures: Mapping[str, int]) -> float | None:
	total = (figures.get("events_verified") or 0) + (figures.get("publications") or 0)
	kazakh = (figures.get("events_in_kazakh") or 0) + (figures.get("publications_in_kazakh") or 0)
	return round(100.0 * kazakh / total, 1) if total else None


def aggregate(snapshots: Iterable[Mapping[str, int]]) -> dict[str, float | int | None]:
	"""The national figures: the sum of the regional snapshots (each region counted once)."""
	total = dict.fromkeys(FIGURES, 0)
	for snap in snapshots:
		for key in FIGURES:
			total[key] += int(snap.get(key) or 0)
	return {**total, "kazakh_share": kazakh_share(total)}


def snapshot(figures: Mapping[str, object]) -> str:
	"""The frozen figures as canonical JSON with their fingerprint."""
	body = {k: figures.get(k) for k in (*FIGURES, "kazakh_share")}
	text = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str)
	return json.dumps({"figures": body, "sha256": hashlib.sha256(text.encode()).hexdigest()}, sort_keys=True)


def read_snapshot(text: str | None) -> dict:
	if not text:
		return {}
	data = json.loads(text)
	body = data.get("figures") or {}
	check = hashlib.sha256(
		json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode()
	).hexdigest()
	if check != data.get("sha256"):
		fail(_("The snapshot of a signed-off report does not match its fingerprint"), ReportingError)
	return body


def check_outgoing(number: str | None, when: date | None, signed_off_on: date | None, today: date) -> str:
	"""A report is handed over to the ministry under the office's outgoing number and date: both given, the
	date neither in the future nor before the sign-off."""
	number = (number or "").strip()
	if not number or not when:
		fail(
			_("A report is handed over with its outgoing number and date: fill them in first"), HandOverError
		)
	if when > today:
		fail(_("The outgoing date cannot be in the future"), HandOverError)
	if signed_off_on and when < signed_off_on:
		fail(_("The outgoing date cannot be before the sign-off"), HandOverError)
	return number


def check_outgoing_unchanged(changed: Iterable[str], before_hand_over: bool) -> None:
	"""The outgoing number and date are entered while the report waits for its hand-over, then frozen."""
	if set(changed) & set(OUTGOING_FIELDS) and not before_hand_over:
		fail(
			_("The outgoing number and date of a report handed over to the ministry cannot be changed"),
			HandOverError,
		)


def check_receipt(state: str | None, received_on: datetime | None) -> None:
	"""The ministry acknowledges a report handed over to it, once."""
	if state != HANDED_OVER:
		fail(_("Only a report handed over to the ministry is acknowledged"), HandOverError)
	if received_on:
		fail(_("The receipt of this report is already acknowledged"), HandOverError)
