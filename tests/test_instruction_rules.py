"""Pure rules of instructions and execution control (kelisim_app/kelisim_instructions/rules.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kelisim_app.kelisim_instructions import rules
from kelisim_app.kelisim_instructions.rules import (
	EvidenceError,
	ExecutionError,
	ExecutionFacts,
	ExtensionError,
	InstructionError,
)

TODAY = date(2026, 11, 25)


def test_deadline_must_be_in_the_future_when_issued():
	rules.check_deadline_on_issue(TODAY + timedelta(days=1), TODAY, TODAY)
	with pytest.raises(InstructionError):
		rules.check_deadline_on_issue(TODAY, TODAY, TODAY)
	with pytest.raises(InstructionError):
		rules.check_deadline_on_issue(TODAY + timedelta(days=3), TODAY + timedelta(days=5), TODAY)


def test_basis_document_for_ministry_and_secretariat():
	rules.check_basis("RGU", None, None, TODAY)
	rules.check_basis("Ministry", "17-02/1234", TODAY, TODAY)
	for number, when in (("", TODAY), ("17-02", None), ("17-02", TODAY + timedelta(days=1))):
		with pytest.raises(InstructionError):
			rules.check_basis("ANK Secretariat", number, when, TODAY)


def test_addressees():
	every = [f"KZ-{n}" for n in (71, 75, 10)]
	assert rules.addressed_regions(True, [], every) == sorted(every)
	assert rules.addressed_regions(False, ["KZ-75", "KZ-75", "KZ-10"], every) == ["KZ-10", "KZ-75"]
	with pytest.raises(InstructionError):
		rules.addressed_regions(False, [], every)


def test_report_and_return_reason():
	rules.check_report_before_submission("<p>Done</p>")
	for empty in (None, "", "<p></p>", "<p>&nbsp;</p>", "<div><br></div>"):
		with pytest.raises(ExecutionError):
			rules.check_report_before_submission(empty)
	assert rules.check_return_reason("  Attach the list  ") == "Attach the list"
	with pytest.raises(ExecutionError):
		rules.check_return_reason("   ")


def test_extension_request_and_decision():
	deadline = TODAY + timedelta(days=10)
	rules.check_extension_request(deadline, deadline + timedelta(days=1), "floods", pending=False)
	for requested, reason, pending in (
		(deadline, "floods", False),
		(deadline - timedelta(days=1), "floods", False),
		(None, "floods", False),
		(deadline + timedelta(days=5), " ", False),
		(deadline + timedelta(days=5), "floods", True),
	):
		with pytest.raises(ExtensionError):
			rules.check_extension_request(deadline, requested, reason, pending)
	rules.check_extension_decision(True)
	with pytest.raises(ExtensionError):
		rules.check_extension_decision(False)


def test_evidence_region():
	rules.check_evidence_region("KZ-71", "KZ-71", "Event 1")
	with pytest.raises(EvidenceError):
		rules.check_evidence_region("KZ-71", "KZ-75", "Event 2")
	with pytest.raises(EvidenceError):
		rules.check_evidence_region("KZ-71", None, "Structure kind")


@pytest.mark.parametrize(
	("days_to_deadline", "escalated", "reminded", "expected"),
	[
		(10, None, False, (10, False, False, None)),
		(3, None, False, (3, False, True, None)),
		(0, None, False, (0, False, True, None)),
		(2, None, True, (2, False, False, None)),
		(-1, None, True, (-1, True, False, "KGU Head")),
		(-1, "KGU Head", True, (-1, True, False, None)),
		(-5, "KGU Head", True, (-5, True, False, None)),
		(-6, "KGU Head", True, (-6, True, False, "RGU Coordinator")),
		(-9, None, False, (-9, True, False, "RGU Coordinator")),
		(-9, "RGU Coordinator", True, (-9, True, False, None)),
	],
)
def test_control_state(days_to_deadline, escalated, reminded, expected):
	state = rules.control_state(
		TODAY + timedelta(days=days_to_deadline), TODAY, escalated, TODAY if reminded else None, 3, 5
	)
	assert (state.days_left, state.is_overdue, state.remind, state.escalate_to) == expected


def test_discipline_counts():
	d = TODAY
	rows = [
		ExecutionFacts("KZ-71", "Accepted", d, d, d - timedelta(days=1), 0),
		ExecutionFacts("KZ-71", "Accepted", d - timedelta(days=3), d - timedelta(days=3), d, 1),
		ExecutionFacts("KZ-71", "Submitted", d - timedelta(days=1), d - timedelta(days=1), None, 0),
		ExecutionFacts("KZ-75", "Open", d + timedelta(days=4), d, None, 2),
		ExecutionFacts("KZ-75", "Returned", d, d, None, 0),
	]
	out = rules.discipline(rows, TODAY)
	zero = {"awaiting_review": 0}
	assert out["KZ-71"] == {
		"issued": 3,
		"on_time": 1,
		"late": 1,
		"overdue": 1,
		"open": 0,
		"extensions": 1,
		**zero,
	}
	assert out["KZ-75"] == {
		"issued": 2,
		"on_time": 0,
		"late": 0,
		"overdue": 0,
		"open": 2,
		"extensions": 2,
		**zero,
	}


def test_a_submitted_report_is_not_the_regions_delay():
	assert rules.owes_report("Open") and rules.owes_report("Returned") and rules.owes_report(None)
	assert not rules.owes_report("Submitted") and not rules.owes_report("Accepted")
	state = rules.control_state(TODAY - timedelta(days=9), TODAY, None, None, 3, 5, owed=False)
	assert (state.days_left, state.is_overdue, state.remind, state.escalate_to) == (-9, False, False, None)
	state = rules.control_state(TODAY + timedelta(days=1), TODAY, None, None, 3, 5, owed=False)
	assert not state.remind


def test_discipline_judges_the_regions_submission():
	d = TODAY
	rows = [
		# submitted in time, accepted by the RGU after the deadline: on time
		ExecutionFacts("KZ-71", "Accepted", d - timedelta(days=5), d, d, 0, d - timedelta(days=6)),
		# submitted after the deadline: late
		ExecutionFacts("KZ-71", "Accepted", d - timedelta(days=5), d, d, 0, d - timedelta(days=2)),
		# submitted in time, still awaiting review after the deadline: not overdue
		ExecutionFacts("KZ-71", "Submitted", d - timedelta(days=1), d, None, 0, d - timedelta(days=3)),
		# submitted after the deadline, awaiting review: overdue
		ExecutionFacts("KZ-71", "Submitted", d - timedelta(days=3), d, None, 0, d - timedelta(days=1)),
	]
	out = rules.discipline(rows, TODAY)["KZ-71"]
	assert (out["on_time"], out["late"], out["awaiting_review"], out["overdue"], out["open"]) == (
		1,
		1,
		1,
		1,
		0,
	)


def test_a_closed_execution_is_not_changed():
	rules.check_not_closed(False)
	with pytest.raises(ExecutionError):
		rules.check_not_closed(True)
