"""What the app exposes, found by reading its source and metadata rather than listed by hand: whitelisted
methods (module functions and DocType methods, with their allow_guest flag), Script Reports, workflows."""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

import frappe

APP = "kelisim_app"


@dataclass(frozen=True)
class Whitelisted:
	module: str  # dotted module path
	name: str  # function or method name
	doctype: str | None  # the DocType whose controller holds the method (None: a module function)
	allow_guest: bool

	@property
	def path(self) -> str:
		return f"{self.module}.{self.name}" if not self.doctype else f"{self.doctype}.{self.name}"


def app_root() -> Path:
	return Path(frappe.get_app_path(APP))


def _whitelist_call(decorator: ast.expr) -> ast.Call | ast.Attribute | None:
	target = decorator.func if isinstance(decorator, ast.Call) else decorator
	if isinstance(target, ast.Attribute) and target.attr == "whitelist":
		return decorator
	return None


def _allows_guest(decorator) -> bool:
	if not isinstance(decorator, ast.Call):
		return False
	return any(
		kw.arg == "allow_guest" and isinstance(kw.value, ast.Constant) and bool(kw.value.value)
		for kw in decorator.keywords
	)


def _controller_doctype(path: Path) -> str | None:
	"""The DocType of a controller file `<module>/doctype/<name>/<name>.py`."""
	if path.parent.parent.name != "doctype" or path.stem != path.parent.name:
		return None
	meta = path.with_suffix(".json")
	return json.loads(meta.read_text())["name"] if meta.exists() else None


def whitelisted_methods() -> list[Whitelisted]:
	root = app_root()
	found = []
	for path in sorted(root.rglob("*.py")):
		rel = path.relative_to(root.parent)
		if "tests" in rel.parts or path.name.startswith("test_"):
			continue
		module = ".".join(rel.with_suffix("").parts)
		tree = ast.parse(path.read_text(), str(path))
		for node in ast.walk(tree):
			if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
				continue
			decorators = [d for d in node.decorator_list if _whitelist_call(d) is not None]
			if not decorators:
				continue
			in_class = any(
				isinstance(parent, ast.ClassDef) and node in parent.body for parent in ast.walk(tree)
			)
			found.append(
				Whitelisted(
					module,
					node.name,
					_controller_doctype(path) if in_class else None,
					any(_allows_guest(d) for d in decorators),
				)
			)
	return found


def app_modules() -> list[str]:
	return frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")


def script_reports() -> list[frappe._dict]:
	return frappe.get_all(
		"Report",
		filters={"module": ["in", app_modules()], "report_type": "Script Report", "disabled": 0},
		fields=["name", "ref_doctype"],
		order_by="name",
	)


def app_workflows() -> list[str]:
	doctypes = frappe.get_all("DocType", filters={"module": ["in", app_modules()]}, pluck="name")
	return frappe.get_all(
		"Workflow", filters={"document_type": ["in", doctypes], "is_active": 1}, pluck="name", order_by="name"
	)
