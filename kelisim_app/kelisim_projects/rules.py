"""Rules of the project plans and their monitoring: plain, typed functions, testable without a database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kelisim_app.exceptions import KelisimValidationError, SelfApprovalError, fail
from kelisim_app.utils.i18n import _

DRAFT, SUBMITTED, REVIEWED, APPROVED, RETURNED = "Draft", "Submitted", "Reviewed", "Approved", "Returned"
DONE, CANCELLED = "Done", "Cancelled"


class PlanError(KelisimValidationError):
	"""A plan whose content breaks the rules."""


class PlanApprovalError(KelisimValidationError):
	"""A workflow step the rules forbid (a return without a reason). Who may act: exceptions.ApprovalPermissionError."""


@dataclass(frozen=True)
class Activity:
	name: str
	start: date
	end: date
	status: str
	completed_on: date | None = None
	is_milestone: bool = False


@dataclass(frozen=True)
class Kpi:
	indicator: str
	unit: str | None
	baseline: float
	target: float | None
	actual: float | None


@dataclass(frozen=True)
class Risk:
	risk: str
	probability: int
	impact: int
	status: str = "Open"


def risk_score(probability: int, impact: int) -> int:
	for value, label in ((probability, _("Probability")), (impact, _("Impact"))):
		if not 1 <= int(value or 0) <= 5:
			fail(_("{0} of a risk is from 1 to 5").format(label), PlanError)
	return int(probability) * int(impact)


def check_level(level: str, region: str | None) -> None:
	if level == "Regional" and not region:
		fail(_("A regional plan needs its region"), PlanError)
	if level == "Republican" and region:
		fail(_("The republican plan has no region"), PlanError)


def check_year(year: int) -> None:
	if not 2000 <= int(year or 0) <= 2100:
		fail(_("{0} is not a plan year").format(year), PlanError)


def check_activities(activities: Iterable[Activity], year: int, today: date) -> None:
	for a in activities:
		if a.end < a.start:
			fail(_("Activity «{0}» ends before it starts").format(a.name), PlanError)
		if a.start.year != year or a.end.year != year:
			fail(_("Activity «{0}» lies outside the plan's year {1}").format(a.name, year), PlanError)
		if a.start > today and (a.status == DONE or a.completed_on):
			fail(_("Activity «{0}» has not started yet and cannot be done").format(a.name), PlanError)
		if a.completed_on and a.completed_on > today:
			fail(_("Activity «{0}» cannot be completed in the future").format(a.name), PlanError)


def check_kpis(kpis: Iterable[Kpi]) -> None:
	for k in kpis:
		if not (k.unit or "").strip():
			fail(_("Indicator «{0}» needs a unit").format(k.indicator), PlanError)
		if k.target is None:
			fail(_("Indicator «{0}» needs a target").format(k.indicator), PlanError)


def check_amounts(amounts: Iterable[float]) -> None:
	if any((a or 0) < 0 for a in amounts):
		fail(_("Budget amounts cannot be negative"), PlanError)


def check_responsibility(matrix_activities: Iterable[str], activity_names: Iterable[str]) -> None:
	known = set(activity_names)
	for name in matrix_activities:
		if name not in known:
			fail(_("The responsibility matrix names an unknown activity «{0}»").format(name), PlanError)


def check_frozen_rows(label: str, approved: Iterable[str], now: Iterable[str]) -> None:
	"""An approved plan keeps its indicators, activities and budget lines: their progress fields stay
	editable, but rows are neither added nor removed (that changes the plan: an amendment)."""
	if set(approved) != set(now):
		fail(
			_("«{0}» of an approved plan cannot gain or lose rows: amend the plan to change them").format(
				label
			),
			PlanError,
		)


def check_not_self_approval(approver: str, prepared_by: str | None, submitted_by: str | None) -> None:
	if approver in {prepared_by, submitted_by}:
		fail(_("Nobody approves a plan he prepared or submitted"), SelfApprovalError)


def check_return_reason(reason: str | None) -> str:
	reason = (reason or "").strip()
	if not reason:
		fail(_("A plan is returned with a reason: write it in «Reason for return» first"), PlanApprovalError)
	return reason


# ------------------------------------------------------------------------------------------ monitoring
def year_elapsed(year: int, today: date) -> float:
	"""Share of the plan year gone by on `today` (0 before it, 1 after it)."""
	start, end = date(year, 1, 1), date(year, 12, 31)
	if today <= start:
		return 0.0
	if today >= end:
		return 1.0
	return (today - start).days / (end - start).days


def attainment(k: Kpi) -> float | None:
	"""Percent of the way from baseline to target."""
	if k.target is None or k.actual is None or k.target == k.baseline:
		return None
	return round(100.0 * (k.actual - k.baseline) / (k.target - k.baseline), 1)


def budget_execution(planned: float, actual: float) -> float | None:
	return round(100.0 * actual / planned, 1) if planned else None


def at_risk_reasons(
	activities: Iterable[Activity],
	kpis: Iterable[Kpi],
	risks: Iterable[Risk],
	risks_with_action: Iterable[str],
	planned: float,
	actual: float,
	year: int,
	today: date,
	budget_tolerance: float = 20.0,
	kpi_tolerance: float = 10.0,
	high_risk_score: int = 15,
) -> list[str]:
	"""Why a plan is at risk (empty: it is not)."""
	reasons = []
	elapsed = year_elapsed(year, today)
	overdue = [a.name for a in activities if a.end < today and a.status not in (DONE, CANCELLED)]
	if overdue:
		reasons.append(_("Overdue activities: {0}").format(", ".join(overdue)))
	for k in kpis:
		reached = attainment(k)
		if reached is not None and reached < 100.0 * elapsed - kpi_tolerance:
			reasons.append(
				_("Indicator «{0}» is at {1}% of its target, behind the {2}% the year calls for").format(
					k.indicator, reached, round(100.0 * elapsed)
				)
			)
	execution = budget_execution(planned, actual)
	if execution is not None and abs(execution - 100.0 * elapsed) > budget_tolerance:
		reasons.append(
			_("Budget execution {0}% deviates from the {1}% of the year gone by").format(
				execution, round(100.0 * elapsed)
			)
		)
	handled = set(risks_with_action)
	for r in risks:
		if r.status == "Open" and r.probability * r.impact >= high_risk_score and r.risk not in handled:
			reasons.append(_("High risk without a corrective action: {0}").format(r.risk))
	return reasons


# ------------------------------------------------------------------------------------------ base project 3
# Collected ethnocultural materials: recorded by the KGU, reviewed by its head before publication.
MATERIAL_DRAFT = "Draft"
MATERIAL_UNDER_REVIEW = "Under review"
MATERIAL_RETURNED = "Returned"
MATERIAL_PUBLISHED = "Published"


class MaterialError(KelisimValidationError):
	"""A collected material is incomplete for review, published without its informant's consent, misdated or
	changed after publication."""


def check_material(
	state: str,
	previous: str | None,
	collected_on: date | None,
	today: date,
	has_content: bool,
	informant: str | None,
	consent: bool,
) -> None:
	"""A material is collected on a past day; it goes to review with its description or files; it is published
	only with the consent of its informant (when it has one)."""
	if collected_on and collected_on > today:
		fail(_("A material cannot be collected in the future"), MaterialError)
	if state == previous:
		return
	if state == MATERIAL_UNDER_REVIEW and not has_content:
		fail(_("Describe the material or attach its files before the review"), MaterialError)
	if state == MATERIAL_PUBLISHED and (informant or "").strip() and not consent:
		fail(_("The informant has not consented: the material cannot be published"), MaterialError)


def check_material_unchanged(previous: str | None, changed: bool) -> None:
	if previous == MATERIAL_PUBLISHED and changed:
		fail(_("A published material is not changed any more"), MaterialError)


def check_material_return_reason(reason: str | None) -> str:
	reason = (reason or "").strip()
	if not reason:
		fail(_("Write the reason for the return first"), MaterialError)
	return reason
