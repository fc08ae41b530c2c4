"""Personal data rules (kelisim_registry/personal_data_rules.py) and the demo people's IINs, without Frappe."""

from __future__ import annotations

from datetime import date

import pytest

from kelisim_app.demo.identity import identity
from kelisim_app.kelisim_registry import iin as iin_rules
from kelisim_app.kelisim_registry import personal_data_rules as rules

TODAY = date(2026, 12, 4)
GIVEN = dict(given=True, consent_date=date(2025, 1, 10), form="Electronic", purpose="Registry", document=None)


def consent(**changes):
	values = {**GIVEN, "withdrawn_on": None, "today": TODAY, **changes}
	rules.check_consent(
		values["given"],
		values["consent_date"],
		values["form"],
		values["purpose"],
		values["document"],
		values["withdrawn_on"],
		values["today"],
	)


def test_a_consent_records_what_the_law_asks():
	consent()
	consent(form="Written", document="/private/files/consent.pdf")
	rules.check_consent(False, None, None, None, None, None, TODAY)
	for bad in (
		{"consent_date": None},
		{"consent_date": date(2027, 1, 1)},
		{"form": "Oral"},
		{"purpose": "  "},
		{"form": "Written"},  # a written consent without the signed document
		{"withdrawn_on": date(2024, 1, 1)},
		{"withdrawn_on": date(2027, 1, 1)},
	):
		with pytest.raises(rules.ConsentError):
			consent(**bad)
	with pytest.raises(rules.ConsentError):
		rules.check_consent(False, None, None, None, None, date(2025, 1, 1), TODAY)


def test_consent_holds_until_withdrawn():
	assert rules.has_consent(True, None, TODAY)
	assert rules.has_consent(True, date(2026, 12, 5), TODAY)
	assert not rules.has_consent(True, TODAY, TODAY)
	assert not rules.has_consent(False, None, TODAY)


def test_retention_of_people_who_left_every_structure():
	assert rules.retention_over([(date(2010, 1, 1), date(2020, 6, 1))], 5, TODAY)
	assert not rules.retention_over([(date(2010, 1, 1), date(2022, 6, 1))], 5, TODAY)
	assert not rules.retention_over(
		[(date(2010, 1, 1), date(2015, 1, 1)), (date(2016, 1, 1), None)], 5, TODAY
	)
	assert not rules.retention_over([], 5, TODAY), "never a member: not judged by this rule"
	assert rules.retention_over([(None, date(2020, 2, 29))], 5, TODAY)


def test_anonymisation_needs_a_reason_once():
	assert rules.check_anonymisation("  his request ", False) == "his request"
	with pytest.raises(rules.AnonymisationError):
		rules.check_anonymisation(" ", False)
	with pytest.raises(rules.AnonymisationError):
		rules.check_anonymisation("again", True)
	pseudonym = rules.anonymous_last_name("PER-0001")
	assert pseudonym == rules.anonymous_last_name("PER-0001") and "0001" not in pseudonym


def test_demo_people_have_valid_iins_and_mostly_consent():
	people = [identity(f"PER-{n:06d}", n % 2 == 0, TODAY) for n in range(1, 701)]
	iins = [p["iin"] for p in people if p.get("iin")]
	assert len(iins) > 600 and len(set(iins)) == len(iins), "unique IINs"
	assert all(iin_rules.iin_checksum_ok(i) for i in iins)
	for p in people:
		if p.get("consent_given"):
			consent(consent_date=p["consent_date"], form=p["consent_form"], purpose=p["consent_purpose"])
	consented = sum(1 for p in people if p.get("consent_given"))
	assert 0.8 < consented / len(people) < 0.9, "most consented, some did not"
