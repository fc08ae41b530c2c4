"""Every DocType JSON of the app is one Frappe v15 accepts and one the app's conventions allow.

Each check is a function returning a list of problems (empty: fine); the tests run it over every DocType of
the app (parametrized by DocType name) and over hand-made broken samples, so each check is known to bite.
"""

from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests import app_meta
from tests.app_meta import scrub

FIELDTYPES = frozenset(
	{
		"Autocomplete",
		"Attach",
		"Attach Image",
		"Barcode",
		"Button",
		"Check",
		"Code",
		"Color",
		"Column Break",
		"Currency",
		"Data",
		"Date",
		"Datetime",
		"Duration",
		"Dynamic Link",
		"Float",
		"Fold",
		"Geolocation",
		"Heading",
		"HTML",
		"HTML Editor",
		"Icon",
		"Image",
		"Int",
		"JSON",
		"Link",
		"Long Text",
		"Markdown Editor",
		"Password",
		"Percent",
		"Phone",
		"Read Only",
		"Rating",
		"Section Break",
		"Select",
		"Signature",
		"Small Text",
		"Tab Break",
		"Table",
		"Table MultiSelect",
		"Text",
		"Text Editor",
		"Time",
	}
)
# frappe.model.default_fields + child_table_fields + optional_fields: columns Frappe adds itself
RESERVED_FIELDNAMES = frozenset(
	{
		"name",
		"owner",
		"creation",
		"modified",
		"modified_by",
		"docstatus",
		"idx",
		"parent",
		"parentfield",
		"parenttype",
		"doctype",
		"_user_tags",
		"_comments",
		"_assign",
		"_liked_by",
		"_seen",
	}
)
# what `doc.<x>` may name in a depends_on besides the DocType's own fields
DOC_ATTRIBUTES = RESERVED_FIELDNAMES | {
	"__islocal",
	"__unsaved",
	"__onload",
	"__last_sync_on",
	"amended_from",
}
DEPENDS_KEYS = ("depends_on", "mandatory_depends_on", "read_only_depends_on")
NO_VALUE_TYPES = frozenset(
	{"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Fold", "Heading"}
)
NAMING_TOKENS = frozenset(
	{"YY", "YYYY", "MM", "DD", "WW", "timestamp"}
)  # frappe.model.naming.parse_naming_series
SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
DOC_REFERENCE = re.compile(r"\bdoc\.([A-Za-z_]\w*)")
BRACED_PARAM = re.compile(r"\{([\w | #]+)\}")  # frappe.model.naming.BRACED_PARAMS_PATTERN


@dataclass
class World:
	"""What a DocType may refer to."""

	app_doctypes: dict[str, dict] = field(default_factory=dict)
	frappe_doctypes: frozenset[str] = frozenset()
	roles: frozenset[str] = frozenset()
	modules: tuple[str, ...] = ()
	workflow_doctypes: frozenset[str] = frozenset()  # DocTypes a shipped workflow gives `workflow_state`

	@property
	def doctypes(self) -> set[str]:
		return set(self.app_doctypes) | set(self.frappe_doctypes)


def real_world() -> World:
	workflow_doctypes = set()
	for path in app_meta.workflow_json_paths():
		try:
			defn = app_meta.load_json(path)
		except ValueError:
			continue
		if (
			isinstance(defn, dict)
			and (defn.get("workflow_state_field") or "workflow_state") == "workflow_state"
		):
			workflow_doctypes.add(defn.get("document_type"))
	return World(
		app_doctypes={name: data for name, (_, data) in app_meta.app_doctypes().items()},
		frappe_doctypes=app_meta.frappe_doctypes(),
		roles=app_meta.known_roles(),
		modules=app_meta.app_modules(),
		workflow_doctypes=frozenset(workflow_doctypes),
	)


def fields_of(dt: dict) -> list[dict]:
	return [f for f in dt.get("fields") or [] if isinstance(f, dict)]


def fieldnames(dt: dict) -> set[str]:
	return {f.get("fieldname") for f in fields_of(dt) if f.get("fieldname")}


def field_map(dt: dict) -> dict[str, dict]:
	return {f["fieldname"]: f for f in fields_of(dt) if f.get("fieldname")}


def is_child(dt: dict) -> bool:
	return bool(dt.get("istable"))


def is_single(dt: dict) -> bool:
	return bool(dt.get("issingle"))


# ---------------------------------------------------------------------------------------------- checks
def check_fieldtypes(dt: dict, world: World) -> list[str]:
	return [
		f"field {f.get('fieldname')}: unknown fieldtype {f.get('fieldtype')!r}"
		for f in fields_of(dt)
		if f.get("fieldtype") not in FIELDTYPES
	]


def check_fieldnames(dt: dict, world: World) -> list[str]:
	out = []
	seen: set[str] = set()
	for f in fields_of(dt):
		name = f.get("fieldname")
		if not name:
			out.append(f"a {f.get('fieldtype')} field has no fieldname")
			continue
		if name in seen:
			out.append(f"fieldname {name} is repeated")
		seen.add(name)
		if not SNAKE_CASE.fullmatch(name):
			out.append(f"fieldname {name} is not snake_case")
		if name in RESERVED_FIELDNAMES:
			out.append(f"fieldname {name} is reserved by Frappe")
	return out


def check_field_order(dt: dict, world: World) -> list[str]:
	order = dt.get("field_order") or []
	names = [f.get("fieldname") for f in fields_of(dt)]
	out = []
	if len(set(order)) != len(order):
		out.append("field_order repeats a field")
	if missing := [n for n in names if n not in order]:
		out.append(f"field_order lacks {missing}")
	if extra := [n for n in order if n not in names]:
		out.append(f"field_order names fields that do not exist: {extra}")
	return out


def check_links(dt: dict, world: World) -> list[str]:
	out = []
	fmap = field_map(dt)
	for f in fields_of(dt):
		ftype, name, options = f.get("fieldtype"), f.get("fieldname"), (f.get("options") or "").strip()
		if ftype in ("Link", "Table", "Table MultiSelect"):
			if not options:
				out.append(f"{ftype} field {name} has no target DocType")
			elif options not in world.doctypes:
				out.append(f"{ftype} field {name} links to unknown DocType {options!r}")
			elif ftype in ("Table", "Table MultiSelect") and options in world.app_doctypes:
				if not is_child(world.app_doctypes[options]):
					out.append(f"{ftype} field {name}: {options} is not a child table (istable)")
		elif ftype == "Dynamic Link":
			pointer = fmap.get(options)
			if pointer is None:
				out.append(f"Dynamic Link {name}: options {options!r} is not a field of this DocType")
			elif pointer.get("fieldtype") not in ("Link", "Select") or (
				pointer.get("fieldtype") == "Link" and pointer.get("options") != "DocType"
			):
				out.append(f"Dynamic Link {name}: {options} must be a Link to DocType or a Select")
	return out


def check_selects(dt: dict, world: World) -> list[str]:
	return [
		f"Select field {f.get('fieldname')} has no options"
		for f in fields_of(dt)
		if f.get("fieldtype") == "Select" and not (f.get("options") or "").strip()
	]


def _known_doc_names(dt: dict, world: World) -> set[str]:
	names = fieldnames(dt) | DOC_ATTRIBUTES
	if dt.get("name") in world.workflow_doctypes:
		names.add("workflow_state")
	return names


def check_depends_on(dt: dict, world: World) -> list[str]:
	out = []
	known = _known_doc_names(dt, world)
	for f in fields_of(dt):
		for key in DEPENDS_KEYS:
			expr = (f.get(key) or "").strip()
			if not expr or expr.startswith("fn:"):
				continue
			if expr.startswith("eval:"):
				refs = DOC_REFERENCE.findall(expr)
			else:  # a bare fieldname: the field's value decides
				refs = [expr.lstrip("!")] if re.fullmatch(r"!?\w+", expr) else []
				if not refs:
					out.append(f"field {f.get('fieldname')}: {key} {expr!r} is neither eval: nor a fieldname")
			out.extend(
				f"field {f.get('fieldname')}: {key} refers to unknown field doc.{ref}"
				for ref in refs
				if ref not in known
			)
	return out


def check_fetch_from(dt: dict, world: World) -> list[str]:
	out = []
	fmap = field_map(dt)
	for f in fields_of(dt):
		source = (f.get("fetch_from") or "").strip()
		if not source:
			continue
		link_name, _, target = source.partition(".")
		link = fmap.get(link_name)
		if not target or link is None or link.get("fieldtype") != "Link":
			out.append(f"field {f.get('fieldname')}: fetch_from {source!r} does not start with a Link field")
			continue
		linked = world.app_doctypes.get(link.get("options"))
		if linked is not None and target not in fieldnames(linked) | RESERVED_FIELDNAMES:
			out.append(
				f"field {f.get('fieldname')}: fetch_from {source!r}: {link['options']} has no {target}"
			)
			continue
		origin = field_map(linked).get(target) if linked is not None else None
		if (
			origin
			and origin.get("fieldtype") == "Select"
			and (f.get("fieldtype") != "Select" or (f.get("options") or "") != (origin.get("options") or ""))
		):
			# a Select copied into a Data field is shown raw ("Normal") in a translated desk
			out.append(
				f"field {f.get('fieldname')}: fetches the Select {link['options']}.{target} "
				"and must be a Select with the same options (shown by its translated label)"
			)
	return out


# Data fields that hold a pattern of the vocabulary rather than one value, with the reason
VOCABULARY_PATTERNS = {
	# the signature settings match an action by name or by its beginning ("Hand over*"), signature_rules.py
	("KLS Signature Step", "action"),
}


def check_vocabulary_fields(dt: dict, world: World) -> list[str]:
	"""A field that holds a workflow state or action is a Link to Frappe's master (shown by its translated
	label in every desk, kelisim_display.js), never free Data shown raw ("Signed off" in a Kazakh desk)."""
	out = []
	for f in fields_of(dt):
		name = f.get("fieldname") or ""
		if (dt.get("name"), name) in VOCABULARY_PATTERNS:
			continue
		if f.get("fieldtype") == "Data" and (name == "state" or name.endswith("_state") or name == "action"):
			out.append(
				f"field {name}: a workflow state or action kept as Data is shown raw; "
				"make it a Link to Workflow State / Workflow Action Master"
			)
	return out


def check_permissions(dt: dict, world: World) -> list[str]:
	out = []
	perms = [p for p in dt.get("permissions") or [] if isinstance(p, dict)]
	for p in perms:
		if p.get("role") not in world.roles:
			out.append(f"permission for unknown role {p.get('role')!r}")
	if not is_child(dt):
		if not perms:
			out.append("no permission rows")
		elif not any(
			p.get("role") == "System Manager" and p.get("read") and not p.get("permlevel") for p in perms
		):
			out.append("System Manager has no read access (permlevel 0)")
	return out


def check_track_changes(dt: dict, world: World) -> list[str]:
	if is_child(dt) or is_single(dt) or dt.get("track_changes"):
		return []
	return ["track_changes is off: business records need their version history"]


def check_name(dt: dict, world: World) -> list[str]:
	name = dt.get("name") or ""
	out = []
	if not name.startswith(app_meta.DOCTYPE_PREFIX):
		out.append(f"DocType name {name!r} lacks the app prefix {app_meta.DOCTYPE_PREFIX!r}")
	if name in world.frappe_doctypes:
		out.append(f"DocType name {name!r} collides with a Frappe DocType")
	return out


def check_module(dt: dict, world: World, path: Path) -> list[str]:
	"""`path`: the JSON file; the module's folder, the controller and its test must sit where Frappe looks."""
	name, module = dt.get("name") or "", dt.get("module") or ""
	out = []
	if module not in world.modules:
		out.append(f"module {module!r} is not in modules.txt")
	expected = Path(scrub(module)) / "doctype" / scrub(name) / f"{scrub(name)}.json"
	if tuple(path.parts[-4:]) != expected.parts:
		out.append(f"{'/'.join(path.parts[-4:])} should be {expected.as_posix()}")
	controller = path.with_name(f"{scrub(name)}.py")
	if not controller.is_file():
		out.append(f"controller {controller.name} is missing")
	else:
		class_name = name.replace(" ", "").replace("-", "")
		classes = {
			n.name
			for n in ast.parse(controller.read_text(encoding="utf-8")).body
			if isinstance(n, ast.ClassDef)
		}
		if class_name not in classes:
			out.append(f"{controller.name} does not define class {class_name}")
	if is_child(dt):
		# a child table is tested through its parent; it must have one
		parents = [
			other_name
			for other_name, other in world.app_doctypes.items()
			if any(
				f.get("fieldtype") in ("Table", "Table MultiSelect") and f.get("options") == name
				for f in other.get("fields") or []
			)
		]
		if not parents:
			out.append("child table used by no DocType's Table field")
	elif not path.with_name(f"test_{scrub(name)}.py").is_file():
		out.append(f"test_{scrub(name)}.py is missing beside the DocType")
	return out


def check_meta_fields(dt: dict, world: World) -> list[str]:
	out = []
	fmap = field_map(dt)
	names = set(fmap)
	if (title := dt.get("title_field")) and title not in names:
		out.append(f"title_field {title!r} is not a field")
	for search in (dt.get("search_fields") or "").split(","):
		search = search.strip()
		if search and search not in names:
			out.append(f"search_fields names unknown field {search!r}")
	for sort in (dt.get("sort_field") or "").split(","):
		sort = sort.split()[0] if sort.split() else ""
		if sort and sort not in names | RESERVED_FIELDNAMES:
			out.append(f"sort_field {sort!r} is not a field")
	if image := dt.get("image_field"):
		if image not in names:
			out.append(f"image_field {image!r} is not a field")
		elif fmap[image].get("fieldtype") != "Attach Image":
			out.append(f"image_field {image!r} is not an Attach Image field")
	if timeline := dt.get("timeline_field"):
		if timeline not in names:
			out.append(f"timeline_field {timeline!r} is not a field")
		elif fmap[timeline].get("fieldtype") not in ("Link", "Dynamic Link"):
			out.append(f"timeline_field {timeline!r} is not a Link field")
	autoname = (dt.get("autoname") or "").strip()
	if autoname.startswith("field:"):
		if autoname[len("field:") :].strip() not in names:
			out.append(f"autoname {autoname!r} names no field")
	elif autoname.startswith("format:"):
		params = BRACED_PARAM.findall(autoname)
		if not params:
			out.append(f"autoname {autoname!r} has no {{placeholder}}")
		for param in params:
			param = param.strip()
			if not (param.startswith("#") or param in NAMING_TOKENS or param in names | RESERVED_FIELDNAMES):
				out.append(f"autoname {autoname!r}: {{{param}}} is not a field")
	return out


DOCTYPE_CHECKS = (
	check_fieldtypes,
	check_fieldnames,
	check_field_order,
	check_links,
	check_selects,
	check_depends_on,
	check_fetch_from,
	check_vocabulary_fields,
	check_permissions,
	check_track_changes,
	check_name,
	check_meta_fields,
)

# ---------------------------------------------------------------------------------------------- real DocTypes
DOCTYPES = app_meta.app_doctypes()
DOCTYPE_NAMES = sorted(DOCTYPES)
WORLD = real_world()


def test_the_app_has_doctypes(doctype_json_paths):
	assert doctype_json_paths, "no DocType JSON found under kelisim_app/*/doctype/*/"
	assert len(DOCTYPE_NAMES) == len(doctype_json_paths), "two DocType files share a name"


@pytest.mark.parametrize("check", DOCTYPE_CHECKS, ids=lambda c: c.__name__.removeprefix("check_"))
@pytest.mark.parametrize("doctype", DOCTYPE_NAMES)
def test_doctype(doctype, check):
	assert check(DOCTYPES[doctype][1], WORLD) == []


@pytest.mark.parametrize("doctype", DOCTYPE_NAMES)
def test_doctype_files(doctype):
	path, data = DOCTYPES[doctype]
	assert check_module(data, WORLD, path) == []


def test_modules_are_folders_with_specific_names(app_modules, APP_DIR):
	assert app_modules, "modules.txt lists no module"
	for module in app_modules:
		assert module.startswith(app_meta.MODULE_PREFIX), (
			f"module {module!r}: site-wide names must be specific"
		)
		assert (APP_DIR / scrub(module) / "__init__.py").is_file(), f"module {module!r} has no package folder"
	assert len(set(app_modules)) == len(app_modules)


# ---------------------------------------------------------------------------------------------- the checks bite
def sample_doctype(**overrides) -> dict:
	dt = {
		"doctype": "DocType",
		"name": "KLS Sample",
		"module": "Kelisim Core",
		"autoname": "format:S-{region}-{YYYY}-{####}",
		"title_field": "title",
		"search_fields": "region",
		"sort_field": "modified",
		"track_changes": 1,
		"field_order": ["title", "region", "kind", "ref_doctype", "ref_name", "region_name", "note", "rows"],
		"fields": [
			{"fieldname": "title", "fieldtype": "Data", "label": "Title"},
			{"fieldname": "region", "fieldtype": "Link", "options": "KLS Region", "label": "Region"},
			{"fieldname": "kind", "fieldtype": "Select", "options": "A\nB", "label": "Kind"},
			{"fieldname": "ref_doctype", "fieldtype": "Link", "options": "DocType"},
			{"fieldname": "ref_name", "fieldtype": "Dynamic Link", "options": "ref_doctype"},
			{"fieldname": "region_name", "fieldtype": "Data", "fetch_from": "region.region_name"},
			{
				"fieldname": "note",
				"fieldtype": "Small Text",
				"depends_on": "eval:doc.kind=='A' && doc.region",
			},
			{"fieldname": "rows", "fieldtype": "Table", "options": "KLS Sample Row"},
		],
		"permissions": [{"role": "System Manager", "read": 1, "write": 1}, {"role": "KGU Head", "read": 1}],
	}
	dt.update(overrides)
	return dt


def sample_world() -> World:
	return World(
		app_doctypes={
			"KLS Sample": sample_doctype(),
			"KLS Sample Row": {"name": "KLS Sample Row", "istable": 1, "fields": []},
			"KLS Region": {
				"name": "KLS Region",
				"fields": [{"fieldname": "region_name", "fieldtype": "Data"}],
			},
			"KLS Plain": {"name": "KLS Plain", "fields": []},
		},
		frappe_doctypes=frozenset({"DocType", "User"}),
		roles=frozenset({"System Manager", "KGU Head"}),
		modules=("Kelisim Core",),
	)


def mutate(fieldname: str, **changes) -> dict:
	dt = sample_doctype()
	for f in dt["fields"]:
		if f["fieldname"] == fieldname:
			f.update(changes)
	return dt


def add_field(f: dict, in_order: bool = True) -> dict:
	dt = sample_doctype()
	dt["fields"].append(f)
	if in_order:
		dt["field_order"].append(f["fieldname"])
	return dt


def test_the_sample_passes_every_check():
	world = sample_world()
	for check in DOCTYPE_CHECKS:
		assert check(sample_doctype(), world) == [], check.__name__


BROKEN = {
	"unknown fieldtype": (check_fieldtypes, mutate("title", fieldtype="Textarea")),
	"repeated fieldname": (check_fieldnames, add_field({"fieldname": "title", "fieldtype": "Data"}, False)),
	"CamelCase fieldname": (check_fieldnames, add_field({"fieldname": "regionName", "fieldtype": "Data"})),
	"reserved fieldname": (check_fieldnames, add_field({"fieldname": "owner", "fieldtype": "Data"})),
	"field missing from field_order": (
		check_field_order,
		add_field({"fieldname": "x", "fieldtype": "Int"}, False),
	),
	"field_order names a ghost": (
		check_field_order,
		sample_doctype(field_order=[*sample_doctype()["field_order"], "ghost"]),
	),
	"Link to unknown DocType": (check_links, mutate("region", options="KLS Nowhere")),
	"Link without target": (check_links, mutate("region", options="")),
	"Table of a non-child DocType": (check_links, mutate("rows", options="KLS Plain")),
	"Dynamic Link to a missing field": (check_links, mutate("ref_name", options="ghost")),
	"Dynamic Link to a Data field": (check_links, mutate("ref_name", options="title")),
	"Select without options": (check_selects, mutate("kind", options="\n")),
	"depends_on on an unknown field": (check_depends_on, mutate("note", depends_on="eval:doc.knd=='A'")),
	"mandatory_depends_on on an unknown field": (
		check_depends_on,
		mutate("note", mandatory_depends_on="eval:doc.x"),
	),
	"read_only_depends_on on an unknown bare field": (
		check_depends_on,
		mutate("note", read_only_depends_on="ghost"),
	),
	"fetch_from through a Data field": (
		check_fetch_from,
		mutate("region_name", fetch_from="title.region_name"),
	),
	"fetch_from an unknown source field": (
		check_fetch_from,
		mutate("region_name", fetch_from="region.ghost"),
	),
	"unknown role": (
		check_permissions,
		sample_doctype(permissions=[{"role": "System Manager", "read": 1}, {"role": "Boss"}]),
	),
	"no permissions": (check_permissions, sample_doctype(permissions=[])),
	"no System Manager": (check_permissions, sample_doctype(permissions=[{"role": "KGU Head", "read": 1}])),
	"no audit trail": (check_track_changes, sample_doctype(track_changes=0)),
	"no prefix": (check_name, sample_doctype(name="Sample")),
	"Frappe's name": (check_name, sample_doctype(name="User")),
	"unknown title_field": (check_meta_fields, sample_doctype(title_field="ghost")),
	"unknown search field": (check_meta_fields, sample_doctype(search_fields="region, ghost")),
	"unknown sort_field": (check_meta_fields, sample_doctype(sort_field="ghost")),
	"image_field not an image": (check_meta_fields, sample_doctype(image_field="title")),
	"unknown timeline_field": (check_meta_fields, sample_doctype(timeline_field="ghost")),
	"autoname field: unknown": (check_meta_fields, sample_doctype(autoname="field:ghost")),
	"autoname format: unknown": (check_meta_fields, sample_doctype(autoname="format:S-{ghost}-{###}")),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_check_catches_its_defect(case):
	check, dt = BROKEN[case]
	assert check(dt, sample_world()) != []


def test_a_frappe_name_is_a_collision_even_with_the_prefix():
	world = sample_world()
	world.frappe_doctypes = frozenset({"KLS Sample"})
	assert check_name(sample_doctype(), world) == ["DocType name 'KLS Sample' collides with a Frappe DocType"]


def test_child_tables_and_singles_are_exempt_where_frappe_exempts_them():
	world = sample_world()
	child = sample_doctype(istable=1, permissions=[], track_changes=0)
	single = sample_doctype(issingle=1, track_changes=0)
	assert check_permissions(child, world) == []
	assert check_track_changes(child, world) == []
	assert check_track_changes(single, world) == []


def test_workflow_state_is_known_only_with_a_workflow():
	dt = mutate("note", depends_on="eval:doc.workflow_state=='Draft'")
	world = sample_world()
	assert check_depends_on(dt, world) != []
	world.workflow_doctypes = frozenset({"KLS Sample"})
	assert check_depends_on(dt, world) == []


def write_doctype_folder(root: Path, dt: dict, controller: str | None, with_test: bool = True) -> Path:
	folder = root / scrub(dt["module"]) / "doctype" / scrub(dt["name"])
	folder.mkdir(parents=True)
	path = folder / f"{scrub(dt['name'])}.json"
	path.write_text("{}", encoding="utf-8")
	if controller is not None:
		(folder / f"{scrub(dt['name'])}.py").write_text(controller, encoding="utf-8")
	if with_test:
		(folder / f"test_{scrub(dt['name'])}.py").write_text("", encoding="utf-8")
	return path


def test_check_module_on_sample_folders(tmp_path):
	world, dt = sample_world(), sample_doctype()
	good = "from frappe.model.document import Document\n\n\nclass KLSSample(Document):\n\tpass\n"
	assert check_module(dt, world, write_doctype_folder(tmp_path / "ok", dt, good)) == []
	assert (
		check_module(dt, world, write_doctype_folder(tmp_path / "nocls", dt, "class Sample:\n\tpass\n")) != []
	)
	assert check_module(dt, world, write_doctype_folder(tmp_path / "nopy", dt, None)) != []
	assert check_module(dt, world, write_doctype_folder(tmp_path / "notest", dt, good, with_test=False)) != []
	other = copy.deepcopy(dt)
	other["module"] = "Kelisim Elsewhere"
	assert check_module(other, world, write_doctype_folder(tmp_path / "mod", other, good)) != []
