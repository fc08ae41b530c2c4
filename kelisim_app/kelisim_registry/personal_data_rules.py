"""Personal data of the registry's people, as the law of the Republic of Kazakhstan «On personal data and
their protection» (No. 94-V, 21 May 2013) asks: plain functions, layer-1 tests run them without Frappe.

* Processing rests on the person's consent (art. 7-8): its date, its form (written or electronic), the signed
  document and the purpose are recorded; a withdrawn consent ends it.
* Without consent, the person's data stay with the office that registered him.
* Data are kept no longer than their purpose needs (art. 12): a person who has left every structure is
  flagged (or anonymised) after the retention period of the registry settings.
* On request, the data are removed (anonymised), keeping the row and its memberships so that the reports'
  counts stay what they were.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from kelisim_app.exceptions import KelisimValidationError, fail
from kelisim_app.utils.i18n import N_, _

WRITTEN, ELECTRONIC = N_("Written"), N_("Electronic")
CONSENT_FORMS = (WRITTEN, ELECTRONIC)
FLAG, ANONYMISE = N_("Flag for review"), N_("Anonymise")
ANONYMOUS_FIRST_NAME = N_("Anonymised")

# what anonymisation clears (gender, region, the role flags and memberships stay: the reports count them)
PERSONAL_FIELDS = (
	"patronymic",
	"iin",
	"birth_date",
	"phone",
	"email",
	"languages",
	"biography",
	"consent_document",
)


class ConsentError(KelisimValidationError):
	"""A consent recorded without what the law asks of it."""


class AnonymisationError(KelisimValidationError):
	"""An anonymisation request that cannot be carried out."""


def check_consent(
	given: bool,
	consent_date: date | None,
	form: str | None,
	purpose: str | None,
	document: str | None,
	withdrawn_on: date | None,
	today: date,
) -> None:
	if not given:
		if withdrawn_on:
			fail(_("A consent is withdrawn only after it was given"), ConsentError)
		return
	if not consent_date:
		fail(_("Enter the date of the consent"), ConsentError)
	if consent_date > today:
		fail(_("The consent cannot be dated in the future"), ConsentError)
	if form not in CONSENT_FORMS:
		fail(_("Choose the form of the consent: written or electronic"), ConsentError)
	if not (purpose or "").strip():
		fail(_("State the purpose of the processing the person consented to"), ConsentError)
	if form == WRITTEN and not document:
		fail(_("Attach the signed written consent"), ConsentError)
	if withdrawn_on and (withdrawn_on < consent_date or withdrawn_on > today):
		fail(_("The consent is withdrawn between its date and today"), ConsentError)


def has_consent(given: bool, withdrawn_on: date | None, today: date) -> bool:
	"""Whether the person's data may go beyond the office that registered him."""
	return bool(given) and not (withdrawn_on and withdrawn_on <= today)


def retention_over(memberships: Iterable[tuple[date | None, date | None]], years: int, today: date) -> bool:
	"""Whether a person has left every structure (every membership ended) more than `years` years ago.
	`memberships`: (start, end) pairs; a person who never was a member is not judged by this rule."""
	ends = [end for _start, end in memberships]
	if not ends or any(end is None or end > today for end in ends):
		return False
	left = max(ends)
	try:
		limit = left.replace(year=left.year + int(years))
	except ValueError:  # 29 February
		limit = left.replace(year=left.year + int(years), day=28)
	return today >= limit


def anonymous_last_name(name: str) -> str:
	"""A stable pseudonym that does not reveal the name (the row stays distinguishable in lists)."""
	return "#" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8].upper()


def check_anonymisation(reason: str | None, already: bool) -> str:
	if already:
		fail(_("This person's data are already anonymised"), AnonymisationError)
	reason = (reason or "").strip()
	if not reason:
		fail(_("Give the reason for the anonymisation (the request it answers)"), AnonymisationError)
	return reason
