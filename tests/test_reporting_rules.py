"""Pure rules of reporting (kelisim_app/kelisim_reporting/rules.py)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from kelisim_app.exceptions import SelfApprovalError
from kelisim_app.kelisim_reporting import rules
from kelisim_app.kelisim_reporting.rules import ReportApprovalError, ReportingError


@pytest.mark.parametrize(
	("kind", "number", "start", "end", "title"),
	[
		("Month", 2, date(2024, 2, 1), date(2024, 2, 29), "M2 2024"),
		("Quarter", 4, date(2024, 10, 1), date(2024, 12, 31), "Q4 2024"),
		("Half-year", 1, date(2024, 1, 1), date(2024, 6, 30), "H1 2024"),
		("Year", 1, date(2024, 1, 1), date(2024, 12, 31), "2024"),
	],
)
def test_period_dates(kind, number, start, end, title):
	assert rules.period_dates(kind, 2024, number) == (start, end)
	assert rules.period_title(kind, 2024, number) == title


def test_period_numbers_and_due_date():
	for kind, number in (("Quarter", 5), ("Month", 0), ("Half-year", 3), ("Decade", 1)):
		with pytest.raises(ReportingError):
			rules.period_dates(kind, 2024, number)
	rules.check_due_date(date(2024, 4, 10), date(2024, 3, 31))
	with pytest.raises(ReportingError):
		rules.check_due_date(date(2024, 3, 30), date(2024, 3, 31))


def test_compliance():
	due = date(2024, 4, 10)
	assert rules.compliance(due, datetime(2024, 4, 10, 23, 0), date(2024, 5, 1)) == rules.ON_TIME
	assert rules.compliance(due, datetime(2024, 4, 11, 9, 0), date(2024, 5, 1)) == rules.LATE
	assert rules.compliance(due, None, date(2024, 4, 11)) == rules.MISSING
	assert rules.compliance(due, None, date(2024, 4, 10)) == rules.PENDING


def test_submission_prerequisites():
	narrative = dict.fromkeys(rules.NARRATIVE, "<p>text</p>")
	rules.check_submission(datetime(2024, 4, 1), narrative, False, {})
	with pytest.raises(ReportingError):
		rules.check_submission(None, narrative, False, {})
	with pytest.raises(ReportingError):
		rules.check_submission(datetime(2024, 4, 1), {**narrative, "problems": "<p> </p>"}, False, {})
	with pytest.raises(ReportingError):
		rules.check_submission(datetime(2024, 4, 1), narrative, True, {})


def test_return_and_sign_off_rules():
	assert rules.check_return_reason(" late ") == "late"
	with pytest.raises(ReportApprovalError):
		rules.check_return_reason("")
	rules.check_not_self_sign_off("head@rgu", "spec@kgu", ["head@kgu"])
	with pytest.raises(SelfApprovalError):
		rules.check_not_self_sign_off("head@rgu", "head@rgu", [])
	with pytest.raises(SelfApprovalError):
		rules.check_not_self_sign_off("head@rgu", "x", ["head@rgu"])


def test_national_sum_counts_each_region_once_and_recomputes_the_share():
	a = dict.fromkeys(rules.FIGURES, 1) | {
		"events_verified": 10,
		"events_in_kazakh": 5,
		"publications": 10,
		"publications_in_kazakh": 5,
	}
	b = dict.fromkeys(rules.FIGURES, 2) | {
		"events_verified": 30,
		"events_in_kazakh": 30,
		"publications": 0,
		"publications_in_kazakh": 0,
	}
	total = rules.aggregate([a, b])
	assert total["members"] == 3
	assert total["events_verified"] == 40
	assert total["kazakh_share"] == round(100 * 40 / 50, 1)
	assert rules.aggregate([])["kazakh_share"] is None


def test_snapshot_round_trip_and_tamper_detection():
	figures = dict.fromkeys(rules.FIGURES, 7) | {"kazakh_share": 12.5}
	text = rules.snapshot(figures)
	assert rules.read_snapshot(text)["members"] == 7
	tampered = json.loads(text)
	tampered["figures"]["members"] = 8
	with pytest.raises(ReportingError):
		rules.read_snapshot(json.dumps(tampered))
	assert rules.read_snapshot(None) == {}
