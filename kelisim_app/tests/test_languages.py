"""Kazakh and Russian throughout (issue 11): a form, a script report and print formats rendered for a kk user
and for a ru user show no English string of the app; masters appear in the user's language; Frappe's own desk
strings speak Kazakh; Kazakhstan's formats; a new user's language comes from his office."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from pathlib import Path

import frappe
from frappe.desk.form.load import getdoc
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase
from frappe.translate import get_all_translations, get_user_lang
from frappe.utils import formatdate, get_bench_path
from frappe.www.printview import get_html_and_style

from kelisim_app.kelisim_core import localization
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_reporting.tests.factories import NARRATIVE, current_quarter, regional_report
from kelisim_app.tests.utils import kgu_office, make_user

APP_DIR = Path(frappe.get_app_path("kelisim_app"))
REPO_DIR = APP_DIR.parent
# two regions, one report each: the kk user's document is in Kazakh, the ru user's in Russian
CASES = {"kk": ("KZ-71", "Өңірлік есеп"), "ru": ("KZ-75", "Региональный отчёт")}
REGIONAL_FORMAT = "Regional Report"
REPORT = "Reporting Compliance"


def read_po(path: Path) -> dict[str, str]:
	"""msgid → msgstr of a .po file (babel is Frappe's own dependency)."""
	from babel.messages.pofile import read_po as babel_read_po

	with open(path, "rb") as f:
		catalog = babel_read_po(f)
	return {m.id: m.string for m in catalog if m.id and isinstance(m.id, str)}


def app_msgids() -> set[str]:
	return set(read_po(APP_DIR / "locale" / "main.pot"))


class _Text(HTMLParser):
	"""The text a reader sees: data outside <script> and <style>, and the page's <title>."""

	def __init__(self):
		super().__init__()
		self.chunks: list[str] = []
		self.hidden = 0

	def handle_starttag(self, tag, attrs):
		self.hidden += tag in ("script", "style")

	def handle_endtag(self, tag):
		self.hidden -= tag in ("script", "style") and self.hidden > 0

	def handle_data(self, data):
		text = " ".join(data.split())
		if text and not self.hidden:
			self.chunks.append(text)


def html_text(html: str) -> list[str]:
	parser = _Text()
	parser.feed(html)
	return parser.chunks


def tr(msg: str, lang: str | None = None) -> str:
	"""`frappe._` under another name: the literals these tests look up are Frappe's or data, not app strings,
	and must not be extracted into the app's catalogue."""
	return frappe._(msg, lang=lang)


def as_user(user: str) -> None:
	"""What a request of `user` sets: the session user and his language."""
	frappe.set_user(user)
	frappe.local.lang = get_user_lang(user)


class TestLanguages(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.msgids = app_msgids()
		cls.catalogues = {lang: read_po(APP_DIR / "locale" / f"{lang}.po") for lang in ("kk", "ru")}
		cls.period = current_quarter()
		cls.users, cls.reports = {}, {}
		for lang, (region, _title) in CASES.items():
			user = make_user(f"lang-{lang}", [core.ROLE_KGU_SPECIALIST], kgu_office(region), language=lang)
			cls.users[lang] = user
			name = frappe.db.get_value("KLS Regional Report", {"period": cls.period, "region": region})
			if not name:
				name = regional_report(cls.period, region, user, language=lang, **NARRATIVE).name
			frappe.set_user("Administrator")
			frappe.db.set_value("KLS Regional Report", name, "language", lang)
			cls.reports[lang] = name

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	# ------------------------------------------------------------------------------------------ helpers
	def english_leaks(self, lang: str, texts: list[str]) -> list[str]:
		"""The texts that are an app msgid shown in English although the catalogue of `lang` says otherwise
		(strings that are the same in every language, such as «KPI», are not leaks); multi-word msgids are
		also looked for inside longer texts."""
		catalogue = self.catalogues[lang]

		def leaks(msgid: str) -> bool:
			return msgid in self.msgids and catalogue.get(msgid, "") != msgid

		found = {t for t in texts if leaks(t)}
		joined = "\n".join(texts)
		for msgid in self.msgids:
			if " " in msgid and len(msgid) >= 8 and leaks(msgid) and "{" not in msgid:
				if re.search(r"(?<![\w])" + re.escape(msgid) + r"(?![\w])", joined):
					found.add(msgid)
		return sorted(found)

	def form_texts(self, doctype: str, name: str) -> list[str]:
		"""What the desk shows of a form: the DocType's name, the labels of its visible fields, sections and
		tabs (translated by `__()` as the form does), Select values and the workflow state, and the titles of
		links to translated masters."""
		getdoc(doctype, name)
		doc = frappe.response.docs[0]
		meta = frappe.get_meta(doctype)
		texts = [frappe._(doctype)]
		translated = set(frappe.get_all("DocType", {"translated_doctype": 1}, pluck="name"))
		for df in meta.fields:
			if df.hidden or df.fieldtype in ("Column Break",):
				continue
			if df.label:
				texts.append(frappe._(df.label))
			value = doc.get(df.fieldname)
			if df.fieldtype == "Select" and value:
				texts.append(frappe._(value))
			if df.fieldtype == "Link" and value and df.options in translated:
				title_field = frappe.get_meta(df.options).title_field or "name"
				texts.append(frappe._(frappe.db.get_value(df.options, value, title_field) or value))
		if doc.get("workflow_state"):
			texts.append(frappe._(doc.workflow_state))
		return texts

	def report_texts(self) -> list[str]:
		result = run_report(REPORT, filters={"period": self.period})
		texts = [frappe._(REPORT)] + [c.get("label") for c in result["columns"] if isinstance(c, dict)]
		for row in result["result"]:
			if isinstance(row, dict):
				texts += [v for v in row.values() if isinstance(v, str)]
		return [t for t in texts if t]

	def print_texts(self, name: str, print_format: str) -> list[str]:
		out = get_html_and_style("KLS Regional Report", name, print_format=print_format, no_letterhead=1)
		return html_text(out["html"])

	# ------------------------------------------------------------------------------------------ done when
	def test_form_report_and_prints_show_no_english_app_strings(self):
		rendered = 0
		for lang, (region, title) in CASES.items():
			as_user(self.users[lang])
			self.assertEqual(frappe.local.lang, lang)
			name = self.reports[lang]
			form = self.form_texts("KLS Regional Report", name)
			report = self.report_texts()
			official = self.print_texts(name, REGIONAL_FORMAT)
			standard = self.print_texts(name, "Standard")
			for what, texts in (
				("form", form),
				("report", report),
				("print", official),
				("standard print", standard),
			):
				self.assertGreater(len(texts), 5, f"{lang} {what}: nothing rendered")
				self.assertEqual(
					self.english_leaks(lang, texts), [], f"{lang} {what} shows English app strings"
				)
				rendered += len(texts)
			self.assertIn(title, official)
			self.assertIn(tr("Region", lang=lang), form)
			self.assertIn(tr("Region", lang=lang), report)
			region_name = frappe.db.get_value("KLS Region", region, f"region_name_{lang}")
			self.assertIn(region_name, " ".join(official))
		print(
			f"kelisim-metric: kk and ru users: form, report and 2 prints each, {rendered} texts, 0 English app strings"
		)

	def test_the_national_report_prints_statuses_in_its_language(self):
		"""Its region rows keep the status and compliance as msgids (compiled by whoever), and each print
		shows them in the document's language."""
		from kelisim_app.tests.utils import rgu_office

		frappe.db.delete("KLS National Report", {"period": self.period})
		as_user(make_user("lang-rgu", [core.ROLE_RGU_COORDINATOR], rgu_office(), language="kk"))
		national = frappe.get_doc({"doctype": "KLS National Report", "period": self.period}).insert()
		national.compile()
		national.save()
		statuses = {row.report_status for row in national.regions} | {
			row.compliance for row in national.regions
		}
		meta = frappe.get_meta("KLS National Region Row")
		options = set(meta.get_options("report_status").split("\n")) | set(
			meta.get_options("compliance").split("\n")
		)
		self.assertLessEqual(statuses, options, "stored as the options, not in the compiler's language")
		self.assertIn("Missing", statuses)
		for lang in ("kk", "ru"):
			frappe.db.set_value("KLS National Report", national.name, "language", lang)
			html = get_html_and_style("KLS National Report", national.name, print_format="National Report")[
				"html"
			]
			texts = html_text(html)
			self.assertIn(self.catalogues[lang]["Missing"], texts, lang)
			self.assertEqual(self.english_leaks(lang, texts), [], f"{lang} national report print")
			# shipped with the app (kelisim_reporting/print_format/executive_summary)
			html = get_html_and_style("KLS National Report", national.name, print_format="Executive Summary")[
				"html"
			]
			texts = html_text(html)
			self.assertGreater(len(texts), 10)
			self.assertEqual(self.english_leaks(lang, texts), [], f"{lang} executive summary print")

	def test_a_leak_is_caught(self):
		"""The check above can fail: an English label shown to a kk user is found."""
		self.assertEqual(self.english_leaks("kk", ["Өңір", "Region", "KPI"]), ["Region"])
		self.assertIn("Regional Report", self.english_leaks("ru", ["Print: Regional Report, Astana"]))

	def test_the_public_appeal_form_speaks_the_guests_language(self):
		from frappe.utils import set_request
		from frappe.website.serve import get_response_content

		form = frappe.get_doc("Web Form", "mediation-appeal")
		texts = [form.title, form.introduction_text, form.button_label]
		for lang in ("kk", "ru"):
			set_request(method="GET", path="/mediation-appeal/new", headers={"Accept-Language": lang})
			frappe.set_user("Guest")
			frappe.local.lang = lang
			page = html_text(get_response_content("mediation-appeal/new"))
			for text in texts:
				self.assertIn(self.catalogues[lang][text], page, f"{lang}: {text}")
			self.assertEqual(self.english_leaks(lang, page), [], f"{lang}: the appeal form shows English")
			for path in ("appeal-status", "mediation-faq"):
				set_request(method="GET", path=f"/{path}", headers={"Accept-Language": lang})
				page = html_text(get_response_content(path))
				self.assertGreater(len(page), 3, path)
				self.assertEqual(self.english_leaks(lang, page), [], f"{lang}: /{path} shows English")
		frappe.local.request = None

	# ------------------------------------------------------------------------------------------ masters
	def test_masters_are_shown_in_the_users_language(self):
		self.assertEqual(
			tr("Astana", lang="kk"), frappe.db.get_value("KLS Region", "KZ-71", "region_name_kk")
		)
		kind = frappe.db.get_value("KLS Structure Kind", {"kind_name": "Mothers' Council"}, "kind_name_ru")
		self.assertEqual(tr("Mothers' Council", lang="ru"), kind)
		doc = frappe.get_doc(
			{
				"doctype": "KLS Event Type",
				"type_name": "Language Test Hackathon",
				"type_name_kk": "Тілдік сынақ хакатоны",
				"type_name_ru": "Языковой тестовый хакатон",
			}
		).insert(ignore_permissions=True)
		self.assertEqual(tr("Language Test Hackathon", lang="kk"), "Тілдік сынақ хакатоны")
		doc.type_name_kk = "Хакатон (сынақ)"
		doc.save(ignore_permissions=True)
		self.assertEqual(tr("Language Test Hackathon", lang="kk"), "Хакатон (сынақ)")
		self.assertEqual(tr("Language Test Hackathon", lang="ru"), "Языковой тестовый хакатон")
		rgu = frappe.db.get_value(
			"KLS Office", {"office_type": core.OFFICE_RGU}, ["office_name", "office_name_ru"]
		)
		self.assertEqual(tr(rgu[0], lang="ru"), rgu[1])
		self.assertEqual(rgu[1], "РГУ «Қоғамдық келісім»")
		for master in localization.MASTERS:
			self.assertTrue(frappe.get_meta(master.doctype).translated_doctype, master.doctype)
		self.assertIn("KLS Region", frappe.get_all("DocType", {"translated_doctype": 1}, pluck="name"))

	def test_uninstall_takes_the_master_translations_away(self):
		def astana() -> int:
			return frappe.db.count("Translation", {"source_text": "Astana", "language": "kk"})

		self.assertEqual(astana(), 1)
		self.assertGreater(localization.remove_master_translations(), 40)
		self.assertEqual(astana(), 0)
		self.assertGreater(localization.sync_master_translations(), 40)
		self.assertEqual(astana(), 1)
		self.assertEqual(localization.sync_master_translations(), 0, "in step: nothing to write")

	def test_link_search_finds_a_master_by_its_kazakh_name(self):
		from frappe.desk.search import search_link

		as_user(self.users["kk"])
		found = search_link("KLS Structure Kind", "Аналар")
		self.assertIn("Mothers' Council", [r["value"] for r in found])

	def test_notifications_speak_each_recipients_language(self):
		from kelisim_app.kelisim_core.notify import notify

		msgid = "Report {0} awaits your sign-off"
		doc = frappe.get_doc("KLS Regional Report", self.reports["kk"])
		frappe.local.lang = "en"
		notify(list(self.users.values()), lambda: tr(msgid).format(doc.name), doc)
		for lang, user in self.users.items():
			subjects = frappe.get_all(
				"Notification Log",
				filters={"for_user": user, "document_name": doc.name},
				pluck="subject",
				order_by="creation desc",
			)
			self.assertIn(self.catalogues[lang][msgid].format(doc.name), subjects, lang)
		self.assertEqual(frappe.local.lang, "en", "the sender's language is restored")

	# ------------------------------------------------------------------------------------------ Frappe's desk
	def test_frappe_desk_strings_speak_kazakh(self):
		"""The chosen strings are Frappe's (its catalogue or its desk sources) and reach both `_()` and the
		messages the desk boots with (`__()` in Frappe's JS bundles)."""
		chosen = [
			line.strip()
			for line in (REPO_DIR / "tests" / "data" / "frappe_desk_strings.txt")
			.read_text("utf-8")
			.splitlines()
			if line.strip() and not line.startswith("#")
		]
		with open(APP_DIR / "translations" / "kk.csv", encoding="utf-8", newline="") as f:
			kk = {row[0]: row[1] for row in csv.reader(f) if row}
		frappe_dir = Path(frappe.get_app_path("frappe"))
		frappe_ids = set(read_po(frappe_dir / "locale" / "main.pot"))
		desk_sources = "\n".join(
			p.read_text("utf-8", errors="ignore")
			for p in (frappe_dir / "public" / "js" / "frappe").rglob("*")
			if p.suffix in (".js", ".html")
		)
		unknown = [
			m
			for m in chosen
			if m not in frappe_ids and f'__("{m}"' not in desk_sources and f"__('{m}'" not in desk_sources
		]
		self.assertEqual(unknown, [], "chosen strings Frappe does not have")
		boot = get_all_translations("kk")
		app_kk = self.catalogues["kk"]
		wrong = [m for m in chosen if boot.get(m) not in (kk[m], app_kk.get(m))]
		self.assertEqual(wrong, [], "desk strings the kk boot messages do not carry")
		self.assertEqual(tr("Save", lang="kk"), "Сақтау")
		self.assertEqual(tr("Not permitted", lang="kk"), "Рұқсат етілмеген")
		self.assertEqual(tr("Filter By", lang="ru"), "Фильтровать по", "Frappe's ru said «Сортировать по»")
		# the measure: every __() string of the daily desk files
		desk_files = [
			"list/list_view.js",
			"list/base_list.js",
			"list/list_sidebar.js",
			"list/bulk_operations.js",
			"ui/filters/filter.js",
			"ui/filters/filter_list.js",
			"ui/sort_selector.js",
			"form/toolbar.js",
			"form/save.js",
			"form/workflow.js",
			"form/sidebar/form_sidebar.js",
			"form/sidebar/assign_to.js",
			"form/footer/form_timeline.js",
			"ui/toolbar/navbar.html",
			"ui/toolbar/search_utils.js",
			"ui/notifications/notifications.js",
			"ui/messages.js",
			"request.js",
			"utils/pretty_date.js",
		]
		strings = set()
		for rel in desk_files:
			path = frappe_dir / "public" / "js" / "frappe" / rel
			strings |= set(re.findall(r'__\(\s*"((?:[^"\\]|\\.)+)"', path.read_text("utf-8")))
			strings |= set(re.findall(r"__\(\s*'((?:[^'\\]|\\.)+)'", path.read_text("utf-8")))
		strings |= {"Login", "Password", "Forgot Password?", "Email", "Reset Password"}  # www/login.html
		translated = sum(1 for s in strings if boot.get(s))
		print(
			f"kelisim-metric: frappe desk kk: {len(chosen)} chosen strings all translated; "
			f"{translated} of {len(strings)} strings of the daily desk files (Frappe ships 0)"
		)
		self.assertGreater(translated / len(strings), 0.75)

	# ------------------------------------------------------------------------------------------ formats, users
	def test_kazakhstan_formats(self):
		settings = frappe.get_single("System Settings")
		self.assertEqual(settings.date_format, "dd.mm.yyyy")
		self.assertEqual(settings.number_format, "# ###,##")
		self.assertEqual(settings.time_format, "HH:mm:ss")
		self.assertEqual(formatdate("2026-03-05"), "05.03.2026")
		self.assertEqual(frappe.format(1234567.5, {"fieldtype": "Float", "precision": 2}), "1 234 567,50")
		self.assertEqual(frappe.db.get_value("Currency", "KZT", ["enabled", "symbol"]), (1, "₸"))
		self.assertIn("₸", frappe.format(2500000, {"fieldtype": "Currency", "options": "KZT"}))

	def test_an_administrators_format_is_kept(self):
		before = {
			f: frappe.db.get_single_value("System Settings", f) for f in ("date_format", "number_format")
		}
		try:
			frappe.db.set_single_value("System Settings", "date_format", "dd/mm/yyyy")
			self.assertEqual(localization.apply_kazakhstan_formats(), {}, "applied once: never again")
			frappe.db.set_default(localization.FORMATS_APPLIED_KEY, "")
			frappe.db.set_single_value("System Settings", "number_format", "#,###.##")
			updates = localization.apply_kazakhstan_formats()
			self.assertNotIn("date_format", updates, "an administrator's choice")
			self.assertEqual(updates.get("number_format"), "# ###,##", "still Frappe's default")
			self.assertEqual(frappe.db.get_single_value("System Settings", "date_format"), "dd/mm/yyyy")
		finally:
			frappe.db.set_default(localization.FORMATS_APPLIED_KEY, "1")
			for field, value in before.items():
				frappe.db.set_single_value("System Settings", field, value)
			frappe.clear_cache()

	def test_the_setup_wizard_does_not_undo_kazakhstans_formats(self):
		fields = ("date_format", "number_format", "country")
		before = {f: frappe.db.get_single_value("System Settings", f) for f in fields}
		try:
			# what Frappe's wizard writes for Kazakhstan (its Country record and country_info.json)
			frappe.db.set_single_value(
				"System Settings",
				{"date_format": "dd-mm-yyyy", "number_format": "#,###.##", "country": "Russia"},
			)
			self.assertEqual(localization.after_setup_wizard({}), {}, "another country: its formats stay")
			frappe.db.set_single_value("System Settings", "country", "Kazakhstan")
			localization.after_setup_wizard({})
			self.assertEqual(frappe.db.get_single_value("System Settings", "date_format"), "dd.mm.yyyy")
			self.assertEqual(frappe.db.get_single_value("System Settings", "number_format"), "# ###,##")
			self.assertTrue(frappe.db.get_default(localization.FORMATS_APPLIED_KEY))
			self.assertIn(
				"kelisim_app.kelisim_core.localization.after_setup_wizard",
				frappe.get_hooks("setup_wizard_complete"),
			)
		finally:
			frappe.db.set_default(localization.FORMATS_APPLIED_KEY, "1")
			for field, value in before.items():
				frappe.db.set_single_value("System Settings", field, value)
			frappe.clear_cache()

	def test_a_new_user_takes_his_offices_language(self):
		office = kgu_office("KZ-75")
		frappe.db.set_value("KLS Office", office, "default_language", "ru")
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": "lang-from-office@test.kelisim.kz",
				"first_name": "Office",
				"send_welcome_email": 0,
				"kelisim_office": office,
				"roles": [{"role": core.ROLE_KGU_SPECIALIST}],
			}
		).insert(ignore_permissions=True)
		self.assertEqual(user.language, "ru")
		user.language = "en"
		user.save(ignore_permissions=True)
		self.assertEqual(frappe.db.get_value("User", user.name, "language"), "en", "his own choice stays")
		self.assertEqual(frappe.get_meta("KLS Office").get_field("default_language").default, "kk")


class TestWorkflowStatesInTheUsersLanguage(FrappeTestCase):
	"""The read-only workflow_state link of a form and its list column show the state in the user's language:
	Workflow State is a translated DocType (a Property Setter made once, an administrator's choice kept)."""

	def test_workflow_state_is_a_translated_doctype(self):
		from frappe.translate import get_translated_doctypes

		self.assertIn("Workflow State", get_translated_doctypes())
		self.assertFalse(localization.translate_workflow_states())  # made once, at install

	def test_the_states_of_the_workflows_are_translated(self):
		from kelisim_app.kelisim_core.workflow_defs import load_definitions

		states = {s["state"] for _path, wf in load_definitions() for s in wf["states"]}
		for lang in ("kk", "ru"):
			translations = get_all_translations(lang)
			missing = {s for s in states if not translations.get(s) or translations[s] == s}
			self.assertFalse(missing, lang)

	def test_an_administrators_choice_is_kept(self):
		name = frappe.db.get_value(
			"Property Setter", {"doc_type": "Workflow State", "property": "translated_doctype"}
		)
		frappe.db.set_value("Property Setter", name, "value", "0")
		self.assertFalse(localization.translate_workflow_states())
		localization.untranslate_workflow_states()
		self.assertEqual(frappe.db.get_value("Property Setter", name, "value"), "0")
