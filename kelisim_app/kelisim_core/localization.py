"""Languages and formats on the site: the trilingual masters shown in the user's language, Kazakhstan's
date / number / currency formats, a new user's language from his office. The rules are in `locale_rules`."""

from __future__ import annotations

import frappe

from kelisim_app.kelisim_core import locale_rules
from kelisim_app.kelisim_core.locale_rules import MASTERS, MASTERS_BY_DOCTYPE, MasterNames

FORMATS_APPLIED_KEY = "kelisim_kazakhstan_formats_applied"
OFFICE_LANGUAGE_FIELD = "default_language"


# ---------------------------------------------------------------------------------------------- master names
def _existing_translations(sources: set[str]) -> dict[tuple[str, str], tuple[str, str]]:
	if not sources:
		return {}
	rows = frappe.get_all(
		"Translation",
		filters={"language": ["in", list(locale_rules.LANGUAGES)], "source_text": ["in", sorted(sources)]},
		fields=["name", "language", "source_text", "translated_text", "context"],
		order_by="creation asc",
	)
	out: dict[tuple[str, str], tuple[str, str]] = {}
	for row in rows:
		if not row.context:
			out.setdefault((row.language, row.source_text), (row.name, row.translated_text))
	return out


def write_translations(wanted: dict[tuple[str, str], str]) -> int:
	"""Create / update Frappe Translations so that they say `wanted`; returns how many changed."""
	existing = _existing_translations({source for _lang, source in wanted})
	create, update = locale_rules.translation_changes(wanted, existing)
	for lang, source, text in create:
		frappe.get_doc(
			{"doctype": "Translation", "language": lang, "source_text": source, "translated_text": text}
		).insert(ignore_permissions=True)
	for name, text in update:
		doc = frappe.get_doc("Translation", name)
		doc.translated_text = text
		doc.save(ignore_permissions=True)
	return len(create) + len(update)


def _records(master: MasterNames) -> list[dict]:
	return frappe.get_all(master.doctype, fields=list(set(master.fields)), order_by="creation asc")


def sync_master_translations() -> int:
	"""Every master record's Kazakh and Russian name as a Translation of its English name (install, migrate)."""
	changed = 0
	for master in MASTERS:
		if frappe.db.table_exists(master.doctype):
			changed += write_translations(locale_rules.master_translations(master, _records(master)))
	return changed


def remove_master_translations() -> int:
	"""Uninstall: the Translations the app made from its masters (those still saying what a record says)."""
	removed = 0
	for master in MASTERS:
		if not frappe.db.table_exists(master.doctype):
			continue
		wanted = locale_rules.master_translations(master, _records(master))
		existing = _existing_translations({source for _lang, source in wanted})
		for key, text in wanted.items():
			if key in existing and existing[key][1] == text:
				frappe.delete_doc("Translation", existing[key][0], ignore_permissions=True, force=True)
				removed += 1
	return removed


def on_master_update(doc, method=None) -> None:
	"""doc_events `*` on_update: a master's names changed → its Translations follow."""
	master = MASTERS_BY_DOCTYPE.get(doc.doctype)
	if master is not None:
		write_translations(locale_rules.master_translations(master, [doc.as_dict()]))


# ---------------------------------------------------------------------------------------------- formats
def apply_kazakhstan_formats() -> dict[str, str]:
	"""System Settings: dd.mm.yyyy, `# ###,##`, HH:mm:ss, Monday, Kazakhstan, Asia/Almaty, and KZT (₸) with a
	space as thousands separator; once per site, and only where Frappe's default is still in place."""
	applied_before = bool(frappe.db.get_default(FORMATS_APPLIED_KEY))
	fields = [s.field for s in locale_rules.KAZAKHSTAN_FORMATS]
	current = {f: frappe.db.get_single_value("System Settings", f) for f in fields}
	updates = locale_rules.format_updates(current, applied_before)
	if updates:
		settings = frappe.get_single("System Settings")
		settings.update(updates)
		settings.flags.ignore_mandatory = True
		settings.save(ignore_permissions=True)
	if not applied_before:
		_apply_currency()
		frappe.db.set_default(FORMATS_APPLIED_KEY, "1")
	return updates


def after_setup_wizard(args=None) -> dict[str, str]:
	"""hooks.setup_wizard_complete: the wizard sets the formats from Frappe's data for the chosen country
	(for Kazakhstan dd-mm-yyyy and #,###.##), over the ones the app set; for Kazakhstan, Kazakhstan's
	conventions come back (the wizard asks no format, so nobody chose those)."""
	if frappe.db.get_single_value("System Settings", "country") != "Kazakhstan":
		return {}
	frappe.db.set_default(FORMATS_APPLIED_KEY, "")
	return apply_kazakhstan_formats()


def _apply_currency() -> None:
	code = locale_rules.CURRENCY
	if frappe.db.exists("Currency", code):
		values = frappe.db.get_value("Currency", code, ["enabled", "number_format"], as_dict=True)
		updates = {} if values.enabled else {"enabled": 1}
		if values.number_format in locale_rules.FRAPPE_CURRENCY_NUMBER_FORMATS:
			updates["number_format"] = locale_rules.CURRENCY_NUMBER_FORMAT
		if updates:
			frappe.db.set_value("Currency", code, updates)
	if not frappe.db.get_default("currency"):
		frappe.db.set_default("currency", code)


# ---------------------------------------------------------------------------------------------- users
def set_language_from_office(doc, method=None) -> None:
	"""User.validate: a user without a language of his own gets his office's."""
	office = doc.get("kelisim_office")
	if not office or doc.get("language"):
		return
	if not frappe.get_meta("KLS Office").has_field(OFFICE_LANGUAGE_FIELD):
		return
	language = locale_rules.office_language(
		doc.get("language"), frappe.db.get_value("KLS Office", office, OFFICE_LANGUAGE_FIELD)
	)
	if language:
		doc.language = language


# ---------------------------------------------------------------------------------------------- recipients
def users_by_language(users: list[str]) -> dict[str, list[str]]:
	"""Recipients grouped by the language each reads the desk in (his own, else the site's)."""
	if not users:
		return {}
	default = frappe.db.get_single_value("System Settings", "language") or "en"
	chosen = dict(
		frappe.get_all("User", filters={"name": ["in", users]}, fields=["name", "language"], as_list=True)
	)
	groups: dict[str, list[str]] = {}
	for user in users:
		groups.setdefault(chosen.get(user) or default, []).append(user)
	return groups


def in_language(text, lang: str) -> str:
	"""`text` as a reader of `lang` sees it: a function making the text (`lambda: _("…").format(…)`) is
	called with `lang` as the current language, so every `_()` inside it speaks `lang`; a string is kept."""
	if not callable(text):
		return text
	saved = getattr(frappe.local, "lang", None)
	frappe.local.lang = lang
	try:
		return text()
	finally:
		frappe.local.lang = saved


# ---------------------------------------------------------------------------------------------- workflow states
WORKFLOW_STATE = "Workflow State"


def translate_workflow_states() -> bool:
	"""Show the workflow states in the user's language where the desk shows them as links (the read-only
	`workflow_state` field of the app's forms and its list column; the indicator was translated already):
	Workflow State becomes a translated DocType by a Property Setter, made once, so an administrator who
	changes it keeps his choice. Returns True when it made the setter."""
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	if frappe.db.exists("Property Setter", {"doc_type": WORKFLOW_STATE, "property": "translated_doctype"}):
		return False
	make_property_setter(
		WORKFLOW_STATE,
		None,
		"translated_doctype",
		"1",
		"Check",
		for_doctype=True,
		validate_fields_for_doctype=False,
	)
	return True


def untranslate_workflow_states() -> None:
	"""Uninstall: remove the setter `translate_workflow_states` made (an administrator's "0" stays)."""
	frappe.db.delete(
		"Property Setter", {"doc_type": WORKFLOW_STATE, "property": "translated_doctype", "value": "1"}
	)
	frappe.clear_cache(doctype=WORKFLOW_STATE)


# ------------------------------------------------------------------ names of regions in the user's language
def localized_name(english: str | None, kk: str | None, ru: str | None) -> str:
	"""The name of a region or kind in the user's language (kk, ru), English when that is missing."""
	lang = (getattr(frappe.local, "lang", None) or "en").split("-")[0]
	chosen = {"kk": kk, "ru": ru}.get(lang)
	return chosen or english or ""


def region_names(regions: list[str] | set[str] | None = None) -> dict[str, str]:
	"""{region code: its name in the user's language} for `regions` (None: every region)."""
	if regions is not None and not regions:
		return {}
	filters = {"name": ["in", list(regions)]} if regions is not None else {}
	rows = frappe.get_all(
		"KLS Region", filters=filters, fields=["name", "region_name", "region_name_kk", "region_name_ru"]
	)
	return {r.name: localized_name(r.region_name, r.region_name_kk, r.region_name_ru) for r in rows}
