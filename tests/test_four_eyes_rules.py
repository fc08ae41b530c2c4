"""Four eyes derived from the shipped workflows' metadata (kelisim_core/approval_rules.py), without Frappe."""

from __future__ import annotations

import pytest

from kelisim_app.exceptions import FourEyesError, SelfApprovalError
from kelisim_app.kelisim_core import approval_rules as rules
from kelisim_app.kelisim_core.workflow_defs import load_definitions

DEFINITIONS = {d["workflow_name"]: d for _path, d in load_definitions()}


def states(name: str) -> list[dict]:
	return DEFINITIONS[name]["states"]


@pytest.mark.parametrize(
	"workflow, from_state, to_state, hands_over",
	[
		("KLS Regional Report", "Draft", "Submitted", True),  # the region hands it to the RGU
		("KLS Regional Report", "Submitted", "Reviewed", True),  # the coordinator hands it to the head
		("KLS Regional Report", "Reviewed", "Signed off", False),
		("KLS National Report", "Draft", "Submitted", True),
		("KLS Project Plan", "Draft", "Submitted", True),  # also a republican plan, drafted at the RGU
		("KLS Project Plan", "Submitted", "Reviewed", True),
		("KLS Instruction Execution", "Open", "Submitted", True),
		("KLS Event", "Planned", "Held", False),  # the specialist's own work
		("KLS Event", "Held", "Reported", True),  # handed to the KGU Head to verify
		("KLS Event", "Reported", "Verified", False),
		("KLS Mediation Case", "Assigned", "In mediation", False),
	],
)
def test_hand_overs_follow_the_desks(workflow, from_state, to_state, hands_over):
	assert rules.hands_over(states(workflow), from_state, to_state) is hands_over


def test_every_workflow_of_the_app_has_a_hand_over():
	for name, definition in DEFINITIONS.items():
		assert rules.handover_steps(definition), f"{name}: no step hands the document over"


def test_the_audited_case_is_refused():
	"""The RGU Head, whose profile holds RGU Coordinator, passed a report for sign-off: he does not sign it."""
	passed = rules.Step("Submitted", "Reviewed", "head@rgu")
	assert rules.four_eyes_refuses(states("KLS Regional Report"), passed, "Reviewed", "head@rgu")
	with pytest.raises(FourEyesError):
		rules.check_four_eyes(states("KLS Regional Report"), passed, "Reviewed", "head@rgu")
	# another person signs off; an administrator may relax the workflow
	assert not rules.four_eyes_refuses(states("KLS Regional Report"), passed, "Reviewed", "other@rgu")
	assert not rules.four_eyes_refuses(states("KLS Regional Report"), passed, "Reviewed", "head@rgu", True)


def test_work_on_one_desk_is_not_refused():
	held = rules.Step("Planned", "Held", "spec@kgu")
	assert not rules.four_eyes_refuses(states("KLS Event"), held, "Held", "spec@kgu")
	reported = rules.Step("Held", "Reported", "head@kgu")
	assert rules.four_eyes_refuses(states("KLS Event"), reported, "Reported", "head@kgu")


def test_a_history_that_does_not_explain_the_state_counts_for_nothing():
	stale = rules.Step("Submitted", "Reviewed", "head@rgu")
	assert not rules.four_eyes_refuses(states("KLS Regional Report"), stale, "Submitted", "head@rgu")
	assert not rules.four_eyes_refuses(states("KLS Regional Report"), None, "Reviewed", "head@rgu")


def test_self_approval_on_every_path():
	no_self = [{"allow_self_approval": 0}]
	assert rules.self_approval_refuses("a@x", "a@x", no_self)
	assert not rules.self_approval_refuses("a@x", "b@x", no_self)
	assert not rules.self_approval_refuses("a@x", "a@x", [{"allow_self_approval": 1}])
	assert not rules.self_approval_refuses("a@x", "a@x", [])
	with pytest.raises(SelfApprovalError):
		rules.check_self_approval("a@x", "a@x", no_self)
