"""Facts about the app read from its files (no Frappe, no imports of Frappe-bound modules).

Shared by conftest fixtures and by the test modules' parametrization (which runs at collection time, before
fixtures exist).
"""

from __future__ import annotations

import ast
import json
import re
from functools import cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "kelisim_app"
APP_DIR = REPO_ROOT / APP_NAME
DATA_DIR = Path(__file__).resolve().parent / "data"

DOCTYPE_PREFIX = "KLS "
MODULE_PREFIX = "Kelisim "


def scrub(name: str) -> str:
	"""frappe.scrub: `KLS Region` → `kls_region`."""
	return name.replace(" ", "_").replace("-", "_").lower()


def read_names(path: Path) -> list[str]:
	"""Non-empty lines of a list file, `#` lines skipped."""
	out = []
	for line in path.read_text(encoding="utf-8").splitlines():
		line = line.strip()
		if line and not line.startswith("#"):
			out.append(line)
	return out


def load_json(path: Path):
	with open(path, encoding="utf-8") as f:
		return json.load(f)


def doctype_json_paths(app_dir: Path = APP_DIR) -> list[Path]:
	"""Every `<app>/<module>/doctype/<name>/<name>.json` that defines a DocType."""
	out = []
	for path in sorted(app_dir.glob("*/doctype/*/*.json")):
		try:
			data = load_json(path)
		except ValueError:
			out.append(path)  # broken JSON is still a DocType file: let the tests report it
			continue
		if isinstance(data, dict) and data.get("doctype") == "DocType":
			out.append(path)
	return out


@cache
def app_doctypes() -> dict[str, tuple[Path, dict]]:
	"""DocType name → (json path, definition)."""
	out = {}
	for path in doctype_json_paths():
		data = load_json(path)
		out[data.get("name") or path.stem] = (path, data)
	return out


@cache
def app_modules() -> tuple[str, ...]:
	return tuple(read_names(APP_DIR / "modules.txt"))


@cache
def app_roles() -> tuple[str, ...]:
	from kelisim_app.kelisim_core import rules

	return tuple(spec.name for spec in rules.ROLES)


@cache
def frappe_doctypes() -> frozenset[str]:
	return frozenset(read_names(DATA_DIR / "frappe_doctypes.txt"))


@cache
def frappe_roles() -> frozenset[str]:
	return frozenset(read_names(DATA_DIR / "frappe_roles.txt"))


def known_roles() -> frozenset[str]:
	return frozenset(app_roles()) | frappe_roles()


def known_doctypes() -> frozenset[str]:
	return frozenset(app_doctypes()) | frappe_doctypes()


def workflow_json_paths(app_dir: Path = APP_DIR) -> list[Path]:
	return sorted((app_dir / "workflow").glob("*.json"))


# ---------------------------------------------------------------------------------------------- python source
def module_file(dotted_module: str, root: Path = REPO_ROOT) -> Path | None:
	"""The file of a dotted module under `root`: `a/b.py` or `a/b/__init__.py`."""
	base = root.joinpath(*dotted_module.split("."))
	for candidate in (base.with_suffix(".py"), base / "__init__.py"):
		if candidate.is_file():
			return candidate
	return None


def top_level_names(path: Path) -> dict[str, str]:
	"""Names a module defines at top level → kind (`def`, `class`, `assign`, `import`)."""
	tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
	out: dict[str, str] = {}
	for node in tree.body:
		if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
			out[node.name] = "def"
		elif isinstance(node, ast.ClassDef):
			out[node.name] = "class"
		elif isinstance(node, ast.Assign):
			for target in node.targets:
				if isinstance(target, ast.Name):
					out.setdefault(target.id, "assign")
		elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
			out.setdefault(node.target.id, "assign")
		elif isinstance(node, ast.Import | ast.ImportFrom):
			for alias in node.names:
				out.setdefault(alias.asname or alias.name.split(".")[0], "import")
	return out


def resolve_dotted(path: str, root: Path = REPO_ROOT, kinds: tuple[str, ...] = ("def",)) -> str | None:
	"""None if `pkg.module.attr` names a top-level `attr` of one of `kinds` in a module file under `root`,
	else what is wrong."""
	if not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)+", path or ""):
		return f"{path!r} is not a dotted path"
	module, _, attr = path.rpartition(".")
	file = module_file(module, root)
	if file is None:
		return f"{path}: module {module} has no file"
	names = top_level_names(file)
	if attr not in names:
		return f"{path}: {file.relative_to(root)} does not define {attr}"
	if names[attr] not in kinds:
		return f"{path}: {attr} is a {names[attr]}, expected {' or '.join(kinds)}"
	return None
