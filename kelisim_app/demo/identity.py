"""Demo people's IINs and consents (docs/security.md, «Personal data»): every demo person has an IIN with a
valid control digit (the registry's own `iin.make_iin`, so the person passes the registry's check) and a
birth date that agrees with it; most consented to the processing of their data, some did not, so the
protection of people without consent is visible on a demo site. Deterministic: a person's values follow
from his name in the series."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kelisim_app.kelisim_registry import iin as iin_rules

BORN_FROM = date(1955, 1, 1)
BORN_SPAN_DAYS = 50 * 365
CONSENT_PURPOSE = "Учёт членов общественных структур Ассамблеи народа Казахстана"


def number_of(name: str) -> int:
	digits = re.findall(r"\d+", name or "")
	return int(digits[-1]) if digits else abs(hash(name)) % 10**7


def identity(name: str, male: bool, today: date) -> dict:
	"""IIN (valid control digit; empty in the rare case the combination has none) and consent."""
	n = number_of(name)
	born = BORN_FROM + timedelta(days=(n * 37) % BORN_SPAN_DAYS)
	iin = iin_rules.make_iin(born, male, 1000 + n % 9000)
	values: dict = {"iin": iin} if iin else {}
	if n % 7:  # six in seven consented; the seventh is seen only by the office that registered him
		values.update(
			{
				"consent_given": 1,
				"consent_date": today - timedelta(days=30 + n % 700),
				"consent_form": "Electronic",
				"consent_purpose": CONSENT_PURPOSE,
			}
		)
	return values
