"""The app's layout is the Frappe v15 app template's, and every hook names code that exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kelisim_app.exceptions import UnsupportedFrappeVersionError
from kelisim_app.kelisim_core import frappe_version
from kelisim_app.kelisim_core.frappe_version import satisfies
from tests import app_meta

try:
	import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser, as tomli or as pip's vendored copy
	try:
		import tomli as tomllib
	except ModuleNotFoundError:
		try:
			from pip._vendor import tomli as tomllib
		except ImportError:
			tomllib = None

REPO = app_meta.REPO_ROOT
APP = app_meta.APP_DIR

# hooks whose values are dotted paths of functions (nested in dicts/lists as Frappe allows)
FUNCTION_HOOKS = frozenset(
	{
		"before_install",
		"after_install",
		"before_uninstall",
		"after_uninstall",
		"before_migrate",
		"after_migrate",
		"before_tests",
		"after_sync",
		"before_app_install",
		"after_app_install",
		"before_app_uninstall",
		"after_app_uninstall",
		"doc_events",
		"has_permission",
		"permission_query_conditions",
		"has_website_permission",
		"scheduler_events",
		"override_whitelisted_methods",
		"boot_session",
		"extend_bootinfo",
		"on_session_creation",
		"on_login",
		"on_logout",
		"before_request",
		"after_request",
		"before_job",
		"after_job",
		"auth_hooks",
		"standard_queries",
		"get_website_user_home_page",
		"update_website_context",
		"website_path_resolver",
		"notification_config",
		"get_translated_dict",
		"override_doctype_dashboards",
		"jinja",
		"filters_config",
	}
)
CLASS_HOOKS = frozenset({"override_doctype_class", "extend_doctype_class"})
DATA_HOOKS = frozenset({"default_log_clearing_doctypes"})  # values are numbers, keys DocTypes
APP_DOTTED = re.compile(rf"{app_meta.APP_NAME}(\.[A-Za-z_]\w*)+")


# ---------------------------------------------------------------------------------------------- pyproject
def test_the_version_matcher():
	assert satisfies("15.44.2", ">=15.0.0,<16.0.0")
	assert not satisfies("16.0.0", ">=15.0.0,<16.0.0")
	assert not satisfies("14.9.0", ">=15.0.0,<16.0.0")
	assert satisfies("15.2.0", "~=15.0")
	assert not satisfies("16.0.0", "~=15.0")
	assert satisfies("15.1.0", "==15.*")
	assert not satisfies("16.1.0", "==15.*")
	assert satisfies("15.44.2-dev", ">=15.0.0,<16.0.0")
	with pytest.raises(ValueError):
		satisfies("15.0.0", "about 15")


def test_the_version_check_refuses_what_was_not_tested():
	frappe_version.check_frappe_version("15.44.2")
	frappe_version.check_frappe_version("15.0.0")
	for untested in ("14.99.0", "16.0.0", "16.3.1", "17.0.0"):
		with pytest.raises(UnsupportedFrappeVersionError, match=r"supports Frappe >=15\.0\.0,<16\.0\.0"):
			frappe_version.check_frappe_version(untested)


def test_install_and_migrate_check_the_frappe_version():
	tree = ast.parse((APP / "hooks.py").read_text(encoding="utf-8"))
	hooks = {
		target.id: ast.literal_eval(node.value)
		for node in tree.body
		if isinstance(node, ast.Assign)
		for target in node.targets
		if isinstance(target, ast.Name)
	}
	as_list = lambda value: value if isinstance(value, list) else [value]  # noqa: E731
	check = "kelisim_app.kelisim_core.frappe_version.check_installed_frappe"
	assert as_list(hooks["before_migrate"])[0] == check, (
		"the version is checked before anything else migrates"
	)
	assert as_list(hooks["before_install"])[0] == "kelisim_app.install.before_install"
	install = (APP / "install.py").read_text(encoding="utf-8")
	before_install = install[install.index("def before_install") :].split("\ndef ", 1)[0]
	assert "check_installed_frappe()" in before_install.splitlines()[1], "the check must come first"


@pytest.fixture(scope="module")
def pyproject() -> dict:
	if tomllib is None:
		pytest.skip("no TOML parser: tomllib needs Python 3.11")
	with open(REPO / "pyproject.toml", "rb") as f:
		return tomllib.load(f)


def test_pyproject_builds_with_flit(pyproject):
	assert pyproject["build-system"]["build-backend"] == "flit_core.buildapi"
	assert any(r.replace(" ", "").startswith("flit_core") for r in pyproject["build-system"]["requires"])
	assert pyproject["project"]["name"] == app_meta.APP_NAME
	assert "version" in pyproject["project"]["dynamic"]
	assert "version" not in pyproject["project"]


def test_pyproject_declares_the_tested_frappe_range(pyproject):
	spec = pyproject["tool"]["bench"]["frappe-dependencies"]["frappe"]
	assert spec == frappe_version.SUPPORTED, "pyproject.toml and the install check must declare one range"
	assert satisfies("15.0.0", spec) and satisfies("15.44.2", spec)
	assert not satisfies("16.0.0", spec), f"{spec} lets in Frappe 16, which is not tested"
	assert not satisfies("14.99.0", spec)


def test_the_version_lives_in_the_package():
	tree = ast.parse((APP / "__init__.py").read_text(encoding="utf-8"))
	versions = [
		node.value.value
		for node in tree.body
		if isinstance(node, ast.Assign)
		and any(isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets)
		and isinstance(node.value, ast.Constant)
	]
	assert len(versions) == 1
	assert re.fullmatch(r"\d+\.\d+\.\d+([.-]?\w+)?", versions[0])


def test_template_files_exist():
	assert (APP / "public" / ".gitkeep").is_file(), (
		"bench links an app's assets only if public/ exists in git"
	)
	assert (REPO / "license.txt").is_file()
	assert (REPO / "README.md").is_file()
	assert (APP / "modules.txt").is_file()
	assert (APP / "patches.txt").is_file()
	assert (APP / "hooks.py").is_file()


def test_the_license_file_carries_the_declared_license():
	"""hooks.py declares MIT; license.txt (pyproject's license file) must carry its text, not a placeholder."""
	hooks = (APP / "hooks.py").read_text(encoding="utf-8")
	assert re.search(r'^app_license = "mit"$', hooks, re.M)
	text = (REPO / "license.txt").read_text(encoding="utf-8")
	assert text.startswith("MIT License")
	assert "Permission is hereby granted, free of charge" in text
	assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text


def test_ci_entry_point_exists():
	ci = REPO / ".ci" / "run"
	if not ci.exists():
		pytest.skip(".ci/run is not written yet")
	assert ci.is_file()
	assert ci.read_text(encoding="utf-8").strip(), ".ci/run is empty"


# ---------------------------------------------------------------------------------------------- hooks
def read_hooks(path: Path) -> dict[str, object]:
	"""Top-level assignments of hooks.py whose values are literals (what Frappe reads as hooks)."""
	tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
	hooks: dict[str, object] = {}
	for node in tree.body:
		if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
			try:
				hooks[node.targets[0].id] = ast.literal_eval(node.value)
			except ValueError:
				hooks[node.targets[0].id] = None
	return hooks


def strings_in(value, keys: bool = False) -> list[str]:
	"""Every string value in a nested hook value (dict keys too when `keys`)."""
	if isinstance(value, str):
		return [value]
	if isinstance(value, dict):
		out = [k for k in value if keys and isinstance(k, str)]
		for v in value.values():
			out.extend(strings_in(v, keys))
		return out
	if isinstance(value, list | tuple | set):
		return [s for v in value for s in strings_in(v, keys)]
	return []


def dotted_paths(hooks: dict[str, object]) -> list[tuple[str, str, tuple[str, ...]]]:
	"""(hook, dotted path, kinds it may be) for every callable a hook names: all strings of the function and
	class hooks, and any `kelisim_app.…` string elsewhere."""
	out = []
	for hook, value in hooks.items():
		if hook in DATA_HOOKS:
			continue
		if hook in CLASS_HOOKS:
			out.extend((hook, s, ("class",)) for s in strings_in(value))
		elif hook in FUNCTION_HOOKS:
			# dict keys (DocTypes, cron schedules, overridden methods) are not paths: only values are
			kinds = ("def", "import", "module") if hook == "jinja" else ("def", "import")
			out.extend((hook, s, kinds) for s in strings_in(value) if "." in s)
		else:
			out.extend(
				(hook, s, ("def", "class", "import", "assign"))
				for s in strings_in(value)
				if APP_DOTTED.fullmatch(s)
			)
	return out


HOOKS = read_hooks(APP / "hooks.py")
HOOK_PATHS = dotted_paths(HOOKS)


def test_hooks_are_literal_and_describe_the_app():
	assert HOOKS["app_name"] == app_meta.APP_NAME
	for key in ("app_title", "app_publisher", "app_description", "app_email", "app_license"):
		assert isinstance(HOOKS.get(key), str) and HOOKS[key], key
	unreadable = [k for k, v in HOOKS.items() if v is None]
	assert unreadable == [], f"hooks that are not plain literals: {unreadable}"
	assert HOOK_PATHS, "hooks.py names no code at all"


@pytest.mark.parametrize(("hook", "path", "kinds"), HOOK_PATHS, ids=[f"{h}:{p}" for h, p, _ in HOOK_PATHS])
def test_hook_names_existing_code(hook, path, kinds):
	if not path.startswith(f"{app_meta.APP_NAME}."):
		pytest.skip(f"{path} belongs to another app")
	if "module" in kinds and app_meta.module_file(path, REPO) is not None:
		return  # jinja methods may name a whole module
	assert app_meta.resolve_dotted(path, REPO, kinds) is None


def test_doc_events_name_existing_doctypes_and_events():
	events = {
		"before_insert", "after_insert", "before_validate", "validate", "before_save", "on_update",
		"before_submit", "on_submit", "before_cancel", "on_cancel", "on_trash", "after_delete",
		"before_rename", "after_rename", "on_update_after_submit", "on_change", "before_update_after_submit",
		"on_payment_authorized", "before_print",
	}  # fmt: skip
	for doctype, handlers in (HOOKS.get("doc_events") or {}).items():
		assert doctype == "*" or doctype in app_meta.known_doctypes(), doctype
		assert set(handlers) <= events, set(handlers) - events


def test_the_hook_reader_on_a_sample(tmp_path):
	pkg = tmp_path / "kelisim_app"
	pkg.mkdir()
	(pkg / "__init__.py").write_text("")
	(pkg / "install.py").write_text("def after_install():\n\tpass\n\n\nclass Override:\n\tpass\n")
	(pkg / "hooks.py").write_text(
		'app_name = "kelisim_app"\n'
		'after_install = "kelisim_app.install.after_install"\n'
		'after_migrate = ["kelisim_app.install.missing"]\n'
		'doc_events = {"User": {"validate": ["kelisim_app.nowhere.validate"]}}\n'
		'scheduler_events = {"cron": {"0 3 * * *": ["kelisim_app.install.after_install"]}}\n'
		'override_doctype_class = {"User": "kelisim_app.install.Override"}\n'
		'has_permission = {"User": "kelisim_app.install.Override"}\n'
		'app_include_js = "/assets/kelisim_app/js/app.js"\n'
		"computed = sorted([1])\n"
	)
	hooks = read_hooks(pkg / "hooks.py")
	assert hooks["computed"] is None
	results = {(h, p): app_meta.resolve_dotted(p, tmp_path, kinds) for h, p, kinds in dotted_paths(hooks)}
	assert set(results) == {
		("after_install", "kelisim_app.install.after_install"),
		("after_migrate", "kelisim_app.install.missing"),
		("doc_events", "kelisim_app.nowhere.validate"),
		("scheduler_events", "kelisim_app.install.after_install"),
		("override_doctype_class", "kelisim_app.install.Override"),
		("has_permission", "kelisim_app.install.Override"),
	}
	assert results[("after_install", "kelisim_app.install.after_install")] is None
	assert results[("scheduler_events", "kelisim_app.install.after_install")] is None
	assert results[("override_doctype_class", "kelisim_app.install.Override")] is None
	assert results[("after_migrate", "kelisim_app.install.missing")] is not None
	assert results[("doc_events", "kelisim_app.nowhere.validate")] is not None
	assert results[("has_permission", "kelisim_app.install.Override")] is not None, (
		"a class is not a function"
	)
