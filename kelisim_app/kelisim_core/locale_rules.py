"""Kazakhstan's conventions and the trilingual master data, as plain rules (no Frappe).

* Masters carry their name in three languages (`region_name` / `region_name_kk` / `region_name_ru`, …).
  The desk shows a master in the user's language through Frappe's own mechanism: the DocType is a
  `translated_doctype` (link fields, list columns, link search and report links pass its title through
  `__()`), and the app keeps one Frappe *Translation* per (language, English name) taken from the record.
* System Settings get Kazakhstan's formats once: on the first install, or on a site where they are still
  Frappe's defaults; an administrator's later choice is never overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

LANGUAGES = ("kk", "ru")


@dataclass(frozen=True)
class MasterNames:
	"""A master DocType whose records are named in English with Kazakh and Russian twins."""

	doctype: str
	english: str
	kk: str
	ru: str

	@property
	def fields(self) -> tuple[str, str, str]:
		return (self.english, self.kk, self.ru)

	def field_for(self, lang: str) -> str:
		return {"kk": self.kk, "ru": self.ru}.get(lang.split("-")[0], self.english)


MASTERS = (
	MasterNames("KLS Region", "region_name", "region_name_kk", "region_name_ru"),
	MasterNames("KLS District", "district_name", "district_name_kk", "district_name_ru"),
	MasterNames("KLS Structure Kind", "kind_name", "kind_name_kk", "kind_name_ru"),
	MasterNames("KLS Base Project", "project_name", "project_name_kk", "project_name_ru"),
	MasterNames("KLS Event Type", "type_name", "type_name_kk", "type_name_ru"),
	MasterNames("KLS Language", "language_name", "language_name_kk", "language_name_ru"),
	MasterNames("KLS Ethnic Group", "group_name", "group_name_kk", "group_name_ru"),
	# an office's name is Kazakh (its official name); Russian-speaking users read its Russian twin
	MasterNames("KLS Office", "office_name", "office_name", "office_name_ru"),
)
MASTERS_BY_DOCTYPE = {m.doctype: m for m in MASTERS}


def _clean(value) -> str:
	return " ".join(str(value or "").split())


def master_translations(master: MasterNames, rows: Iterable[Mapping]) -> dict[tuple[str, str], str]:
	"""(language, English name) → name in that language, for the records `rows` of `master`.

	A missing or identical twin gives nothing (the English name stays); when two records share an English
	name but not its translation, the first record keeps it (a Translation is one per source text)."""
	out: dict[tuple[str, str], str] = {}
	for row in rows:
		source = _clean(row.get(master.english))
		if not source:
			continue
		for lang in LANGUAGES:
			text = _clean(row.get(master.field_for(lang)))
			if text and text != source:
				out.setdefault((lang, source), text)
	return out


def translation_changes(
	wanted: Mapping[tuple[str, str], str], existing: Mapping[tuple[str, str], tuple[str, str]]
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
	"""What to write so the Translations say `wanted`: (lang, source, text) to create, and (name, text) of
	existing Translations (`existing`: (lang, source) → (name, text)) to update."""
	create, update = [], []
	for (lang, source), text in sorted(wanted.items()):
		current = existing.get((lang, source))
		if current is None:
			create.append((lang, source, text))
		elif current[1] != text:
			update.append((current[0], text))
	return create, update


# ---------------------------------------------------------------------------------------------- formats
@dataclass(frozen=True)
class Setting:
	field: str
	value: str
	frappe_defaults: tuple[str | None, ...]  # values a site has before anybody chose


KAZAKHSTAN_FORMATS = (
	# dd-mm-yyyy: what Frappe's setup wizard takes from its Country record for Kazakhstan
	Setting("date_format", "dd.mm.yyyy", ("", None, "yyyy-mm-dd", "dd-mm-yyyy")),
	Setting("number_format", "# ###,##", ("", None, "#,###.##")),
	Setting("time_format", "HH:mm:ss", ("", None)),
	Setting("first_day_of_the_week", "Monday", ("", None, "Sunday")),
	Setting("country", "Kazakhstan", ("", None)),
	Setting("time_zone", "Asia/Almaty", ("", None)),
)
CURRENCY = "KZT"
CURRENCY_NUMBER_FORMAT = "# ###,##"
FRAPPE_CURRENCY_NUMBER_FORMATS = ("", None, "#,###.##")


def format_updates(current: Mapping[str, str | None], applied_before: bool) -> dict[str, str]:
	"""The System Settings to set: none once the app has applied them (the administrator owns them from then
	on); else each setting still at Frappe's default."""
	if applied_before:
		return {}
	return {
		s.field: s.value
		for s in KAZAKHSTAN_FORMATS
		if current.get(s.field) in s.frappe_defaults and current.get(s.field) != s.value
	}


def office_language(user_language: str | None, office_language: str | None) -> str | None:
	"""The language a user gets from his office: only while he has none of his own."""
	if user_language or not office_language:
		return None
	return office_language


def office_names(
	is_republican: bool, region_kk: str | None = None, region_ru: str | None = None
) -> tuple[str, str]:
	"""The official names of an office in Kazakh and Russian: «Қоғамдық келісім» РММ / РГУ «Қоғамдық келісім»,
	and a regional one with its region's name."""
	if is_republican:
		return "«Қоғамдық келісім» РММ", "РГУ «Қоғамдық келісім»"
	return f"«Қоғамдық келісім» КММ, {region_kk}", f"КГУ «Қоғамдық келісім», {region_ru or region_kk}"
