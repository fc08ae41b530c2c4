"""Rules of the mediator registry: certificate data and the state of a certification.

Pure: no Frappe at module level (layer-1 tests import it).
"""

from __future__ import annotations

from datetime import date, timedelta

from kelisim_app.exceptions import fail
from kelisim_app.kelisim_registry.exceptions import CertificationError, MediatorStructureError
from kelisim_app.utils.i18n import _

# A certificate that ends within this many days is flagged "Expiring".
CERTIFICATE_WARNING_DAYS = 60

NOT_CERTIFIED = "Not certified"
VALID = "Valid"
EXPIRING = "Expiring"
EXPIRED = "Expired"
CERTIFICATION_STATES = (NOT_CERTIFIED, VALID, EXPIRING, EXPIRED)

MEDIATOR_STATUSES = ("Active", "Suspended", "Excluded")

# Kinds of public structure (KLS Structure Kind names) a mediator can work in.
MEDIATION_KINDS = ("Mediation Council", "Dialogue Platform", "Mediation Office")


def certification_state(
	valid_until: date | None, today: date, warn_days: int = CERTIFICATE_WARNING_DAYS
) -> str:
	"""`Not certified` without an end date; `Expired` once the end date has passed; `Expiring` when it
	falls within `warn_days` from today (today included); `Valid` otherwise."""
	if valid_until is None:
		return NOT_CERTIFIED
	if valid_until < today:
		return EXPIRED
	if valid_until <= today + timedelta(days=warn_days):
		return EXPIRING
	return VALID


def state_bounds(today: date, warn_days: int = CERTIFICATE_WARNING_DAYS) -> tuple[date, date]:
	"""(first day still valid, last day flagged expiring): what a bulk update compares end dates with."""
	return today, today + timedelta(days=warn_days)


def check_certification(
	number: str | None,
	issued_on: date | None,
	valid_until: date | None,
	today: date | None = None,
) -> None:
	"""A certificate is a number with its date of issue (and, usually, an end date); dates without a number,
	a number without its date, an end date not after the date of issue, or a date of issue in the future
	are refused."""
	number = (number or "").strip()
	if not number and (issued_on or valid_until):
		fail(_("Enter the certificate number, or clear the certificate dates"), CertificationError)
	if number and not issued_on:
		fail(_("Enter the date the certificate {0} was issued").format(number), CertificationError)
	if issued_on and today and issued_on > today:
		fail(_("The certificate cannot be issued in the future"), CertificationError)
	if issued_on and valid_until and valid_until <= issued_on:
		fail(_("The certificate must be valid until a date after its date of issue"), CertificationError)


def check_mediation_structure(
	structure: str | None,
	structure_kind: str | None,
	structure_region: str | None,
	region: str | None,
	exc: type[Exception] = MediatorStructureError,
	wrong_region: str | None = None,
) -> None:
	"""A mediator's (or a case's) council or office must be a mediation structure, of his own region (a
	republican one, without region, fits every region). `wrong_region`: the message for another region."""
	if not structure:
		return
	if structure_kind not in MEDIATION_KINDS:
		fail(
			_("{0} is not a mediation council, dialogue platform or mediation office").format(structure), exc
		)
	if structure_region and region and structure_region != region:
		message = wrong_region or _("{0} works in region {1}, not in the mediator's region {2}")
		fail(message.format(structure, structure_region, region), exc)
