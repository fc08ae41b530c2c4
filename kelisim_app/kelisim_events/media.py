"""Rules of media coverage and publishing: plain, typed functions, testable without a database.

No Frappe import at module level: layer-1 tests import this module directly.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from kelisim_app.exceptions import fail
from kelisim_app.kelisim_events.exceptions import BookError, PublicationError
from kelisim_app.utils.i18n import _

MEDIA_OUTLET_KIND = "Ethnic Media Outlet"
PUBLICATION_TYPES = (
	"Article",
	"TV",
	"Radio",
	"Social post",
	"Live stream",
	"Interview",
	"Video",
	"Social advertising",
	"FAQ",
)
PUBLICATION_ROLES = ("Author", "Speaker", "Blogger", "Expert", "Interviewee")
GENRES = ("Tale", "Epic", "Classic", "Modern")
BOOK_STATUSES = ("Planned", "In translation", "In print", "Published")
BOOK_PUBLISHED = "Published"
SPIRITUAL_PROJECT = "Spiritual and cultural popularisation of Kazakhstan's ethnic diversity"


def check_url(link: str | None) -> None:
	"""An empty link is allowed; a given one is an http(s) URL with a host and no spaces."""
	link = (link or "").strip()
	if not link:
		return
	try:
		parts = urlsplit(link)
		host = parts.hostname
	except ValueError:
		parts, host = None, None
	if (
		parts is None
		or parts.scheme.lower() not in ("http", "https")
		or not host
		or any(c.isspace() for c in link)
	):
		fail(
			_(
				"The link {0} is not a web address: it must start with http:// or https:// and name a site"
			).format(link),
			PublicationError,
		)


def kazakh_share(kazakh: int, total: int) -> float | None:
	"""The percentage of `total` that is in Kazakh, one decimal; None when there is nothing to count."""
	if kazakh < 0 or total < 0:
		raise ValueError("counts cannot be negative")
	if kazakh > total:
		raise ValueError("the part cannot exceed the whole")
	if total == 0:
		return None
	return round(100.0 * kazakh / total, 1)


def check_outlet(outlet: str | None, outlet_name: str | None) -> None:
	"""A publication names its outlet: a registered ethnic media outlet, or another outlet by name."""
	if not (outlet or "").strip() and not (outlet_name or "").strip():
		fail(
			_("Choose a registered ethnic media outlet or enter the name of the outlet"),
			PublicationError,
		)


def check_outlet_kind(outlet: str | None, kind: str | None) -> None:
	"""A linked outlet is a public structure of the kind Ethnic Media Outlet."""
	if outlet and kind != MEDIA_OUTLET_KIND:
		fail(
			_("{0} is not an ethnic media outlet; enter another outlet by name instead").format(outlet),
			PublicationError,
		)


def check_non_negative(value: int | None, label: str, exc: type[Exception] = PublicationError) -> None:
	if value is not None and value < 0:
		fail(_("{0} cannot be negative").format(label), exc)


def check_publication_date(published_on: date | None, today: date) -> None:
	if published_on and published_on > today:
		fail(_("The publication date cannot be in the future"), PublicationError)


def check_book(
	print_run: int | None,
	source_language: str | None,
	target_language: str | None,
	status: str | None,
	published_on: date | None,
	today: date,
) -> None:
	"""Print run ≥ 0; a translation has two different languages; a Published book has a publication
	date, not in the future (a date in the future is refused whatever the status)."""
	check_non_negative(print_run, _("Print run"), BookError)
	if source_language and target_language and source_language == target_language:
		fail(_("The source and target languages of a translation must differ"), BookError)
	if published_on and published_on > today:
		fail(_("The publication date cannot be in the future"), BookError)
	if status == BOOK_PUBLISHED and not published_on:
		fail(_("A published book needs its publication date"), BookError)
