"""The media and publishing rules (`kelisim_events.media`), without a database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kelisim_app.exceptions import KelisimValidationError
from kelisim_app.kelisim_events import media
from kelisim_app.kelisim_events.exceptions import BookError, PublicationError

TODAY = date(2026, 11, 26)


# ---------------------------------------------------------------------------------------------- URL
@pytest.mark.parametrize(
	"link",
	[
		None,
		"",
		"   ",
		"https://kazpravda.kz/n/article-1",
		"http://example.org",
		"HTTPS://Example.ORG/path?q=1#x",
		"https://www.youtube.com/watch?v=abc",
		"http://10.0.0.1:8080/x",
		"https://қазақ.kz/жаңалық",
	],
)
def test_good_links_pass(link):
	media.check_url(link)


@pytest.mark.parametrize(
	"link",
	[
		"kazpravda.kz/article",
		"www.example.org",
		"ftp://example.org/file",
		"javascript:alert(1)",
		"mailto:someone@example.org",
		"https://",
		"http:///path-only",
		"https://exa mple.org",
		"https://[bad",
		"just some words",
	],
)
def test_bad_links_are_refused(link):
	with pytest.raises(PublicationError, match="not a web address"):
		media.check_url(link)


def test_the_errors_are_validation_errors():
	assert issubclass(PublicationError, KelisimValidationError)
	assert issubclass(BookError, KelisimValidationError)


# ---------------------------------------------------------------------------------------------- share
@pytest.mark.parametrize(
	("kazakh", "total", "share"),
	[
		(0, 0, None),
		(0, 5, 0.0),
		(5, 5, 100.0),
		(1, 3, 33.3),
		(2, 3, 66.7),
		(1, 8, 12.5),
		(7, 9, 77.8),
	],
)
def test_kazakh_share(kazakh, total, share):
	assert media.kazakh_share(kazakh, total) == share


@pytest.mark.parametrize(("kazakh", "total"), [(-1, 3), (1, -3), (4, 3)])
def test_kazakh_share_refuses_impossible_counts(kazakh, total):
	with pytest.raises(ValueError):
		media.kazakh_share(kazakh, total)


# ---------------------------------------------------------------------------------------------- outlet
@pytest.mark.parametrize(
	("outlet", "name"), [("PS-00001", None), (None, "Kazakhstanskaya Pravda"), ("PS-1", "X")]
)
def test_an_outlet_or_its_name_is_enough(outlet, name):
	media.check_outlet(outlet, name)


@pytest.mark.parametrize(("outlet", "name"), [(None, None), ("", ""), ("  ", " \t")])
def test_a_publication_needs_an_outlet(outlet, name):
	with pytest.raises(PublicationError, match="outlet"):
		media.check_outlet(outlet, name)


def test_only_an_ethnic_media_outlet_may_be_linked():
	media.check_outlet_kind("PS-00001", media.MEDIA_OUTLET_KIND)
	media.check_outlet_kind(None, None)
	with pytest.raises(PublicationError, match="PS-00002 is not an ethnic media outlet"):
		media.check_outlet_kind("PS-00002", "Council of Public Consent")
	with pytest.raises(PublicationError):
		media.check_outlet_kind("PS-00003", None)


def test_reach_and_date():
	media.check_non_negative(None, "Reach")
	media.check_non_negative(0, "Reach")
	with pytest.raises(PublicationError, match="Reach cannot be negative"):
		media.check_non_negative(-1, "Reach")
	media.check_publication_date(TODAY, TODAY)
	media.check_publication_date(None, TODAY)
	with pytest.raises(PublicationError, match="future"):
		media.check_publication_date(TODAY + timedelta(days=1), TODAY)


# ---------------------------------------------------------------------------------------------- book
def book(**overrides):
	values = {
		"print_run": 1000,
		"source_language": "Kazakh",
		"target_language": "Korean",
		"status": "Planned",
		"published_on": None,
		"today": TODAY,
	}
	values.update(overrides)
	return media.check_book(**values)


def test_a_good_book_passes():
	book()
	book(print_run=0)
	book(print_run=None, source_language=None, target_language=None)
	book(status="Published", published_on=TODAY)
	book(status="In print", published_on=TODAY - timedelta(days=3))


def test_a_negative_print_run_is_refused():
	with pytest.raises(BookError, match="Print run cannot be negative"):
		book(print_run=-1)


def test_a_translation_needs_two_languages():
	with pytest.raises(BookError, match="must differ"):
		book(target_language="Kazakh")


def test_a_published_book_needs_a_past_date():
	with pytest.raises(BookError, match="needs its publication date"):
		book(status="Published")
	with pytest.raises(BookError, match="future"):
		book(status="Published", published_on=TODAY + timedelta(days=1))
	with pytest.raises(BookError, match="future"):
		book(status="Planned", published_on=TODAY + timedelta(days=1))


def test_the_shipped_choices():
	assert len(media.PUBLICATION_TYPES) == 9
	assert media.GENRES == ("Tale", "Epic", "Classic", "Modern")
	assert media.BOOK_STATUSES[-1] == media.BOOK_PUBLISHED
