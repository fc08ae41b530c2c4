"""Typed errors of events, media coverage and publishing."""

from __future__ import annotations

from kelisim_app.exceptions import KelisimValidationError


class PublicationError(KelisimValidationError):
	"""A media publication is malformed: bad link, no outlet, an outlet that is not ethnic media, a future
	date, a negative reach."""


class BookError(KelisimValidationError):
	"""A book or translation is inconsistent: negative print run, same source and target language, a
	published book without a (past) publication date."""
