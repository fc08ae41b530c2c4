"""Rules of instructions and their execution control: plain, typed functions, testable without a database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kelisim_app.exceptions import KelisimValidationError, fail
from kelisim_app.utils.i18n import _

STATE_OPEN = "Open"
STATE_SUBMITTED = "Submitted"
STATE_RETURNED = "Returned"
STATE_ACCEPTED = "Accepted"

EXTENSION_REQUESTED = "Requested"
EXTENSION_GRANTED = "Granted"
EXTENSION_REFUSED = "Refused"

ESCALATION_KGU = "KGU Head"
ESCALATION_RGU = "RGU Coordinator"


class InstructionError(KelisimValidationError):
	"""An instruction that cannot be issued as it stands."""


class ExecutionError(KelisimValidationError):
	"""An execution report or review step that breaks the rules."""


class ExtensionError(KelisimValidationError):
	"""A deadline extension request or decision that breaks the rules."""


class EvidenceError(KelisimValidationError):
	"""Evidence that does not belong to the execution's region."""


def check_deadline_on_issue(deadline: date, issued_on: date, today: date) -> None:
	if deadline <= today:
		fail(_("The deadline of an instruction must be in the future when it is issued"), InstructionError)
	if deadline < issued_on:
		fail(_("The deadline cannot be before the date of issue"), InstructionError)


def check_basis(source: str, number: str | None, when: date | None, today: date) -> None:
	"""An instruction recorded from the ministry or the ANK Secretariat carries its basis document."""
	if source == "RGU":
		return
	if not (number or "").strip() or not when:
		fail(
			_("An instruction from {0} needs its basis document number and date").format(_(source)),
			InstructionError,
		)
	if when > today:
		fail(_("The basis document cannot be dated in the future"), InstructionError)


def addressed_regions(all_regions: bool, chosen: Iterable[str], every_region: Iterable[str]) -> list[str]:
	regions = sorted(set(every_region)) if all_regions else sorted(set(chosen))
	if not regions:
		fail(
			_("Choose the regions the instruction is addressed to, or address it to all regions"),
			InstructionError,
		)
	return regions


def check_report_before_submission(report_text: str | None) -> None:
	if not strip_html(report_text):
		fail(_("Describe what was done before submitting the report"), ExecutionError)


def check_return_reason(reason: str | None) -> str:
	reason = (reason or "").strip()
	if not reason:
		fail(_("A report is returned with a reason: write it in «Reason for return» first"), ExecutionError)
	return reason


def strip_html(text: str | None) -> str:
	import re

	return re.sub(r"<[^>]*>|&nbsp;", " ", text or "").strip()


def check_extension_request(
	current_deadline: date, requested: date | None, reason: str | None, pending: bool
) -> None:
	if pending:
		fail(_("An extension request is already waiting for the RGU's decision"), ExtensionError)
	if not requested or requested <= current_deadline:
		fail(
			_("The new deadline must be later than the current deadline {0}").format(current_deadline),
			ExtensionError,
		)
	if not (reason or "").strip():
		fail(_("Give the reason for the extension"), ExtensionError)


def check_extension_decision(pending: bool) -> None:
	if not pending:
		fail(_("There is no extension request to decide"), ExtensionError)


def check_not_closed(closed: bool) -> None:
	if closed:
		fail(_("The execution is closed: an accepted report is not changed"), ExecutionError)


def owes_report(state: str | None) -> bool:
	"""The region still owes its report (open, or returned to it); a submitted one awaits the RGU."""
	return state in (None, "", STATE_OPEN, STATE_RETURNED)


def check_evidence_region(execution_region: str, evidence_region: str | None, label: str) -> None:
	if evidence_region is None:
		fail(_("{0} has no region and cannot serve as evidence").format(label), EvidenceError)
	if evidence_region != execution_region:
		fail(
			_("{0} belongs to region {1}; evidence must come from region {2}").format(
				label, evidence_region, execution_region
			),
			EvidenceError,
		)


# ------------------------------------------------------------------------------------------ control
@dataclass(frozen=True)
class ControlState:
	days_left: int
	is_overdue: bool
	remind: bool
	escalate_to: str | None


def control_state(
	deadline: date,
	today: date,
	escalated: str | None,
	last_reminder: date | None,
	remind_days_before: int,
	escalate_to_rgu_after: int,
	owed: bool = True,
) -> ControlState:
	"""Where an open execution stands on `today`, and what the daily job must send (each at most once).
	A report the region has submitted (`owed` False) is neither overdue nor reminded nor escalated while
	it waits for the RGU's review."""
	days_left = (deadline - today).days
	if not owed:
		return ControlState(days_left, False, False, None)
	overdue = days_left < 0
	remind = 0 <= days_left <= remind_days_before and last_reminder is None
	escalate_to = None
	if overdue and -days_left > escalate_to_rgu_after and escalated != ESCALATION_RGU:
		escalate_to = ESCALATION_RGU
	elif overdue and not escalated:
		escalate_to = ESCALATION_KGU
	return ControlState(days_left, overdue, remind, escalate_to)


@dataclass(frozen=True)
class ExecutionFacts:
	region: str
	state: str | None
	deadline: date
	original_deadline: date
	completed_on: date | None
	extensions_granted: int
	reported_on: date | None = None


def discipline(rows: Iterable[ExecutionFacts], today: date) -> dict[str, dict[str, int]]:
	"""Per region: issued, done on time, done late, overdue, awaiting the RGU's review (submitted in time),
	open (not yet due), extensions granted. Done on time or late is judged by the region's last submission of
	the accepted report (not by the day the RGU accepted it); a report submitted in time and awaiting review
	is not overdue."""
	out: dict[str, dict[str, int]] = {}
	for r in rows:
		d = out.setdefault(
			r.region,
			{
				"issued": 0,
				"on_time": 0,
				"late": 0,
				"overdue": 0,
				"awaiting_review": 0,
				"open": 0,
				"extensions": 0,
			},
		)
		d["issued"] += 1
		d["extensions"] += r.extensions_granted
		done_on = r.reported_on or r.completed_on
		if r.state == STATE_ACCEPTED and done_on:
			d["on_time" if done_on <= r.deadline else "late"] += 1
		elif r.state == STATE_SUBMITTED and r.reported_on and r.reported_on <= r.deadline:
			d["awaiting_review"] += 1
		elif r.deadline < today:
			d["overdue"] += 1
		else:
			d["open"] += 1
	return out
