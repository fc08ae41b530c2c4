"""The registry rules (`kelisim_registry.iin`, `kelisim_registry.mediators`), without a database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kelisim_app.exceptions import KelisimValidationError
from kelisim_app.kelisim_registry import iin, mediators
from kelisim_app.kelisim_registry.exceptions import CertificationError, InvalidIINError

# Worked by hand: 8·1+8·2+0·3+4·4+1·5+2·6+3·7+5·8+0·9+7·10+6·11 = 254; 254 mod 11 = 1 = the 12th digit.
REAL_FORMAT = "880412350761"  # a man born on 12 April 1988
SECOND_PASS = "880412300212"  # first pass gives 10; 3,4,…,11,1,2 weights give 2
NEVER_ISSUED = "88041230025"  # both passes give 10: no control digit exists


# ---------------------------------------------------------------------------------------------- IIN
def test_the_hand_worked_example_is_valid():
	assert iin.iin_checksum_ok(REAL_FORMAT)
	assert iin.birth_date_from_iin(REAL_FORMAT) == date(1988, 4, 12)
	assert iin.gender_from_iin(REAL_FORMAT) == "Male"
	assert iin.check_iin(REAL_FORMAT) == REAL_FORMAT


def test_spaces_typed_in_the_number_are_ignored():
	assert iin.iin_checksum_ok("880412 350 761")
	assert iin.check_iin(" 880412 350761 ") == REAL_FORMAT


@pytest.mark.parametrize("position", range(8))
def test_a_mistyped_digit_breaks_the_checksum(position):
	"""+1 on a digit of weight w moves the first pass by w (2..9 here, never 10): the control digit fails."""
	digit = int(REAL_FORMAT[position])
	broken = REAL_FORMAT[:position] + str((digit + 1) % 10) + REAL_FORMAT[position + 1 :]
	assert not iin.iin_checksum_ok(broken)


def test_any_other_control_digit_fails():
	others = [REAL_FORMAT[:11] + str(d) for d in range(10) if str(d) != REAL_FORMAT[11]]
	assert not any(iin.iin_checksum_ok(o) for o in others)


def test_the_second_pass_is_used_when_the_first_gives_ten():
	first = SECOND_PASS[:11]
	assert sum(int(d) * w for d, w in zip(first, iin.FIRST_WEIGHTS, strict=True)) % 11 == 10
	assert iin.control_digit(first) == 2
	assert iin.iin_checksum_ok(SECOND_PASS)
	assert not iin.iin_checksum_ok(first + "0"), "10 mod 10 must not pass for the first-pass result"


def test_a_prefix_whose_both_passes_give_ten_has_no_valid_iin():
	assert iin.control_digit(NEVER_ISSUED) is None
	assert not any(iin.iin_checksum_ok(NEVER_ISSUED + str(d)) for d in range(10))


@pytest.mark.parametrize(
	"born,male,digit",
	[
		(date(1899, 6, 1), False, "2"),
		(date(1900, 1, 1), True, "3"),
		(date(1975, 2, 28), False, "4"),
		(date(2000, 2, 29), True, "5"),
		(date(2012, 12, 31), False, "6"),
	],
)
def test_century_and_gender_digit(born, male, digit):
	number = iin.make_iin(born, male, 123)
	assert number is not None and number[6] == digit
	assert iin.iin_checksum_ok(number)
	assert iin.birth_date_from_iin(number) == born
	assert iin.gender_from_iin(number) == ("Male" if male else "Female")


def test_generated_numbers_are_all_valid():
	made = [iin.make_iin(date(1990, 1, 1) + timedelta(days=i * 37), i % 2 == 0, i) for i in range(300)]
	made = [m for m in made if m]
	assert len(made) > 250
	assert all(iin.iin_checksum_ok(m) for m in made)
	assert all(len(m) == 12 for m in made)


@pytest.mark.parametrize(
	"bad",
	["", "88041235076", "8804123507611", "88041235076a", "８８０４１２３５０７６１", "880412-350761"],
)
def test_not_twelve_digits(bad):
	assert not iin.iin_checksum_ok(bad)
	assert iin.birth_date_from_iin(bad) is None
	with pytest.raises(InvalidIINError, match="12 digits"):
		iin.check_iin(bad)


def test_century_digit_out_of_range():
	number = "880412" + "7" + "5076"
	number += str(iin.control_digit(number))
	assert iin.iin_checksum_ok(number), "the checksum alone does not know centuries"
	assert iin.birth_date_from_iin(number) is None
	assert iin.gender_from_iin(number) is None
	with pytest.raises(InvalidIINError, match="7th digit"):
		iin.check_iin(number)


def test_impossible_birth_date():
	number = "880230" + "3" + "5076"  # 30 February
	number += str(iin.control_digit(number) or 0)
	assert iin.birth_date_from_iin(number) is None
	with pytest.raises(InvalidIINError, match="birth date"):
		iin.check_iin(number)


def test_wrong_control_digit_names_the_number():
	wrong = REAL_FORMAT[:11] + "2"
	with pytest.raises(InvalidIINError, match=wrong):
		iin.check_iin(wrong)


def test_iin_errors_are_validation_errors():
	assert issubclass(InvalidIINError, KelisimValidationError)


def test_birth_date_must_match_the_iin():
	iin.check_birth_date_matches(REAL_FORMAT, date(1988, 4, 12))
	iin.check_birth_date_matches(REAL_FORMAT, None)
	with pytest.raises(InvalidIINError, match="1988-04-12"):
		iin.check_birth_date_matches(REAL_FORMAT, date(1988, 4, 13))


# ---------------------------------------------------------------------------------------------- mediators
TODAY = date(2026, 3, 1)


@pytest.mark.parametrize(
	"valid_until,state",
	[
		(None, "Not certified"),
		(TODAY - timedelta(days=1), "Expired"),
		(TODAY, "Expiring"),
		(TODAY + timedelta(days=59), "Expiring"),
		(TODAY + timedelta(days=60), "Expiring"),
		(TODAY + timedelta(days=61), "Valid"),
		(date(2030, 1, 1), "Valid"),
	],
)
def test_certification_state(valid_until, state):
	assert mediators.certification_state(valid_until, TODAY, 60) == state


def test_the_warning_window_is_a_parameter_with_a_default():
	assert mediators.CERTIFICATE_WARNING_DAYS == 60
	soon = TODAY + timedelta(days=20)
	assert mediators.certification_state(soon, TODAY, 10) == "Valid"
	assert mediators.certification_state(soon, TODAY) == "Expiring"
	assert set(mediators.CERTIFICATION_STATES) == {"Not certified", "Valid", "Expiring", "Expired"}


def test_state_bounds_agree_with_the_state():
	first_valid, last_expiring = mediators.state_bounds(TODAY, 60)
	assert mediators.certification_state(first_valid - timedelta(days=1), TODAY, 60) == "Expired"
	assert mediators.certification_state(first_valid, TODAY, 60) == "Expiring"
	assert mediators.certification_state(last_expiring, TODAY, 60) == "Expiring"
	assert mediators.certification_state(last_expiring + timedelta(days=1), TODAY, 60) == "Valid"


def test_a_complete_certificate_passes():
	mediators.check_certification("MC-0001", date(2024, 5, 1), date(2027, 5, 1), TODAY)
	mediators.check_certification("MC-0001", date(2024, 5, 1), None, TODAY)
	mediators.check_certification(None, None, None, TODAY)
	mediators.check_certification("  ", None, None)


@pytest.mark.parametrize(
	"number,issued_on,valid_until,message",
	[
		(None, date(2024, 5, 1), None, "certificate number"),
		("", None, date(2027, 5, 1), "certificate number"),
		("MC-0001", None, date(2027, 5, 1), "was issued"),
		("MC-0001", None, None, "was issued"),
		("MC-0001", date(2024, 5, 1), date(2024, 5, 1), "after its date of issue"),
		("MC-0001", date(2024, 5, 1), date(2023, 5, 1), "after its date of issue"),
		("MC-0001", TODAY + timedelta(days=1), None, "future"),
	],
)
def test_inconsistent_certificates_are_refused(number, issued_on, valid_until, message):
	with pytest.raises(CertificationError, match=message):
		mediators.check_certification(number, issued_on, valid_until, TODAY)
