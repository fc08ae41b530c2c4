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


def test_youth_initiatives_decided_with_reasons_and_results():
	from kelisim_app.kelisim_registry.rules import YouthInitiativeError

	today, hq = date(2026, 6, 1), "Youth Movement Headquarters"
	check = rules.check_youth_initiative
	check(hq, True, date(2026, 3, 1), "Under consideration", None, None, None, today)
	check(hq, True, date(2026, 3, 1), "Supported", date(2026, 3, 5), None, date(2026, 5, 1), today)
	check(hq, True, date(2026, 3, 1), "Not supported", date(2026, 3, 5), "No budget", None, today)
	for args in (
		("Council of Public Consent", True, date(2026, 3, 1), "Under consideration", None, None, None, today),
		(hq, False, date(2026, 3, 1), "Under consideration", None, None, None, today),
		(hq, True, date(2026, 6, 2), "Under consideration", None, None, None, today),
		(hq, True, date(2026, 3, 1), "Maybe", None, None, None, today),
		(hq, True, date(2026, 3, 1), "Supported", None, None, None, today),
		(hq, True, date(2026, 3, 1), "Supported", date(2026, 2, 1), None, None, today),
		(hq, True, date(2026, 3, 1), "Not supported", date(2026, 3, 5), " ", None, today),
		(hq, True, date(2026, 3, 1), "Under consideration", None, None, date(2026, 5, 1), today),
		(hq, True, date(2026, 3, 1), "Supported", date(2026, 3, 5), None, date(2026, 3, 4), today),
	):
		with pytest.raises(YouthInitiativeError):
			check(*args)


def test_information_recommendations_issued_sent_and_read():
	from kelisim_app.kelisim_events import rules as events
	from kelisim_app.kelisim_events.rules import Recipient, RecommendationError

	today, issued = date(2026, 6, 1), date(2026, 5, 1)
	read = Recipient("PER-1", None, issued, date(2026, 5, 3))
	unread = Recipient(None, "STR-1", issued, None)
	events.check_recommendation(None, today, [])
	events.check_recommendation(issued, today, [read, unread])
	assert events.recommendation_status(None, [read]) == ("Draft", 1)
	assert events.recommendation_status(issued, [read, unread]) == ("Issued", 1)
	assert events.recommendation_status(issued, [read]) == ("Read by all", 1)
	for issued_on, recipients in (
		(date(2026, 6, 2), [read]),
		(issued, []),
		(issued, [Recipient(None, None, issued, None)]),
		(issued, [Recipient("PER-1", None, issued, date(2026, 4, 30))]),
		(issued, [Recipient("PER-1", None, issued, date(2026, 6, 2))]),
		(issued, [Recipient("PER-1", None, date(2026, 5, 5), date(2026, 5, 3))]),
		(None, [Recipient("PER-1", None, None, date(2026, 5, 3))]),
	):
		with pytest.raises(RecommendationError):
			events.check_recommendation(issued_on, today, recipients)


def test_the_charter_review_cycle():
	today = date(2026, 6, 1)
	assert rules.charter_state(False, None, today) == "No charter"
	assert rules.charter_state(True, None, today) == "Never reviewed"
	assert rules.charter_state(True, date(2023, 5, 31), today) == "Overdue"
	assert rules.charter_state(True, date(2023, 6, 1), today) == "Due soon"
	assert rules.charter_state(True, date(2023, 8, 29), today) == "Due soon"
	assert rules.charter_state(True, date(2023, 9, 1), today) == "Reviewed"
	assert rules.charter_next_review(date(2024, 2, 29)) == date(2027, 2, 28)
