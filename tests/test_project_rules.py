"""Pure rules of the project plans (kelisim_app/kelisim_projects/rules.py)."""

from __future__ import annotations

from datetime import date

import pytest

from kelisim_app.exceptions import SelfApprovalError
from kelisim_app.kelisim_projects import rules
from kelisim_app.kelisim_projects.rules import Activity, Kpi, PlanApprovalError, PlanError, Risk

TODAY = date(2026, 7, 2)  # about half of 2026 gone


def test_risk_score():
	assert rules.risk_score(3, 5) == 15
	for p, i in ((0, 3), (6, 1), (3, None)):
		with pytest.raises(PlanError):
			rules.risk_score(p, i)


def test_level_and_year():
	rules.check_level("Regional", "KZ-71")
	rules.check_level("Republican", None)
	with pytest.raises(PlanError):
		rules.check_level("Regional", None)
	with pytest.raises(PlanError):
		rules.check_level("Republican", "KZ-71")
	with pytest.raises(PlanError):
		rules.check_year(1899)


def test_activities():
	ok = Activity("Fair", date(2026, 3, 1), date(2026, 3, 2), "Done", date(2026, 3, 2))
	rules.check_activities([ok], 2026, TODAY)
	bad = [
		Activity("Reversed", date(2026, 3, 2), date(2026, 3, 1), "Planned"),
		Activity("Next year", date(2026, 12, 30), date(2027, 1, 2), "Planned"),
		Activity("Future done", date(2026, 9, 1), date(2026, 9, 2), "Done"),
		Activity("Completed tomorrow", date(2026, 6, 1), date(2026, 7, 9), "In progress", date(2026, 7, 3)),
	]
	for activity in bad:
		with pytest.raises(PlanError):
			rules.check_activities([activity], 2026, TODAY)


def test_kpis_amounts_and_matrix():
	rules.check_kpis([Kpi("Events", "events", 0, 10, None)])
	with pytest.raises(PlanError):
		rules.check_kpis([Kpi("Events", " ", 0, 10, None)])
	with pytest.raises(PlanError):
		rules.check_kpis([Kpi("Events", "events", 0, None, None)])
	rules.check_amounts([0, 10.5, None])
	with pytest.raises(PlanError):
		rules.check_amounts([5, -0.01])
	rules.check_responsibility(["Fair"], ["Fair", "Festival"])
	with pytest.raises(PlanError):
		rules.check_responsibility(["Parade"], ["Fair"])


def test_approval_rules():
	rules.check_not_self_approval("head@rgu", "spec@kgu", "head@kgu")
	for preparer, submitter in (("head@rgu", "x"), ("x", "head@rgu")):
		with pytest.raises(SelfApprovalError):
			rules.check_not_self_approval("head@rgu", preparer, submitter)
	assert rules.check_return_reason("  why ") == "why"
	with pytest.raises(PlanApprovalError):
		rules.check_return_reason("")


def test_year_elapsed_attainment_and_execution():
	assert rules.year_elapsed(2026, date(2025, 12, 31)) == 0
	assert rules.year_elapsed(2026, date(2027, 1, 1)) == 1
	assert 0.49 < rules.year_elapsed(2026, TODAY) < 0.51
	assert rules.attainment(Kpi("x", "u", 10, 30, 20)) == 50.0
	assert rules.attainment(Kpi("x", "u", 10, 10, 20)) is None
	assert rules.budget_execution(1000, 250) == 25.0
	assert rules.budget_execution(0, 250) is None


def test_at_risk_reasons():
	healthy = rules.at_risk_reasons(
		[Activity("Fair", date(2026, 3, 1), date(2026, 3, 2), "Done")],
		[Kpi("Events", "events", 0, 10, 6)],
		[Risk("Storm", 5, 3)],
		["Storm"],
		1000,
		500,
		2026,
		TODAY,
	)
	assert healthy == []
	reasons = rules.at_risk_reasons(
		[Activity("Fair", date(2026, 3, 1), date(2026, 3, 2), "In progress")],
		[Kpi("Events", "events", 0, 10, 2)],
		[Risk("Storm", 5, 3), Risk("Rain", 2, 2), Risk("Closed", 5, 5, "Closed")],
		[],
		1000,
		100,
		2026,
		TODAY,
	)
	assert len(reasons) == 4
	assert any("Fair" in r for r in reasons)
	assert any("Events" in r for r in reasons)
	assert any("Budget" in r for r in reasons)
	assert any("Storm" in r for r in reasons) and not any("Rain" in r or "Closed" in r for r in reasons)


def test_an_approved_plan_keeps_its_rows():
	rules.check_frozen_rows("Indicators", ["a", "b"], ["b", "a"])
	for now in (["a"], ["a", "b", "c"], ["a", "c"], []):
		with pytest.raises(PlanError):
			rules.check_frozen_rows("Indicators", ["a", "b"], now)


def test_at_risk_thresholds_are_the_settings():
	half = [Kpi("Events", "events", 0, 10, 3.9)]  # 39% where 50% of the year is gone
	args = ([], half, [Risk("Storm", 3, 5)], [], 1000, 290, 2026, TODAY)
	assert rules.at_risk_reasons(*args) != []
	assert len(rules.at_risk_reasons(*args)) == 3  # KPI 11 points behind, budget 21 points off, risk 15
	assert rules.at_risk_reasons(*args, budget_tolerance=25, kpi_tolerance=15, high_risk_score=16) == []


def test_a_material_is_reviewed_with_content_and_published_with_consent():
	from kelisim_app.kelisim_projects.rules import MaterialError

	today = date(2026, 5, 10)
	check = rules.check_material
	check("Draft", None, date(2026, 5, 1), today, False, None, False)
	check("Under review", "Draft", date(2026, 5, 1), today, True, "Informant", False)
	check("Published", "Under review", date(2026, 5, 1), today, True, "Informant", True)
	check("Published", "Under review", date(2026, 5, 1), today, True, None, False)
	for args in (
		("Draft", None, date(2026, 5, 11), today, True, None, False),
		("Under review", "Draft", date(2026, 5, 1), today, False, None, False),
		("Published", "Under review", date(2026, 5, 1), today, True, "Informant", False),
	):
		with pytest.raises(MaterialError):
			check(*args)
	rules.check_material_unchanged("Under review", True)
	with pytest.raises(MaterialError):
		rules.check_material_unchanged("Published", True)
	with pytest.raises(MaterialError):
		rules.check_material_return_reason(" ")
