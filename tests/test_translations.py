"""Translations: the extractor (`tests/i18n.py`) finds what Frappe's would, the .po reader reads gettext as
Frappe does, and the kk / ru catalogues cover the app's strings (strict only with KELISIM_I18N_STRICT=1 or
tests/data/i18n_strict; the coverage is always printed in pytest's summary)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import app_meta, i18n


@pytest.fixture(scope="module")
def messages() -> dict:
	return i18n.extract_app()


# ---------------------------------------------------------------------------------------------- the real app
def test_the_app_has_strings_to_translate(messages):
	assert len(messages) > 20
	# one of each source
	assert ("KLS Region", None) in messages  # DocType name
	assert ("Office type", None) in messages  # field label
	assert ("City of republican significance", None) in messages  # Select option
	assert ("A regional office (KGU) must have a region", None) in messages  # Python _()
	assert ("Reset to shipped definition", None) in messages  # JS __()
	assert ("KGU Head", None) in messages  # role


def test_every_role_and_its_description_is_extracted(messages):
	from kelisim_app.kelisim_core import rules

	for spec in rules.ROLES:
		assert (spec.name, None) in messages
		assert (spec.description, None) in messages


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_catalogue_is_readable(lang):
	po = i18n.LOCALE_DIR / f"{lang}.po"
	if not po.is_file():
		pytest.skip(f"no locale/{lang}.po yet")
	entries = i18n.parse_po(po.read_text(encoding="utf-8"))
	header = [e for e in entries if not e.msgid]
	assert len(header) == 1 and f"Language: {lang}" in header[0].msgstr
	keys = [(e.msgid, e.msgctxt) for e in entries if e.msgid and not e.obsolete]
	assert len(keys) == len(set(keys)), "a message is repeated in the catalogue"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_translations_keep_the_placeholders(lang):
	"""`_("Region {0} …").format(x)`: a translation that drops or invents a placeholder breaks the message."""
	po = i18n.LOCALE_DIR / f"{lang}.po"
	if not po.is_file():
		pytest.skip(f"no locale/{lang}.po yet")
	placeholder = i18n.re.compile(r"\{\d*\}|%\(\w+\)s|%s")
	for entry in i18n.parse_po(po.read_text(encoding="utf-8")):
		if entry.translated:
			assert sorted(placeholder.findall(entry.msgid)) == sorted(
				placeholder.findall(entry.translation)
			), entry.msgid


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_coverage(lang, messages):
	report = i18n.coverage(lang, messages=messages)
	assert report.total == len(messages)
	assert report.translated + len(report.missing) == report.total
	if i18n.strict():
		missing = "\n".join(i18n.describe(*m) for m in report.missing[: i18n.MISSING_SHOWN])
		assert report.missing == [], f"{report.summary_line()}; missing:\n{missing}"


def test_the_pot_file_matches_the_code(messages):
	"""main.pot is made by Frappe's own extractors (dev/i18n-update): what Frappe would extract must be in it
	(else translators never see it) and what it holds the code must still say. Like the coverage, a stale
	main.pot fails only in strict mode; otherwise the test is skipped with the count."""
	pot = i18n.LOCALE_DIR / "main.pot"
	if not pot.is_file():
		pytest.skip("no locale/main.pot yet")
	in_pot = {(e.msgid, e.msgctxt) for e in i18n.parse_po(pot.read_text(encoding="utf-8")) if e.msgid}
	frappe_would = {m for m, where in messages.items() if not all(w.endswith("(extra)") for w in where)}
	new, gone = sorted(frappe_would - in_pot), sorted(in_pot - set(messages))
	if (new or gone) and not i18n.strict():
		pytest.skip(f"main.pot is stale ({len(new)} new, {len(gone)} gone strings): run dev/i18n-update")
	assert new == [], "strings missing from main.pot: run dev/i18n-update"
	assert gone == [], "main.pot holds strings the code no longer has: run dev/i18n-update"


# ---------------------------------------------------------------------------------------------- extractors
def test_python_extractor():
	source = """
from frappe import _
import frappe

a = _("Plain")
b = _("Implicitly " "joined")
c = _("With {0}").format(1)
d = _("Change", context="Coins")
e = frappe._("Qualified")
f = _(f"Formatted {a}")
g = _(variable)
h = N_("Marked")
i = _lt("Lazy")
j = "not".format(_)
k = obj._("method, not gettext")
l = pgettext("Ctx", "Contextual")
n = _()
"""
	assert i18n.extract_python(source) == [
		("Plain", None),
		("Implicitly joined", None),
		("With {0}", None),
		("Change", "Coins"),
		("Qualified", None),
		("Marked", None),
		("Lazy", None),
		("Contextual", "Ctx"),
	]


def test_js_extractor():
	source = r"""
frappe.msgprint(__("Double"));
frappe.msgprint(__('Single'));
frappe.msgprint(__("With {0}", [frm.doc.name]));
frappe.msgprint(__("Escaped \"quote\" and it\'s"));
frappe.msgprint(__('Also "quoted"'));
frappe.msgprint(__("Change", null, "Coins"));
frappe.msgprint(__(`Template`));
frappe.msgprint(__(`Interpolated ${x}`));
frappe.msgprint(__(variable));
frappe.msgprint(my__("Not ours"));
frappe.msgprint(obj.__("Not ours either"));
frappe.msgprint(__(
	"Spread over lines"
));
"""
	assert i18n.extract_js(source) == [
		("Double", None),
		("Single", None),
		("With {0}", None),
		('Escaped "quote" and it\'s', None),
		('Also "quoted"', None),
		("Change", "Coins"),
		("Template", None),
		("Spread over lines", None),
	]


def test_html_extractor():
	source = (
		'<h1>{{ _("Title") }}</h1><p>{{ _("Change", context="Coins") }}</p><script>__("From JS")</script>'
	)
	assert sorted(i18n.extract_html(source)) == [("Change", "Coins"), ("From JS", None), ("Title", None)]
	# like Frappe: Jinja's `_()` keeps a message without letters, the regex pass that sees `__()` drops it
	assert i18n.extract_html('{{ _("{0} {1}") }}<script>__("{0}: {1}")</script>') == [("{0} {1}", None)]


def test_doctype_extractor():
	doctype = {
		"doctype": "DocType",
		"name": "KLS Sample",
		"description": "A sample",
		"fields": [
			{"fieldname": "kind", "fieldtype": "Select", "label": "Kind", "options": "\nOne\nTwo\n3"},
			{"fieldname": "naming_series", "fieldtype": "Select", "options": "S-.####"},
			{"fieldname": "icon", "fieldtype": "Select", "options": "icon-a\nicon-b"},
			{"fieldname": "note", "fieldtype": "Data", "description": "Say something"},
			{"fieldname": "intro", "fieldtype": "HTML", "options": "<p>Hello</p>"},
			{"fieldname": "region", "fieldtype": "Link", "label": "Region", "options": "KLS Region"},
		],
		"links": [{"group": "Related", "link_doctype": "KLS Office", "link_fieldname": "region"}],
		"actions": [{"label": "Recompute", "action_type": "Server Action"}],
		"permissions": [{"role": "KGU Head", "read": 1}],
	}
	assert sorted(m for m, _ in i18n.extract_doctype(doctype)) == sorted(
		[
			"KLS Sample",
			"A sample",
			"Kind",
			"One",
			"Two",
			"Say something",
			"<p>Hello</p>",
			"Region",
			"Related",
			"KLS Office",
			"Recompute",
			"KGU Head",
		]
	)


def test_record_and_workflow_extractors():
	workspace = {
		"doctype": "Workspace",
		"label": "Kelisim",
		"links": [{"label": "Regions", "type": "Link", "description": "All regions"}],
		"shortcuts": [{"label": "Offices", "format": "{} open"}],
		"number_cards": [{"label": "Open cases"}],
		"content": json.dumps(
			[{"type": "header", "data": {"text": "Registries"}}, {"type": "spacer", "data": {}}]
		),
	}
	assert {m for m, _ in i18n.extract_record(workspace)} == {
		"Kelisim",
		"Regions",
		"All regions",
		"Offices",
		"{} open",
		"Open cases",
		"Registries",
	}
	assert i18n.extract_record({"doctype": "Report", "report_name": "Offices"}) == [("Offices", None)]
	assert i18n.extract_record({"doctype": "Number Card", "label": "Cases"}) == [("Cases", None)]
	assert i18n.extract_record({"doctype": "Dashboard Chart", "chart_name": "Per region"}) == [
		("Per region", None)
	]
	assert i18n.extract_record({"doctype": "Print Format", "name": "Office Card"}) == [("Office Card", None)]
	assert i18n.extract_record([]) == []
	workflow = {
		"states": [{"state": "Draft"}, {"state": "Approved", "message": "Signed off"}],
		"transitions": [{"action": "Approve"}, {"action": "Approve"}],
	}
	assert [m for m, _ in i18n.extract_workflow(workflow)] == [
		"Draft",
		"Approved",
		"Signed off",
		"Approve",
		"Approve",
	]


@pytest.fixture
def sample_app(tmp_path) -> Path:
	app = tmp_path / "kelisim_app"
	dt = app / "kelisim_core" / "doctype" / "kls_sample"
	dt.mkdir(parents=True)
	(dt / "kls_sample.json").write_text(
		json.dumps(
			{
				"doctype": "DocType",
				"name": "KLS Sample",
				"fields": [{"fieldname": "x", "fieldtype": "Data", "label": "Ex"}],
			}
		)
	)
	(dt / "test_records.json").write_text("[]")
	(dt / "kls_sample.py").write_text('from frappe import _\n\nMSG = _("From Python")\nNUM = _("123")\n')
	(dt / "kls_sample.js").write_text('frappe.ui.form.on("KLS Sample", { refresh() { __("From JS"); } });\n')
	(app / "kelisim_core" / "__pycache__").mkdir()
	(app / "kelisim_core" / "__pycache__" / "x.py").write_text('_("Cached")\n')
	(app / "workflow").mkdir()
	(app / "workflow" / "kls_sample.json").write_text(
		json.dumps({"states": [{"state": "Draft"}], "transitions": []})
	)
	report = app / "kelisim_core" / "report" / "sample_report"
	report.mkdir(parents=True)
	(report / "sample_report.json").write_text(
		json.dumps({"doctype": "Report", "report_name": "Sample Report"})
	)
	(app / "locale").mkdir()
	return app


def test_extract_app_on_a_sample(sample_app):
	found = i18n.extract_app(sample_app, with_roles=False)
	assert set(found) == {
		("KLS Sample", None),
		("Ex", None),
		("From Python", None),
		("From JS", None),
		("Draft", None),
		("Sample Report", None),
		("123", None),
	}
	assert found[("Draft", None)] == ["kelisim_app/workflow/kls_sample.json (extra)"]
	assert found[("From Python", None)] == ["kelisim_app/kelisim_core/doctype/kls_sample/kls_sample.py"]
	assert ("Cached", None) not in found, "folders starting with _ are skipped, as Frappe skips them"


def test_extract_app_reports_broken_files(sample_app):
	(sample_app / "broken.py").write_text("def (:\n")
	with pytest.raises(ValueError, match=r"broken\.py"):
		i18n.extract_app(sample_app, with_roles=False)


# ---------------------------------------------------------------------------------------------- .po reader
SAMPLE_PO = r"""# Kazakh translations
msgid ""
msgstr ""
"Language: kk\n"
"Content-Type: text/plain; charset=utf-8\n"

#. Label of a Data field
#: kelisim_app/x.json
msgid "Region"
msgstr "Өңір"

#, fuzzy
msgid "Office"
msgstr "Мекеме?"

msgid "Empty"
msgstr ""

msgid ""
"Multi "
"line \"quoted\"\n"
msgstr ""
"Көп "
"жол"
msgctxt "Coins"
msgid "Change"
msgstr "Ақша қалдығы"

#, python-format
msgid "{0} file"
msgid_plural "{0} files"
msgstr[0] "{0} файл"
msgstr[1] "{0} файлдар"

#~ msgid "Gone"
#~ msgstr "Жоқ"
"""


def test_the_po_reader():
	entries = i18n.parse_po(SAMPLE_PO)
	by_key = {(e.msgid, e.msgctxt): e for e in entries}
	assert by_key[("", None)].msgstr.startswith("Language: kk\n")
	assert by_key[("Region", None)].translation == "Өңір"
	assert by_key[("Office", None)].fuzzy and not by_key[("Office", None)].translated
	assert not by_key[("Empty", None)].translated
	assert by_key[('Multi line "quoted"\n', None)].translation == "Көп жол"
	assert by_key[("Change", "Coins")].translation == "Ақша қалдығы"
	assert by_key[("{0} file", None)].translation == "{0} файл"
	assert by_key[("{0} file", None)].msgid_plural == "{0} files"
	assert by_key[("Gone", None)].obsolete and not by_key[("Gone", None)].translated
	assert len(entries) == 8


def test_the_po_reader_rejects_garbage():
	with pytest.raises(ValueError):
		i18n.parse_po('msgid "Open\nmsgstr ""\n')
	with pytest.raises(ValueError):
		i18n.parse_po('"orphan continuation"\n')


def test_catalogue_lookup_follows_frappe(tmp_path):
	po = tmp_path / "kk.po"
	po.write_text(SAMPLE_PO, encoding="utf-8")
	catalogue = i18n.read_catalogue(po)
	assert set(catalogue) == {
		("Region", None),
		('Multi line "quoted"\n', None),
		("Change", "Coins"),
		("{0} file", None),
	}
	assert i18n.is_covered(("Region", None), catalogue)
	assert i18n.is_covered(("Region", "Label of a field"), catalogue), (
		"a context falls back to the bare msgid"
	)
	assert i18n.is_covered(("Change", "Coins"), catalogue)
	assert not i18n.is_covered(("Change", None), catalogue), "a contextual translation is not the bare one"
	assert not i18n.is_covered(("Office", None), catalogue), "fuzzy entries do not count"
	assert not i18n.is_covered(("Empty", None), catalogue)
	assert i18n.read_catalogue(tmp_path / "missing.po") == {}


def test_coverage_on_a_sample(sample_app):
	messages = i18n.extract_app(sample_app, with_roles=False)
	assert (
		i18n.coverage("kk", sample_app, messages).summary_line()
		== "translations kk: 0.0% (0/7) - no locale/kk.po"
	)
	(sample_app / "locale" / "kk.po").write_text(
		'msgid "KLS Sample"\nmsgstr "Үлгі"\n\nmsgid "Ex"\nmsgstr "Мысал"\n\nmsgid "Draft"\nmsgstr ""\n',
		encoding="utf-8",
	)
	report = i18n.coverage("kk", sample_app, messages)
	assert (report.translated, report.total) == (2, 7)
	assert report.summary_line() == "translations kk: 28.6% (2/7)"
	assert report.missing == [
		("123", None),
		("Draft", None),
		("From JS", None),
		("From Python", None),
		("Sample Report", None),
	]


def test_po_fragment_round_trips():
	missing = [("Plain", None), ('Say "hi"\nthen go', None), ("Change", "Coins")]
	fragment = i18n.po_fragment(missing, {("Plain", None): ["kelisim_app/x.py"]})
	assert '#: kelisim_app/x.py\nmsgid "Plain"\nmsgstr ""' in fragment
	parsed = i18n.parse_po(fragment)
	assert [(e.msgid, e.msgctxt) for e in parsed] == missing
	assert all(e.msgstr == "" for e in parsed)
	assert i18n.po_fragment([]) == ""


def test_strict_mode(monkeypatch, tmp_path):
	monkeypatch.setattr(app_meta, "DATA_DIR", tmp_path)
	monkeypatch.delenv("KELISIM_I18N_STRICT", raising=False)
	assert not i18n.strict()
	monkeypatch.setenv("KELISIM_I18N_STRICT", "1")
	assert i18n.strict()
	monkeypatch.setenv("KELISIM_I18N_STRICT", "0")
	assert not i18n.strict()
	(tmp_path / "i18n_strict").write_text("")
	assert i18n.strict()


def test_the_command_line():
	root = app_meta.REPO_ROOT
	run = subprocess.run(
		[sys.executable, "-m", "tests.i18n", "missing", "kk"],
		cwd=root,
		capture_output=True,
		text=True,
		timeout=60,
	)
	assert run.returncode == 0, run.stderr
	report = i18n.coverage("kk")
	parsed = i18n.parse_po(run.stdout)
	assert [(e.msgid, e.msgctxt) for e in parsed] == report.missing
	run = subprocess.run(
		[sys.executable, "-m", "tests.i18n", "coverage"], cwd=root, capture_output=True, text=True, timeout=60
	)
	assert run.returncode == 0 and run.stdout.startswith("translations kk: ")
	run = subprocess.run(
		[sys.executable, "-m", "tests.i18n"], cwd=root, capture_output=True, text=True, timeout=60
	)
	assert run.returncode == 2


# ---------------------------------------------------------------------------------------------- Frappe's desk
def test_the_frappe_desk_strings_are_chosen():
	chosen = i18n.frappe_desk_chosen()
	assert len(chosen) >= 300, "a few hundred of Frappe's most visible strings"
	assert len(chosen) == len(set(chosen)), "a desk string is listed twice"
	for must in ("Save", "Submit", "New", "Edit", "Filter", "Actions", "Not permitted", "Login", "Search"):
		assert must in chosen


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_frappe_desk_catalogues_are_well_formed(lang):
	"""Frappe reads `<app>/translations/<lang>.csv`: two columns, no repeats, placeholders kept, and only the
	chosen strings (the file is not a dump of Frappe's catalogue)."""
	path = i18n.APP_TRANSLATIONS_DIR / f"{lang}.csv"
	rows = list(i18n.csv.reader(path.open(encoding="utf-8", newline="")))
	assert rows and all(len(row) == 2 and row[0] and row[1].strip() for row in rows)
	sources = [row[0] for row in rows]
	assert len(sources) == len(set(sources)), "a desk string is translated twice"
	assert set(sources) <= set(i18n.frappe_desk_chosen()), "translations of strings nobody chose"
	placeholder = i18n.re.compile(r"\{\d*\}")
	for source, text in rows:
		assert sorted(placeholder.findall(source)) == sorted(placeholder.findall(text)), source
		assert text != source or not i18n.re.search(r"\b[a-z]{3,}", source), f"left in English: {source!r}"


def test_the_frappe_desk_is_translated_to_kazakh():
	report = i18n.frappe_desk_coverage("kk")
	missing = "\n".join(i18n.describe(*m) for m in report.missing[: i18n.MISSING_SHOWN])
	assert report.missing == [], f"{i18n.frappe_desk_summary_line()}; missing:\n{missing}"


def test_the_csv_reader_follows_frappe(tmp_path):
	path = tmp_path / "kk.csv"
	path.write_text('Save,Сақтау\n"Add, then go","Қосу, сосын өту"\nChange,Өзгерту,Coins\nEmpty,\n', "utf-8")
	assert i18n.read_csv_catalogue(path) == {
		("Save", None): "Сақтау",
		("Add, then go", None): "Қосу, сосын өту",
		("Change", "Coins"): "Өзгерту",
	}
	path.write_text("Only one column\n", "utf-8")
	with pytest.raises(ValueError, match=r"kk\.csv:1"):
		i18n.read_csv_catalogue(path)
	assert i18n.read_csv_catalogue(tmp_path / "none.csv") == {}


def test_web_form_extractor():
	form = {
		"doctype": "Web Form",
		"title": "Appeal",
		"introduction_text": "<p>Describe the <b>dispute</b></p>",
		"button_label": "Send",
		"success_message": "Registered",
		"web_form_fields": [
			{"fieldname": "kind", "fieldtype": "Select", "label": "Kind", "options": "\nOne\nTwo"},
			{"fieldname": "note", "fieldtype": "Data", "label": "Note", "description": "Say it"},
		],
		"list_columns": [{"label": "Name"}],
	}
	assert [m for m, _ in i18n.extract_web_form(form)] == [
		"Appeal",
		"Describe the dispute",
		"Registered",
		"Send",
		"Kind",
		"One",
		"Two",
		"Note",
		"Say it",
		"Name",
	]
	from kelisim_app.utils import babel

	assert [m for *_, m, _c in babel.extract_web_form(i18n.io.StringIO(json.dumps(form)))] == [
		m for m, _ in i18n.extract_web_form(form)
	]
	assert list(babel.extract_web_form(i18n.io.StringIO(json.dumps({"doctype": "Report"})))) == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_workspace_names_are_fully_in_the_users_language(lang):
	"""A workspace's name is its sidebar label: "Kelisim КГУ" mixes two scripts (#23); the brand is written
	in the user's script too."""
	catalogue = i18n.read_catalogue(app_meta.APP_DIR / "locale" / f"{lang}.po")
	names = [json.loads(p.read_text())["name"] for p in app_meta.APP_DIR.glob("*/workspace/*/*.json")]
	assert names
	mixed = {n: catalogue.get((n, None)) for n in names if not catalogue.get((n, None))}
	mixed |= {
		n: catalogue[(n, None)]
		for n in names
		if catalogue.get((n, None)) and any("a" <= ch.lower() <= "z" for ch in catalogue[(n, None)])
	}
	assert not mixed, f"workspace names not fully in {lang}: {mixed}"
