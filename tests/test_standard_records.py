"""Standard records shipped as files (Report, Print Format, Notification, Workspace, Number Card, Dashboard Chart,
Web Form) are ones `bench migrate` can sync: valid JSON of the right kind, in the right folder, standard, of an
app module, pointing at DocTypes and roles that exist.

The checks are functions, run over every real file and over hand-made samples (a good one of each kind that
must pass, broken ones that must fail), so this module tests something even while the app ships none.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests import app_meta
from tests.app_meta import scrub

KINDS = {
	"report": "Report",
	"print_format": "Print Format",
	"notification": "Notification",
	"workspace": "Workspace",
	"number_card": "Number Card",
	"dashboard_chart": "Dashboard Chart",
	"web_form": "Web Form",
}
# the field naming the DocType a record is about, and when it must be set
REF_FIELD = {
	"Report": "ref_doctype",
	"Print Format": "doc_type",
	"Notification": "document_type",
	"Number Card": "document_type",
	"Dashboard Chart": "document_type",
	"Web Form": "doc_type",
}


@dataclass
class World:
	doctypes: frozenset[str] = frozenset()
	roles: frozenset[str] = frozenset()
	modules: tuple[str, ...] = ()
	app_doctypes: dict[str, dict] = field(default_factory=dict)


def real_world() -> World:
	return World(
		doctypes=app_meta.known_doctypes(),
		roles=app_meta.known_roles(),
		modules=app_meta.app_modules(),
		app_doctypes={name: data for name, (_, data) in app_meta.app_doctypes().items()},
	)


def standard_record_paths(app_dir: Path) -> list[Path]:
	"""`<app>/<module>/<kind>/<name>/<name>.json` of every kind."""
	out: list[Path] = []
	for kind in KINDS:
		out.extend(app_dir.glob(f"*/{kind}/*/*.json"))
	return sorted(out)


def _ref_required(doctype: str, data: dict) -> bool:
	if doctype == "Number Card":
		return (data.get("type") or "Document Type") == "Document Type"
	if doctype == "Dashboard Chart":
		return (data.get("chart_type") or "Count") in ("Count", "Sum", "Average", "Group By")
	return doctype in REF_FIELD


def _defines_function(path: Path, name: str) -> bool:
	tree = ast.parse(path.read_text(encoding="utf-8"))
	return any(isinstance(n, ast.FunctionDef) and n.name == name for n in tree.body)


def check_record(path: Path, world: World) -> list[str]:
	"""Problems of one standard-record file (empty list: migrate can sync it)."""
	kind = path.parent.parent.name
	expected = KINDS.get(kind)
	if expected is None:
		return [f"{path}: {kind} is not a kind of standard record"]
	try:
		data = json.loads(path.read_text(encoding="utf-8"))
	except ValueError as e:
		return [f"{path.name}: not valid JSON ({e})"]
	if not isinstance(data, dict):
		return [f"{path.name}: not a JSON object"]
	out = []
	name = data.get("name") or ""
	doctype = data.get("doctype")
	if doctype != expected:
		out.append(f"{path.name}: doctype {doctype!r} in a {kind} folder (expected {expected!r})")
	if not name:
		out.append(f"{path.name}: no name")
	elif not (path.parent.name == scrub(name) and path.stem == scrub(name)):
		out.append(f"{path.name}: a record named {name!r} belongs in {kind}/{scrub(name)}/{scrub(name)}.json")
	if data.get("module") not in world.modules:
		out.append(f"{path.name}: module {data.get('module')!r} is not an app module")

	# standard: synced from the file, not a site's own record
	if expected == "Report":
		if data.get("is_standard") != "Yes":
			out.append(f"{path.name}: a shipped report needs is_standard 'Yes'")
	elif expected == "Print Format":
		if data.get("standard") != "Yes":
			out.append(f"{path.name}: a shipped print format needs standard 'Yes'")
	elif expected == "Workspace":
		if not data.get("public") or data.get("for_user"):
			out.append(f"{path.name}: a shipped workspace must be public and belong to no user")
	elif data.get("is_standard") not in (1, "1", True):
		out.append(f"{path.name}: a shipped {expected} needs is_standard 1")

	ref_field = REF_FIELD.get(expected)
	if ref_field:
		ref = data.get(ref_field)
		if ref and ref not in world.doctypes:
			out.append(f"{path.name}: {ref_field} {ref!r} is not a DocType of the app or of Frappe")
		elif not ref and _ref_required(expected, data):
			out.append(f"{path.name}: {ref_field} is not set")

	roles = [r.get("role") for r in data.get("roles") or [] if isinstance(r, dict)]
	out.extend(f"{path.name}: unknown role {r!r}" for r in roles if r not in world.roles)

	if expected == "Report":
		report_type = data.get("report_type")
		if report_type == "Script Report":
			script = path.with_suffix(".py")
			if not script.is_file():
				out.append(f"{path.name}: Script Report without {script.name}")
			elif not _defines_function(script, "execute"):
				out.append(f"{script.name}: no execute() function")
		elif report_type == "Query Report" and not (data.get("query") or "").strip():
			out.append(f"{path.name}: Query Report without a query")
		if not roles:
			out.append(f"{path.name}: a report with no roles is open to nobody")
	elif expected == "Notification":
		if not (data.get("message") or "").strip():
			templates = [path.with_suffix(".md"), path.with_suffix(".html")]
			if not any(t.is_file() for t in templates):
				out.append(f"{path.name}: no message and no {path.stem}.md / {path.stem}.html template")
		target = world.app_doctypes.get(data.get("document_type"))
		if target is not None:
			names = {f.get("fieldname") for f in target.get("fields") or []}
			for key in ("value_changed", "date_changed", "set_property_after_alert"):
				if data.get(key) and data[key] not in names:
					out.append(f"{path.name}: {key} {data[key]!r} is not a field of {data['document_type']}")
			for recipient in data.get("recipients") or []:
				by_field = recipient.get("receiver_by_document_field")
				if by_field and by_field.split(",")[0] not in names | {"owner"}:
					out.append(
						f"{path.name}: recipient field {by_field!r} is not a field of {data['document_type']}"
					)
	elif expected == "Workspace":
		for link in data.get("links") or []:
			if link.get("link_type") == "DocType" and link.get("link_to") not in world.doctypes:
				out.append(f"{path.name}: link to unknown DocType {link.get('link_to')!r}")
		for shortcut in data.get("shortcuts") or []:
			if shortcut.get("type") == "DocType" and shortcut.get("link_to") not in world.doctypes:
				out.append(f"{path.name}: shortcut to unknown DocType {shortcut.get('link_to')!r}")
	return out


# ---------------------------------------------------------------------------------------------- real files
RECORDS = standard_record_paths(app_meta.APP_DIR)
WORLD = real_world()


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_standard_record(path):
	assert check_record(path, WORLD) == []


def test_standard_records_are_discovered_in_every_module(app_modules, APP_DIR):
	"""The glob sees the module folders listed in modules.txt (a module folder named otherwise would hide its
	records from both migrate and these tests)."""
	for module in app_modules:
		assert (APP_DIR / scrub(module)).is_dir()
	assert all(p.is_relative_to(APP_DIR) for p in RECORDS)


# ---------------------------------------------------------------------------------------------- samples
SAMPLE_WORLD = World(
	doctypes=frozenset({"KLS Region", "KLS Office", "User"}),
	roles=frozenset({"System Manager", "RGU Head"}),
	modules=("Kelisim Core",),
	app_doctypes={
		"KLS Office": {"name": "KLS Office", "fields": [{"fieldname": "head_user"}, {"fieldname": "region"}]}
	},
)

GOOD = {
	"report": {
		"doctype": "Report",
		"name": "Offices by Region",
		"report_name": "Offices by Region",
		"ref_doctype": "KLS Office",
		"report_type": "Script Report",
		"is_standard": "Yes",
		"module": "Kelisim Core",
		"roles": [{"role": "RGU Head"}, {"role": "System Manager"}],
	},
	"print_format": {
		"doctype": "Print Format",
		"name": "KLS Office Card",
		"doc_type": "KLS Office",
		"standard": "Yes",
		"module": "Kelisim Core",
	},
	"notification": {
		"doctype": "Notification",
		"name": "Office Head Changed",
		"document_type": "KLS Office",
		"event": "Value Change",
		"value_changed": "head_user",
		"is_standard": 1,
		"module": "Kelisim Core",
		"recipients": [{"receiver_by_document_field": "head_user"}],
	},
	"workspace": {
		"doctype": "Workspace",
		"name": "Kelisim",
		"label": "Kelisim",
		"public": 1,
		"module": "Kelisim Core",
		"links": [{"type": "Link", "link_type": "DocType", "link_to": "KLS Region", "label": "Regions"}],
		"shortcuts": [{"type": "DocType", "link_to": "KLS Office", "label": "Offices"}],
	},
	"number_card": {
		"doctype": "Number Card",
		"name": "Regional Offices",
		"label": "Regional Offices",
		"type": "Document Type",
		"document_type": "KLS Office",
		"is_standard": 1,
		"module": "Kelisim Core",
	},
	"dashboard_chart": {
		"doctype": "Dashboard Chart",
		"name": "Offices per Region",
		"chart_name": "Offices per Region",
		"chart_type": "Group By",
		"document_type": "KLS Office",
		"is_standard": 1,
		"module": "Kelisim Core",
		"roles": [],
	},
	"web_form": {
		"doctype": "Web Form",
		"name": "office-contacts",
		"doc_type": "KLS Office",
		"is_standard": 1,
		"module": "Kelisim Core",
	},
}

BROKEN = {
	"report": [
		{"is_standard": "No"},
		{"ref_doctype": "KLS Nowhere"},
		{"roles": [{"role": "Janitor"}]},
		{"roles": []},
		{"report_type": "Query Report", "query": ""},
	],
	"print_format": [{"standard": "No"}, {"doc_type": None}],
	"notification": [
		{"is_standard": 0},
		{"value_changed": "ghost"},
		{"recipients": [{"receiver_by_document_field": "ghost"}]},
	],
	"workspace": [
		{"public": 0},
		{"for_user": "someone@example.com"},
		{"links": [{"link_type": "DocType", "link_to": "Ghost"}]},
	],
	"number_card": [{"document_type": ""}, {"is_standard": 0}],
	"dashboard_chart": [{"document_type": "Ghost"}, {"roles": [{"role": "Janitor"}]}],
	"web_form": [{"doc_type": "Ghost"}, {"module": "Website"}, {"doctype": "Web Page"}],
}


def write_sample(app_dir: Path, kind: str, data: dict, text: str | None = None) -> Path:
	folder = app_dir / "kelisim_core" / kind / scrub(data["name"])
	folder.mkdir(parents=True, exist_ok=True)
	path = folder / f"{scrub(data['name'])}.json"
	path.write_text(text if text is not None else json.dumps(data), encoding="utf-8")
	if data.get("report_type") == "Script Report":
		(folder / f"{scrub(data['name'])}.py").write_text("def execute(filters=None):\n\treturn [], []\n")
	if data.get("doctype") == "Notification":
		(folder / f"{scrub(data['name'])}.md").write_text("{{ doc.name }} has a new head.\n")
	return path


def test_discovery_finds_one_record_of_each_kind(tmp_path):
	expected = {write_sample(tmp_path, kind, data) for kind, data in GOOD.items()}
	(tmp_path / "kelisim_core" / "doctype" / "kls_x").mkdir(parents=True)
	(tmp_path / "kelisim_core" / "doctype" / "kls_x" / "kls_x.json").write_text("{}")
	assert set(standard_record_paths(tmp_path)) == expected
	assert len(expected) == len(KINDS)


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_a_good_sample_passes(tmp_path, kind):
	assert check_record(write_sample(tmp_path, kind, GOOD[kind]), SAMPLE_WORLD) == []


@pytest.mark.parametrize(
	("kind", "index"), [(kind, i) for kind, cases in sorted(BROKEN.items()) for i in range(len(cases))]
)
def test_a_broken_sample_fails(tmp_path, kind, index):
	data = {**GOOD[kind], **BROKEN[kind][index]}
	assert check_record(write_sample(tmp_path, kind, data), SAMPLE_WORLD) != []


def test_files_that_cannot_be_synced_fail(tmp_path):
	report = GOOD["report"]
	assert check_record(write_sample(tmp_path / "a", "report", report, text="{not json"), SAMPLE_WORLD) != []
	assert check_record(write_sample(tmp_path / "b", "report", report, text="[]"), SAMPLE_WORLD) != []
	# a Script Report whose module has no execute()
	path = write_sample(tmp_path / "c", "report", report)
	path.with_suffix(".py").write_text("def run(filters=None):\n\treturn [], []\n")
	assert check_record(path, SAMPLE_WORLD) != []
	path.with_suffix(".py").unlink()
	assert check_record(path, SAMPLE_WORLD) != []
	# a notification without message or template
	path = write_sample(tmp_path / "d", "notification", GOOD["notification"])
	path.with_suffix(".md").unlink()
	assert check_record(path, SAMPLE_WORLD) != []
	path.write_text(json.dumps({**GOOD["notification"], "message": "{{ doc.name }} has a new head."}))
	assert check_record(path, SAMPLE_WORLD) == [], "a message in the JSON needs no template"
	# a record in a folder that does not match its name
	folder = tmp_path / "f" / "kelisim_core" / "report" / "other"
	folder.mkdir(parents=True)
	(folder / "other.json").write_text(json.dumps(GOOD["report"]))
	(folder / "other.py").write_text("def execute(filters=None):\n\treturn [], []\n")
	assert check_record(folder / "other.json", SAMPLE_WORLD) != []
