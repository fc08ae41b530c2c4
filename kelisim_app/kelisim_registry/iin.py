"""Kazakhstan's individual identification number (IIN, ЖСН / ИИН): control digit, birth date, gender.

Twelve digits: YYMMDD, the century-and-gender digit (1/2: born in the 1800s, 3/4: 1900s, 5/6: 2000s; odd:
male, even: female), four serial digits and a control digit. The control digit is the sum of the first eleven
digits weighted 1..11, modulo 11; when that gives 10, a second pass weights them 3..11, 1, 2; when that too
gives 10 the number is never issued.

Pure: no Frappe at module level (layer-1 tests import it).
"""

from __future__ import annotations

from datetime import date

from kelisim_app.exceptions import fail
from kelisim_app.kelisim_registry.exceptions import InvalidIINError
from kelisim_app.utils.i18n import _

IIN_LENGTH = 12
FIRST_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
CENTURY_BY_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
MALE = "Male"
FEMALE = "Female"


def normalize_iin(iin: str | None) -> str:
	"""The IIN as typed, without the spaces people put in it (`900101 300 123`)."""
	return "".join((iin or "").split())


def _is_twelve_digits(iin: str) -> bool:
	return len(iin) == IIN_LENGTH and iin.isascii() and iin.isdigit()


def control_digit(first_eleven: str) -> int | None:
	"""The control digit for the first eleven digits; None when no valid IIN can start with them."""
	digits = [int(c) for c in first_eleven]
	check = sum(d * w for d, w in zip(digits, FIRST_WEIGHTS, strict=True)) % 11
	if check == 10:
		check = sum(d * w for d, w in zip(digits, SECOND_WEIGHTS, strict=True)) % 11
	return None if check == 10 else check


def iin_checksum_ok(iin: str) -> bool:
	"""Twelve digits whose last one is the control digit of the first eleven."""
	iin = normalize_iin(iin)
	if not _is_twelve_digits(iin):
		return False
	expected = control_digit(iin[:11])
	return expected is not None and expected == int(iin[11])


def birth_date_from_iin(iin: str) -> date | None:
	"""The birth date the IIN encodes; None when the century digit or the date is not a valid one."""
	iin = normalize_iin(iin)
	if not _is_twelve_digits(iin):
		return None
	century = CENTURY_BY_DIGIT.get(int(iin[6]))
	if century is None:
		return None
	try:
		return date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
	except ValueError:
		return None


def gender_from_iin(iin: str) -> str | None:
	"""`Male` (odd century digit) or `Female` (even); None when the digit is not 1..6."""
	iin = normalize_iin(iin)
	if not _is_twelve_digits(iin) or int(iin[6]) not in CENTURY_BY_DIGIT:
		return None
	return MALE if int(iin[6]) % 2 else FEMALE


def check_iin(iin: str) -> str:
	"""Reject a malformed IIN with a message that says what is wrong; return it without spaces."""
	iin = normalize_iin(iin)
	if not _is_twelve_digits(iin):
		fail(_("The IIN must consist of exactly 12 digits"), InvalidIINError)
	if int(iin[6]) not in CENTURY_BY_DIGIT:
		fail(_("The 7th digit of the IIN (century and gender) must be from 1 to 6"), InvalidIINError)
	if birth_date_from_iin(iin) is None:
		fail(_("The first six digits of the IIN are not a valid birth date (YYMMDD)"), InvalidIINError)
	if not iin_checksum_ok(iin):
		fail(_("The IIN {0} is not valid: its control digit does not match").format(iin), InvalidIINError)
	return iin


def check_birth_date_matches(iin: str, birth_date: date | None) -> None:
	"""A birth date entered beside an IIN must be the one the IIN encodes."""
	encoded = birth_date_from_iin(iin)
	if birth_date and encoded and birth_date != encoded:
		fail(
			_("The birth date {0} does not match the IIN, which gives {1}").format(
				birth_date.isoformat(), encoded.isoformat()
			),
			InvalidIINError,
		)


def make_iin(born: date, male: bool, serial: int) -> str | None:
	"""An IIN with a correct control digit for this birth date, gender and 4-digit serial (None when that
	combination can have none): test data and demo data, never a real person's number."""
	century = born.year // 100 * 100
	digit = {1800: 1, 1900: 3, 2000: 5}.get(century)
	if digit is None:
		return None
	digit += 0 if male else 1
	first = f"{born:%y%m%d}{digit}{serial:04d}"
	control = control_digit(first)
	return None if control is None else f"{first}{control}"
