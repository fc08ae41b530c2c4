"""Rules of the structures' yearly work plans and quarterly reports (kelisim_registry.rules)."""

from __future__ import annotations

from datetime import date

import pytest

from kelisim_app.kelisim_registry import rules
from kelisim_app.kelisim_registry.rules import PlanActivity, StructureWorkError


def test_quarters_and_due_dates():
	assert rules.quarter_bounds(2026, 1) == (date(2026, 1, 1), date(2026, 3, 31))
	assert rules.quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
	assert rules.report_due(2026, 2) == date(2026, 7, 10)
	assert rules.report_due(2026, 4) == date(2027, 1, 10)
	assert rules.plan_due(2026) == date(2026, 1, 31)
	with pytest.raises(StructureWorkError):
		rules.quarter_bounds(2026, 5)


def test_plan_activities_lie_in_the_year_with_a_member_responsible():
	ok = PlanActivity("Round table", "Information", date(2026, 3, 1), date(2026, 3, 2), "PER-1")
	rules.check_plan_activities(
		[ok, PlanActivity("Forum", "Other", date(2026, 5, 1), date(2026, 5, 1))], 2026, {"PER-1"}
	)
	bad = [
		PlanActivity(" ", "Information", date(2026, 3, 1), date(2026, 3, 2)),
		PlanActivity("Forum", "Sports", date(2026, 3, 1), date(2026, 3, 2)),
		PlanActivity("Forum", "Information", None, date(2026, 3, 2)),
		PlanActivity("Forum", "Information", date(2026, 3, 3), date(2026, 3, 2)),
		PlanActivity("Forum", "Information", date(2025, 12, 31), date(2026, 1, 2)),
		PlanActivity("Forum", "Information", date(2026, 3, 1), date(2026, 3, 2), "PER-2"),
	]
	for activity in bad:
		with pytest.raises(StructureWorkError):
			rules.check_plan_activities([activity], 2026, {"PER-1"})


def test_submission_needs_content_and_an_accepted_record_stays():
	rules.check_work_submission("Submitted", "Draft", True, "empty")
	rules.check_work_submission("Draft", None, False, "empty")
	rules.check_work_submission("Submitted", "Submitted", False, "empty")
	with pytest.raises(StructureWorkError, match="empty"):
		rules.check_work_submission("Submitted", "Returned", False, "empty")
	rules.check_not_accepted("Submitted", "Accepted", True)
	rules.check_not_accepted("Accepted", "Accepted", False)
	for state, changed in (("Accepted", True), ("Returned", False)):
		with pytest.raises(StructureWorkError):
			rules.check_not_accepted("Accepted", state, changed)


def test_return_reason_and_overdue_days():
	assert rules.check_work_return_reason("  No dates  ") == "No dates"
	with pytest.raises(StructureWorkError):
		rules.check_work_return_reason("   ")
	due = date(2026, 4, 10)
	assert rules.overdue_days(due, None, date(2026, 4, 10)) == 0
	assert rules.overdue_days(due, None, date(2026, 4, 15)) == 5
	assert rules.overdue_days(due, "Draft", date(2026, 4, 15)) == 5
	assert rules.overdue_days(due, "Returned", date(2026, 4, 15)) == 5
	assert rules.overdue_days(due, "Submitted", date(2026, 4, 15)) == 0
	assert rules.overdue_days(due, "Accepted", date(2026, 5, 15)) == 0
