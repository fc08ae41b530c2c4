"""Pure rules of mediation cases (kelisim_app.kelisim_mediation.rules), without Frappe."""

from __future__ import annotations

from datetime import date

import pytest

from kelisim_app.kelisim_mediation import rules
from kelisim_app.kelisim_mediation.exceptions import (
	AppealError,
	AppealRateLimitError,
	MediationCaseError,
	MediationSettingsError,
	MediatorAssignmentError,
	ReferralError,
)
from kelisim_app.kelisim_mediation.rules import MediatorInfo, Party

TODAY = date(2026, 6, 15)


def test_status_chain():
	rules.check_transition(None, "Registered")
	with pytest.raises(MediationCaseError):
		rules.check_transition(None, "Assigned")
	for previous, state in [
		("Registered", "Assigned"),
		("Assigned", "In mediation"),
		("In mediation", "Agreement reached"),
		("Agreement reached", "Closed"),
		("Registered", "Withdrawn"),
	]:
		rules.check_transition(previous, state)
	for previous, state in [("Registered", "Closed"), ("Closed", "Registered"), ("Assigned", "No agreement")]:
		with pytest.raises(MediationCaseError):
			rules.check_transition(previous, state)


def test_outcome_terms_and_follow_up():
	with pytest.raises(MediationCaseError, match="terms"):
		rules.check_outcome("Agreement reached", "Agreement reached", " ", None)
	with pytest.raises(MediationCaseError, match="without an outcome"):
		rules.check_outcome("Closed", None, None, None)
	with pytest.raises(MediationCaseError, match=r"follow-up|kept"):
		rules.check_outcome("Closed", "Agreement reached", "terms", None)
	rules.check_outcome("Closed", "Agreement reached", "terms", TODAY)
	rules.check_outcome("Closed", "Withdrawn", None, None)
	assert rules.outcome_for("No agreement") == "No agreement"
	assert rules.outcome_for("In mediation") is None


def test_risk_minors_and_co_handler():
	with pytest.raises(MediationCaseError):
		rules.check_risk("High", "")
	rules.check_risk("High", "groups gathered")
	minor = [Party("Child", "Applicant", True)]
	assert rules.minors_involved(False, minor)
	with pytest.raises(MediationCaseError, match="guardian"):
		rules.check_parties(minor, True)
	with pytest.raises(MediationCaseError, match="guardian"):
		rules.check_parties([*minor, Party("Teen guardian", "Legal guardian", True)], True)
	rules.check_parties([*minor, Party("Mother", "Legal guardian")], True)
	with pytest.raises(MediationCaseError):
		rules.check_co_handler("MC-1", "Mothers' Council", False)
	with pytest.raises(MediationCaseError):
		rules.check_co_handler("MO-1", "Mediation Office", True)
	rules.check_co_handler("MC-1", "Mothers' Council", True)


def test_dates_in_order():
	rules.check_dates(date(2026, 6, 1), TODAY, date(2026, 6, 2), date(2026, 6, 10), date(2026, 6, 11), TODAY)
	with pytest.raises(MediationCaseError):
		rules.check_dates(date(2026, 6, 16), TODAY)
	with pytest.raises(MediationCaseError):
		rules.check_dates(date(2026, 6, 5), TODAY, date(2026, 6, 4))
	with pytest.raises(MediationCaseError):
		rules.check_dates(date(2026, 6, 1), TODAY, None, date(2026, 6, 10), None, date(2026, 6, 9))


def mediator(name, open_cases=0, region="KZ-71", cert="Valid", spec="Household\nLand", status="Active"):
	return MediatorInfo(name, region, status, cert, spec, open_cases)


def test_choose_by_load_region_certification_specialisation():
	pool = [
		mediator("busy", 3),
		mediator("idle", 0, spec="household"),
		mediator("far", 0, region="KZ-75"),
		mediator("lapsed", 0, cert="Expired"),
		mediator("other-field", 0, spec="Labour"),
		mediator("suspended", 0, status="Suspended"),
	]
	assert rules.choose_mediator(pool, "KZ-71", "Household").name == "idle"
	assert rules.choose_mediator(pool, "KZ-71", "Land").name == "busy"
	with pytest.raises(MediatorAssignmentError):
		rules.choose_mediator(pool, "KZ-71", "Discrimination")
	with pytest.raises(MediatorAssignmentError, match="region"):
		rules.check_mediator(mediator("far", region="KZ-75"), "KZ-71")
	with pytest.raises(MediatorAssignmentError, match="certification"):
		rules.check_mediator(mediator("lapsed", cert="Expired"), "KZ-71")
	rules.check_mediator(mediator("ok", cert="Expiring"), "KZ-71")


def test_escalation_levels():
	due = date(2026, 6, 20)
	assert rules.escalation_level(due, date(2026, 6, 10), "Low", 3, 5) == ""
	assert rules.escalation_level(due, date(2026, 6, 17), "Low", 3, 5) == "Mediator"
	assert rules.escalation_level(due, date(2026, 6, 21), "Low", 3, 5) == "KGU Head"
	assert rules.escalation_level(due, date(2026, 6, 25), "Low", 3, 5) == "KGU Head"
	assert rules.escalation_level(due, date(2026, 6, 26), "Low", 3, 5) == "RGU Coordinator"
	assert rules.escalation_level(due, date(2026, 6, 21), "High", 3, 5) == "RGU Coordinator"
	assert rules.escalation_step("", "Mediator") == "Mediator"
	assert rules.escalation_step("Mediator", "Mediator") is None
	assert rules.escalation_step("RGU Coordinator", "KGU Head") is None


def test_sla_settings():
	assert rules.sla_days("Land", {"Land": 10}) == 10
	assert rules.sla_days("Family", {"Land": 10}, 45) == 45
	assert rules.due_date(date(2026, 1, 31), 30) == date(2026, 3, 2)
	with pytest.raises(MediationSettingsError):
		rules.check_sla_rows([("Land", 10), ("Land", 5)])
	with pytest.raises(MediationSettingsError):
		rules.check_sla_rows([("Land", 0)])
	with pytest.raises(MediationSettingsError):
		rules.check_default_sla(0)


def test_appeal_checks_and_contact_matching():
	rules.check_appeal("Ann", "+77010000000", None, "text", True, "Land")
	with pytest.raises(AppealError, match="consent"):
		rules.check_appeal("Ann", "+77010000000", None, "text", False, "Land")
	with pytest.raises(AppealError, match="too long"):
		rules.check_appeal("Ann", "+77010000000", None, "x" * 5001, True, "Land")
	with pytest.raises(AppealError):
		rules.check_appeal("Ann", "", "", "text", True, "Land")
	with pytest.raises(AppealError):
		rules.check_appeal_size("x" * 1_000_000)
	with pytest.raises(AppealRateLimitError):
		rules.check_appeal_rate(5)
	rules.check_appeal_rate(4)
	assert rules.contact_matches("8 (701) 555-11-22", "+7 701 555 1122", None)
	assert rules.contact_matches("A@B.kz", None, "a@b.kz")
	assert not rules.contact_matches("", "+77015551122", None)
	assert not rules.contact_matches("1122", "+77015551122", None)


def test_statistics_helpers():
	assert rules.median_days([3, 10, 5]) == 5.0
	assert rules.median_days([]) is None
	assert rules.resolution_rate(1, 3) == 33.3
	assert rules.resolution_rate(0, 0) == 0.0


def test_the_history_keeps_no_confidential_values():
	diff = {
		"changed": [["narrative", "old secret", "new secret"], ["risk", "Low", "Medium"]],
		"added": [["parties", {"name": "row1", "idx": 3, "party_name": "Secret Person"}]],
		"removed": [["assignments", {"name": "a1", "mediator": "MED-1"}]],
		"row_changed": [["parties", 0, "row0", [["party_name", "Old Name", "New Name"]]]],
		"data_import": None,
	}
	out = rules.redact_diff(diff, ["narrative", "parties"])
	assert out["changed"] == [["narrative", rules.REDACTED, rules.REDACTED], ["risk", "Low", "Medium"]]
	assert out["added"] == [["parties", {"name": "row1", "idx": 3}]]
	assert out["removed"] == [["assignments", {"name": "a1", "mediator": "MED-1"}]]
	assert out["row_changed"] == [["parties", 0, "row0", [["party_name", rules.REDACTED, rules.REDACTED]]]]
	assert out["data_import"] is None
	assert "Secret" not in repr(out) and "Name" not in repr(out["row_changed"])
	assert diff["changed"][0][1] == "old secret", "the diff given is not changed"


def test_a_case_is_interethnic_when_its_parties_belong_to_two_groups():
	a = Party("A", "Applicant", ethnic_group="Kazakhs")
	b = Party("B", "Other party", ethnic_group="Russians")
	assert rules.is_interethnic([a, b])
	assert not rules.is_interethnic([a, Party("B", "Other party", ethnic_group="Kazakhs")])
	assert not rules.is_interethnic([a, Party("B", "Other party")]), "an unrecorded group counts for none"
	assert not rules.is_interethnic([a, Party("L", "Representative", ethnic_group="Russians")])
	assert rules.is_interethnic([a, Party("G", "Legal guardian", ethnic_group="Uzbeks")])


def _ref(**kw):
	values = {
		"partner": "PRT-1",
		"partner_region": "KZ-71",
		"referred_on": date(2026, 3, 2),
		"status": rules.REFERRAL_AWAITING,
	} | kw
	return rules.Referral(**values)


def test_referrals_are_dated_answered_and_in_the_region():
	start, today = date(2026, 3, 1), date(2026, 3, 10)
	rules.check_referrals([_ref(), _ref(partner_region=None)], "KZ-71", start, today)
	rules.check_referrals(
		[_ref(status=rules.REFERRAL_HELPED, answered_on=date(2026, 3, 5))], "KZ-71", start, today
	)
	bad = [
		_ref(partner_region="KZ-75"),
		_ref(referred_on=None),
		_ref(referred_on=date(2026, 2, 28)),
		_ref(referred_on=date(2026, 3, 11)),
		_ref(status=rules.REFERRAL_ACCEPTED),
		_ref(status=rules.REFERRAL_DECLINED, answered_on=date(2026, 3, 1)),
		_ref(status=rules.REFERRAL_DECLINED, answered_on=date(2026, 3, 11)),
		_ref(answered_on=date(2026, 3, 5)),
		_ref(status="Lost"),
	]
	for referral in bad:
		with pytest.raises(ReferralError):
			rules.check_referrals([referral], "KZ-71", start, today)


def test_councils_of_public_consent_handle_and_co_handle_cases():
	rules.check_handling_structure("CPC-1", "Council of Public Consent", "KZ-71", "KZ-71")
	rules.check_handling_structure("CPC-R", "Council of Public Consent", None, "KZ-71")
	with pytest.raises(MediationCaseError):
		rules.check_handling_structure("CPC-2", "Council of Public Consent", "KZ-75", "KZ-71")
	with pytest.raises(MediationCaseError):
		rules.check_handling_structure("MC-1", "Mothers' Council", "KZ-71", "KZ-71")
	rules.check_co_handler("CPC-1", "Council of Public Consent", False, "MO-1")
	with pytest.raises(MediationCaseError):
		rules.check_co_handler("CPC-1", "Council of Public Consent", False, "CPC-1")
	with pytest.raises(MediationCaseError):
		rules.check_co_handler("EC-1", "Ethnocultural Association", True)


def test_bullying_is_recorded_with_its_ground_and_school_on_a_childrens_case():
	rules.check_bullying(False, False, None, None)
	rules.check_bullying(True, True, "Ethnic", "School No. 12")
	for args in (
		(True, False, "Ethnic", "School No. 12"),
		(True, True, None, "School No. 12"),
		(True, True, "Sporting", "School No. 12"),
		(True, True, "Gender-based", "  "),
	):
		with pytest.raises(MediationCaseError):
			rules.check_bullying(*args)


def test_a_council_secretary_changes_only_what_his_council_did():
	fields = ("category", "co_handler_actions", "risk")
	before = {"category": "Family", "co_handler_actions": None, "risk": "Low"}
	rules.check_council_changes(
		before, {**before, "co_handler_actions": "Met the parents"}, fields, ["co_handler_actions"]
	)
	rules.check_council_changes(before, {**before, "risk": "Low"}, fields, ["co_handler_actions"])
	with pytest.raises(MediationCaseError):
		rules.check_council_changes(before, {**before, "risk": "High"}, fields, ["co_handler_actions"])
