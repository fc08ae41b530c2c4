"""Kazakhstan's formats, the trilingual masters and a user's language from his office
(`kelisim_app/kelisim_core/locale_rules.py`), without Frappe."""

from __future__ import annotations

import re

import pytest

from kelisim_app.kelisim_core import locale_rules
from kelisim_app.kelisim_core.locale_rules import MASTERS, MasterNames
from tests import app_meta

KIND = MasterNames("KLS Structure Kind", "kind_name", "kind_name_kk", "kind_name_ru")


def test_master_names_become_translations():
	rows = [
		{"kind_name": "Mothers' Council", "kind_name_kk": "Аналар кеңесі", "kind_name_ru": "Совет матерей"},
		{"kind_name": "  House of  Friendship ", "kind_name_kk": "Достық үйі", "kind_name_ru": ""},
		{"kind_name": "Festival", "kind_name_kk": "Festival", "kind_name_ru": None},
		{"kind_name": "", "kind_name_kk": "Бос", "kind_name_ru": "Пусто"},
		{"kind_name": "Mothers' Council", "kind_name_kk": "Басқа", "kind_name_ru": "Другое"},
	]
	assert locale_rules.master_translations(KIND, rows) == {
		("kk", "Mothers' Council"): "Аналар кеңесі",
		("ru", "Mothers' Council"): "Совет матерей",
		("kk", "House of Friendship"): "Достық үйі",
	}, "blank or identical twins give nothing; the first record of a shared English name keeps it"


def test_translation_changes_create_and_update_only_what_differs():
	wanted = {("kk", "Astana"): "Астана", ("ru", "Astana"): "Астана", ("kk", "Abai"): "Абай"}
	existing = {("kk", "Astana"): ("t1", "Астана"), ("ru", "Astana"): ("t2", "Astana city")}
	create, update = locale_rules.translation_changes(wanted, existing)
	assert create == [("kk", "Abai", "Абай")]
	assert update == [("t2", "Астана")]
	assert locale_rules.translation_changes({}, existing) == ([], [])


def test_field_for_a_language():
	assert KIND.field_for("kk") == "kind_name_kk"
	assert KIND.field_for("ru-RU") == "kind_name_ru"
	assert KIND.field_for("en") == "kind_name"


@pytest.mark.parametrize("master", MASTERS, ids=lambda m: m.doctype)
def test_every_trilingual_master_is_a_translated_doctype(master):
	"""The desk passes a translated DocType's titles through `__()` in links, lists and link search; the
	fields named here must exist."""
	path, meta = app_meta.app_doctypes()[master.doctype]
	assert meta.get("translated_doctype") == 1, f"{path.name}: translated_doctype is not set"
	fieldnames = {f.get("fieldname") for f in meta.get("fields") or []}
	assert set(master.fields) <= fieldnames
	assert meta.get("title_field") in (None, master.english) or meta.get("autoname", "").endswith(
		master.english
	)


def test_kazakhstan_formats_on_a_fresh_site():
	fresh = {"date_format": "yyyy-mm-dd", "number_format": "#,###.##", "time_format": "HH:mm:ss"}
	updates = locale_rules.format_updates(fresh, applied_before=False)
	assert updates == {
		"date_format": "dd.mm.yyyy",
		"number_format": "# ###,##",
		"first_day_of_the_week": "Monday",
		"country": "Kazakhstan",
		"time_zone": "Asia/Almaty",
	}, "time_format HH:mm:ss (with seconds) is kept as it is"


def test_kazakhstan_formats_leave_an_administrators_choice():
	chosen = {
		"date_format": "dd/mm/yyyy",
		"number_format": "#.###,##",
		"time_format": "HH:mm",
		"first_day_of_the_week": "Sunday",
		"country": "Kyrgyzstan",
		"time_zone": "Asia/Bishkek",
	}
	assert locale_rules.format_updates(chosen, applied_before=False) == {"first_day_of_the_week": "Monday"}
	assert locale_rules.format_updates({}, applied_before=True) == {}, "once applied, never again"


def test_the_setup_wizards_formats_for_kazakhstan_are_frappes_not_a_choice():
	wizard = {"date_format": "dd-mm-yyyy", "number_format": "#,###.##", "country": "Kazakhstan"}
	updates = locale_rules.format_updates(wizard, applied_before=False)
	assert updates["date_format"] == "dd.mm.yyyy" and updates["number_format"] == "# ###,##"


def test_a_users_language_from_his_office():
	assert locale_rules.office_language(None, "kk") == "kk"
	assert locale_rules.office_language("", "ru") == "ru"
	assert locale_rules.office_language("en", "kk") is None, "his own choice stays"
	assert locale_rules.office_language(None, None) is None


def test_the_date_picker_speaks_kazakh_and_russian():
	"""Frappe 15's date picker has no kk or ru: the app's desk script adds both, and the desk loads it."""
	script = (app_meta.APP_DIR / "public" / "js" / "kelisim_locale.js").read_text(encoding="utf-8")
	for lang, january, sunday in (("kk", "Қаңтар", "Жексенбі"), ("ru", "Январь", "Воскресенье")):
		block = script.split(f"$.fn.datepicker.language.{lang} = {{", 1)[1].split("};", 1)[0]
		months = block.split("months: [", 1)[1].split("]", 1)[0]
		days = block.split("days: [", 1)[1].split("]", 1)[0]
		assert months.count('"') == 24 and january in months, lang
		assert days.count('"') == 14 and sunday in days, lang
		assert "firstDay: 1" in block
	hooks = (app_meta.APP_DIR / "hooks.py").read_text(encoding="utf-8")
	assert "/assets/kelisim_app/js/kelisim_locale.js" in hooks


def test_office_names_in_kazakh_and_russian():
	assert locale_rules.office_names(True) == ("«Қоғамдық келісім» РММ", "РГУ «Қоғамдық келісім»")
	assert locale_rules.office_names(False, "Абай облысы", "Абайская область") == (
		"«Қоғамдық келісім» КММ, Абай облысы",
		"КГУ «Қоғамдық келісім», Абайская область",
	)
	office = locale_rules.MASTERS_BY_DOCTYPE["KLS Office"]
	assert locale_rules.master_translations(
		office, [{"office_name": "«Қоғамдық келісім» РММ", "office_name_ru": "РГУ «Қоғамдық келісім»"}]
	) == {("ru", "«Қоғамдық келісім» РММ"): "РГУ «Қоғамдық келісім»"}, "the Kazakh name is the source"


SHIPPED_MASTER_FILES = {
	"kelisim_core/data/regions.csv": ("name_en", "name_kk", "name_ru"),
	"kelisim_registry/data/structure_kinds.csv": ("name_en", "name_kk", "name_ru"),
	"kelisim_projects/data/base_projects.csv": ("project_name", "project_name_kk", "project_name_ru"),
	"kelisim_events/data/event_types.csv": ("type_name", "type_name_kk", "type_name_ru"),
	"kelisim_events/data/languages.csv": ("language_name", "language_name_kk", "language_name_ru"),
}


@pytest.mark.parametrize("path", sorted(SHIPPED_MASTER_FILES))
def test_every_shipped_master_is_named_in_three_languages(path):
	import csv

	english, kk, ru = SHIPPED_MASTER_FILES[path]
	with open(app_meta.APP_DIR / path, encoding="utf-8", newline="") as f:
		rows = list(csv.DictReader(f))
	assert rows
	for row in rows:
		assert row[english].strip() and row[kk].strip() and row[ru].strip(), row
		assert not re.search(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", row[english]), row[english]
		assert re.search(r"[А-Яа-яЁё]", row[ru]), f"{row[ru]!r} is not Russian"
