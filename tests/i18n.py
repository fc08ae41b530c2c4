"""The app's user-facing strings and how much of them the kk / ru catalogues translate.

Extraction follows Frappe v15's babel extractors (`frappe/gettext/extractors/`) without needing Frappe or
babel: DocType JSON, `_()` in Python, `__()` in JS and HTML, Report / Workspace JSON; plus what the desk shows
translated but Frappe's `generate-pot` does not collect (workflow states and actions, Number Card and Dashboard
Chart labels, Print Format names, Web Form texts, the app's roles): those are marked `extra` in the locations.

	python3 -m tests.i18n coverage          # one line per language
	python3 -m tests.i18n missing kk        # the untranslated strings of kk as a .po fragment
"""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests import app_meta

LANGUAGES = ("kk", "ru")
MISSING_SHOWN = 20
LOCALE_DIR = app_meta.APP_DIR / "locale"

Message = tuple[str, str | None]  # (msgid, msgctxt)

# frappe/gettext/extractors/doctype.py
EXCLUDE_SELECT_OPTIONS = frozenset(
	{"naming_series", "number_format", "float_precision", "currency_precision", "minimum_password_score"}
)
# babel's DEFAULT_KEYWORDS that take the message first, and Frappe's `_lt`
PY_KEYWORDS = frozenset({"_", "_lt", "N_", "gettext", "ugettext"})
PY_CONTEXT_FIRST = frozenset({"pgettext"})

_JS_STRING = r"""(?:"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\$])*`)"""
JS_CALL = re.compile(
	r"(?<![\w$.])__\(\s*(?P<msg>" + _JS_STRING + r")"
	r"(?:\s*,\s*(?:null|undefined|\[[^\]]*\]|\{[^}]*\}|[\w.$]+)\s*,\s*(?P<ctx>" + _JS_STRING + r"))?"
	r"\s*[,)]"
)
# Jinja `{{ _("…") }}` in templates; `__("…")` there is caught by JS_CALL
HTML_CALL = re.compile(
	r"(?<![\w$.])_\(\s*(?P<msg>"
	+ _JS_STRING
	+ r")\s*(?:,\s*context\s*=\s*(?P<ctx>"
	+ _JS_STRING
	+ r"))?\s*\)"
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "`": "`", "0": "\0"}


# ---------------------------------------------------------------------------------------------- extractors
def _unquote_js(literal: str) -> str:
	body = literal[1:-1]
	return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body, flags=re.S)


def extract_js(source: str) -> list[Message]:
	"""`__("msg")`, `__('msg', [args])`, `__("msg", null, "context")`: the first argument when it is a literal
	(template literals only without `${…}`)."""
	out = []
	for m in JS_CALL.finditer(source):
		ctx = m.group("ctx")
		out.append((_unquote_js(m.group("msg")), _unquote_js(ctx) if ctx else None))
	return out


def _frappe_regex_keeps(msgid: str) -> bool:
	"""frappe/gettext/extractors/utils.py `is_translatable`: the filter of Frappe's regex pass over templates,
	the only pass that sees `__()` in an HTML / Vue file (Jinja's extractor, which keeps everything, sees
	`_()` only)."""
	return bool(
		re.search("[a-zA-Z]", msgid)
		and not msgid.startswith("fa fa-")
		and not msgid.endswith("px")
		and not msgid.startswith("eval:")
	)


def extract_html(source: str) -> list[Message]:
	out = [m for m in extract_js(source) if _frappe_regex_keeps(m[0])]
	for m in HTML_CALL.finditer(source):
		ctx = m.group("ctx")
		out.append((_unquote_js(m.group("msg")), _unquote_js(ctx) if ctx else None))
	return out


def _str_const(node: ast.AST | None) -> str | None:
	return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def extract_python(source: str, filename: str = "<string>") -> list[Message]:
	"""`_("msg")`, `_("msg", context="ctx")`, `_lt(…)`, `N_(…)`, `pgettext("ctx", "msg")`: calls whose message is
	a string constant (implicitly concatenated literals included; f-strings and variables skipped)."""
	calls = sorted(
		(n for n in ast.walk(ast.parse(source, filename=filename)) if isinstance(n, ast.Call)),
		key=lambda n: (n.lineno, n.col_offset),
	)
	out = []
	for node in calls:
		func = node.func
		name = (
			func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
		)
		if isinstance(func, ast.Attribute) and not (
			isinstance(func.value, ast.Name) and func.value.id == "frappe"
		):
			continue  # `frappe._("…")` counts, `"…".format`/`obj._(…)` do not
		if name in PY_KEYWORDS and node.args:
			msg = _str_const(node.args[0])
			ctx = next((_str_const(k.value) for k in node.keywords if k.arg == "context"), None)
			if msg is not None:
				out.append((msg, ctx))
		elif name in PY_CONTEXT_FIRST and len(node.args) >= 2:
			ctx, msg = _str_const(node.args[0]), _str_const(node.args[1])
			if msg is not None:
				out.append((msg, ctx))
	return out


def extract_doctype(data: dict) -> list[Message]:
	"""frappe/gettext/extractors/doctype.py, plus the labels of the DocType's actions."""
	if not isinstance(data, dict):
		return []
	out: list[str] = [data.get("name") or "", data.get("description") or ""]
	for f in data.get("fields") or []:
		fieldtype, fieldname = f.get("fieldtype"), f.get("fieldname")
		out += [f.get("label") or "", f.get("description") or ""]
		options = f.get("options") or ""
		if options and fieldtype == "Select" and fieldname not in EXCLUDE_SELECT_OPTIONS:
			select_options = [o for o in options.split("\n") if o and not o.isdigit()]
			if not (select_options and "icon" in select_options[0]):
				out += select_options
		elif options and fieldtype == "HTML":
			out.append(options)
	for link in data.get("links") or []:
		out += [link.get("group") or "", link.get("link_doctype") or ""]
	for action in data.get("actions") or []:
		out += [action.get("label") or "", action.get("group") or ""]
	out += [p["role"] for p in data.get("permissions") or [] if p.get("role")]
	return [(m, None) for m in out if m]


def extract_record(data: dict) -> list[Message]:
	"""Standard records: Report name (Frappe's report extractor), Workspace (Frappe's workspace extractor),
	and the names the desk shows translated for Number Card, Dashboard Chart and Print Format."""
	if not isinstance(data, dict):
		return []
	doctype = data.get("doctype")
	out: list[str] = []
	if doctype == "Report":
		out.append(data.get("report_name") or "")
	elif doctype == "Workspace":
		out.append(data.get("label") or "")
		out += [c.get("label") or "" for c in data.get("charts") or []]
		out += [c.get("label") or "" for c in data.get("number_cards") or []]
		for link in data.get("links") or []:
			out += [link.get("label") or "", link.get("description") or ""]
		for shortcut in data.get("shortcuts") or []:
			out += [shortcut.get("label") or "", shortcut.get("format") or ""]
		try:
			content = json.loads(data.get("content") or "[]")
		except ValueError:
			content = []
		out += [
			(item.get("data") or {}).get("text") or ""
			for item in content
			if isinstance(item, dict) and item.get("type") in ("header", "paragraph")
		]
	elif doctype == "Number Card":
		out.append(data.get("label") or "")
	elif doctype == "Dashboard Chart":
		out.append(data.get("chart_name") or "")
	elif doctype == "Print Format":
		out.append(data.get("name") or "")
	return [(m, None) for m in out if m]


def extract_workflow(data: dict) -> list[Message]:
	if not isinstance(data, dict):
		return []
	out = [s.get("state") or "" for s in data.get("states") or []]
	out += [s.get("message") or "" for s in data.get("states") or []]
	out += [t.get("action") or "" for t in data.get("transitions") or []]
	return [(m, None) for m in out if m]


def extract_web_form(data: dict) -> list[Message]:
	"""A web form's texts, as the app's babel extractor (`kelisim_app/utils/babel.py`) gives them."""
	from kelisim_app.utils.babel import web_form_messages

	return [(m, None) for m in web_form_messages(data)]


def extract_roles() -> list[Message]:
	from kelisim_app.kelisim_core import rules

	return [(m, None) for spec in rules.ROLES for m in (spec.name, spec.description) if m]


RECORD_FOLDERS = ("report", "workspace", "number_card", "dashboard_chart", "print_format")


def _walk(app_dir: Path) -> Iterator[Path]:
	"""Files Frappe's `generate_pot` visits: no folder starting with `.` or `_`, nothing built."""
	for dirpath, dirnames, filenames in os.walk(app_dir):
		dirnames[:] = sorted(
			d for d in dirnames if not d.startswith((".", "_")) and d != "node_modules" and d != "locale"
		)
		if Path(dirpath).relative_to(app_dir).as_posix().startswith(("public/dist", "public/frontend")):
			continue  # built files (the field app's sources are read from frontend/src)
		for name in sorted(filenames):
			yield Path(dirpath) / name


def _is_translatable(msgid: str) -> bool:
	"""What `frappe.gettext.translate.generate_pot` keeps: every non-empty message. Babel's Python and Jinja
	extractors do not ask for a letter, so `_("{0} {1}")` or `_("123")` are in main.pot and need a msgstr
	(only Frappe's regex pass over templates and the DocType Select options drop such strings, and those
	are filtered where they are read)."""
	return bool(msgid)


def extract_app(app_dir: Path = app_meta.APP_DIR, with_roles: bool = True) -> dict[Message, list[str]]:
	"""Every user-facing message of the app → where it comes from (`path`, or `path (extra)` when Frappe's
	own extractors would not collect it)."""
	found: dict[Message, list[str]] = {}

	def add(messages: Iterable[Message], where: str) -> None:
		for msgid, ctx in messages:
			if _is_translatable(msgid):
				found.setdefault((msgid, ctx), []).append(where)

	for path in _walk(app_dir):
		rel = path.relative_to(app_dir.parent).as_posix()
		parts = path.relative_to(app_dir).parts
		try:
			if path.suffix == ".py":
				add(extract_python(path.read_text(encoding="utf-8"), rel), rel)
			elif path.suffix == ".js":
				add(extract_js(path.read_text(encoding="utf-8")), rel)
			elif path.suffix in (".html", ".vue"):
				add(extract_html(path.read_text(encoding="utf-8")), rel)
			elif path.suffix == ".json" and len(parts) >= 3 and parts[-3] == "doctype":
				data = app_meta.load_json(path)
				if isinstance(data, dict) and data.get("doctype") == "DocType":
					add(extract_doctype(data), rel)
			elif path.suffix == ".json" and len(parts) >= 3 and parts[-3] in RECORD_FOLDERS:
				data = app_meta.load_json(path)
				frappe_collects = isinstance(data, dict) and data.get("doctype") in ("Report", "Workspace")
				add(extract_record(data), rel if frappe_collects else f"{rel} (extra)")
			elif path.suffix == ".json" and len(parts) >= 3 and parts[-3] == "web_form":
				data = app_meta.load_json(path)
				if isinstance(data, dict) and data.get("doctype") == "Web Form":
					add(extract_web_form(data), f"{rel} (extra)")
			elif path.suffix == ".json" and parts[0] == "workflow" and len(parts) == 2:
				add(extract_workflow(app_meta.load_json(path)), f"{rel} (extra)")
		except (SyntaxError, ValueError, UnicodeDecodeError) as e:
			raise ValueError(f"{rel}: cannot extract messages: {e}") from e
	if with_roles:
		add(extract_roles(), "kelisim_app/kelisim_core/rules.py:ROLES (extra)")
	# the field app's interface (frontend/src, .vue and .js: Frappe's own extractors read them the same way)
	frontend = app_dir.parent / "frontend" / "src"
	if frontend.is_dir():
		for path in _walk(frontend):
			rel = path.relative_to(app_dir.parent).as_posix()
			if path.suffix == ".js":
				add(extract_js(path.read_text(encoding="utf-8")), rel)
			elif path.suffix == ".vue":
				add(extract_html(path.read_text(encoding="utf-8")), rel)
	return found


# ---------------------------------------------------------------------------------------------- catalogues
@dataclass
class PoEntry:
	msgid: str = ""
	msgstr: str = ""
	msgctxt: str | None = None
	msgid_plural: str | None = None
	plurals: dict[int, str] = field(default_factory=dict)
	flags: set[str] = field(default_factory=set)
	obsolete: bool = False

	@property
	def fuzzy(self) -> bool:
		return "fuzzy" in self.flags

	@property
	def translation(self) -> str:
		return self.plurals.get(0, "") if self.msgid_plural is not None else self.msgstr

	@property
	def translated(self) -> bool:
		return bool(self.msgid) and bool(self.translation) and not self.fuzzy and not self.obsolete


def _unquote_po(literal: str, line_no: int) -> str:
	literal = literal.strip()
	if len(literal) < 2 or literal[0] != '"' or literal[-1] != '"':
		raise ValueError(f"line {line_no}: expected a quoted string, got {literal!r}")
	return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), literal[1:-1])


def parse_po(text: str) -> list[PoEntry]:
	"""gettext .po entries: `msgctxt`, `msgid`, `msgid_plural`, `msgstr`, `msgstr[n]`, continued strings,
	`#,` flags, `#~` obsolete entries. The header (empty msgid) is returned too."""
	entries: list[PoEntry] = []
	entry = PoEntry()
	started = False
	target: tuple[str, int | None] | None = None

	def finish() -> None:
		nonlocal entry, started, target
		if started:
			entries.append(entry)
		entry, started, target = PoEntry(), False, None

	for line_no, raw in enumerate(text.splitlines(), start=1):
		line = raw.strip()
		obsolete = line.startswith("#~")
		if obsolete:
			line = line[2:].strip()
			if not line or line.startswith("#"):
				continue
		elif not line:
			finish()
			continue
		elif line.startswith("#"):
			if started and target is not None and target[0] == "msgstr":
				finish()  # comments open the next entry
			if line.startswith("#,"):
				entry.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
			continue
		if line.startswith('"'):
			if target is None:
				raise ValueError(f"line {line_no}: a string continues nothing")
			value = _unquote_po(line, line_no)
			kind, index = target
			if kind == "msgstr" and index is not None:
				entry.plurals[index] += value
			else:
				setattr(entry, kind, (getattr(entry, kind) or "") + value)
			continue
		match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(.*)$", line)
		if not match:
			raise ValueError(f"line {line_no}: cannot read {raw!r}")
		keyword, index, rest = match.group(1), match.group(2), match.group(3)
		if keyword in ("msgctxt", "msgid") and started and target is not None and target[0] == "msgstr":
			finish()  # a new entry without a blank line before it
		if keyword == "msgctxt" or (keyword == "msgid" and not started):
			started = True
		value = _unquote_po(rest, line_no)
		entry.obsolete = entry.obsolete or obsolete
		if keyword == "msgstr" and index is not None:
			entry.plurals[int(index)] = value
			target = ("msgstr", int(index))
		else:
			setattr(entry, keyword, value)
			target = (keyword, None)
	finish()
	return entries


def read_catalogue(path: Path) -> dict[Message, str]:
	"""(msgid, msgctxt) → msgstr of the usable translations of a .po file; {} when there is no file."""
	if not path.is_file():
		return {}
	return {
		(e.msgid, e.msgctxt): e.translation
		for e in parse_po(path.read_text(encoding="utf-8"))
		if e.translated
	}


def is_covered(message: Message, catalogue: dict[Message, str]) -> bool:
	"""As `frappe._` looks up: `msgid:context` first, then the bare msgid."""
	msgid, ctx = message
	return (msgid, ctx) in catalogue or (msgid, None) in catalogue


@dataclass
class Coverage:
	lang: str
	total: int
	translated: int
	missing: list[Message]
	catalogue_exists: bool

	@property
	def percent(self) -> float:
		return 100.0 * self.translated / self.total if self.total else 100.0

	def summary_line(self) -> str:
		line = f"translations {self.lang}: {self.percent:.1f}% ({self.translated}/{self.total})"
		return line if self.catalogue_exists else f"{line} - no locale/{self.lang}.po"


def coverage(
	lang: str, app_dir: Path = app_meta.APP_DIR, messages: dict[Message, list[str]] | None = None
) -> Coverage:
	messages = extract_app(app_dir) if messages is None else messages
	po = app_dir / "locale" / f"{lang}.po"
	catalogue = read_catalogue(po)
	missing = sorted(
		(m for m in messages if not is_covered(m, catalogue)), key=lambda m: (m[0].lower(), m[1] or "")
	)
	return Coverage(lang, len(messages), len(messages) - len(missing), missing, po.is_file())


def describe(msgid: str, context: str | None = None) -> str:
	text = msgid if len(msgid) <= 90 else msgid[:87] + "..."
	text = text.replace("\n", "\\n")
	return f"{text!r} [{context}]" if context else repr(text)


def _quote_po(value: str) -> str:
	escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
	lines = escaped.split("\n")
	if len(lines) == 1:
		return f'"{escaped}"'
	parts = [f"{line}\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
	return '""\n' + "\n".join(f'"{p}"' for p in parts)


def po_fragment(messages: Iterable[Message], locations: dict[Message, list[str]] | None = None) -> str:
	blocks = []
	for msgid, ctx in messages:
		lines = [f"#: {where}" for where in sorted(set((locations or {}).get((msgid, ctx), [])))]
		if ctx:
			lines.append(f"msgctxt {_quote_po(ctx)}")
		lines += [f"msgid {_quote_po(msgid)}", 'msgstr ""']
		blocks.append("\n".join(lines))
	return "\n\n".join(blocks) + ("\n" if blocks else "")


# ---------------------------------------------------------------------------------------------- Frappe's desk
FRAPPE_DESK_CHOSEN = app_meta.DATA_DIR / "frappe_desk_strings.txt"
APP_TRANSLATIONS_DIR = app_meta.APP_DIR / "translations"


def read_csv_catalogue(path: Path) -> dict[Message, str]:
	"""A Frappe v15 `<app>/translations/<lang>.csv` (source, translation[, context]) as Frappe reads it
	(`frappe.translate.get_translation_dict_from_file`): rows with an empty translation do not count."""
	if not path.is_file():
		return {}
	out: dict[Message, str] = {}
	with open(path, encoding="utf-8", newline="") as f:
		for line_no, row in enumerate(csv.reader(f), start=1):
			if not row:
				continue
			if len(row) not in (2, 3):
				raise ValueError(f"{path.name}:{line_no}: expected source,translation[,context], got {row!r}")
			context = row[2] if len(row) == 3 and row[2] else None
			if row[1].strip():
				out[(row[0], context)] = row[1].strip()
	return out


def frappe_desk_chosen() -> list[str]:
	return app_meta.read_names(FRAPPE_DESK_CHOSEN) if FRAPPE_DESK_CHOSEN.is_file() else []


def frappe_desk_coverage(lang: str = "kk") -> Coverage:
	"""How many of the chosen Frappe desk strings `<app>/translations/<lang>.csv` translates."""
	chosen = frappe_desk_chosen()
	path = APP_TRANSLATIONS_DIR / f"{lang}.csv"
	catalogue = read_csv_catalogue(path)
	missing = [(m, None) for m in chosen if not is_covered((m, None), catalogue)]
	return Coverage(lang, len(chosen), len(chosen) - len(missing), missing, path.is_file())


def frappe_desk_summary_line() -> str:
	report = frappe_desk_coverage("kk")
	return f"frappe desk kk: {report.translated} of {report.total} chosen strings translated"


def strict() -> bool:
	"""Whether the coverage test must fail below 100%."""
	return os.environ.get("KELISIM_I18N_STRICT") == "1" or (app_meta.DATA_DIR / "i18n_strict").exists()


def main(argv: list[str]) -> int:
	usage = "usage: python3 -m tests.i18n coverage | missing LANG"
	if argv[:1] == ["coverage"]:
		messages = extract_app()
		for lang in LANGUAGES:
			print(coverage(lang, messages=messages).summary_line())
		print(frappe_desk_summary_line())
		return 0
	if len(argv) == 2 and argv[0] == "missing":
		messages = extract_app()
		report = coverage(argv[1], messages=messages)
		sys.stdout.write(po_fragment(report.missing, messages))
		print(f"# {len(report.missing)} missing in {argv[1]}", file=sys.stderr)
		return 0
	print(usage, file=sys.stderr)
	return 2


if __name__ == "__main__":
	sys.exit(main(sys.argv[1:]))
