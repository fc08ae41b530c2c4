"""The app's layering, read from its imports (every `import` and `from … import`, at the top of a module or
inside a function: a lazy import hides a dependency, it does not remove it).

* `kelisim_core` is the kernel: it imports no feature module (registry, events, projects, instructions,
  mediation, reporting), nor the demo, the benchmark, install code or tests.
* The modules of the domain depend on each other without a cycle.
* Code that runs on a site imports no test code.
"""

from __future__ import annotations

import ast
import itertools
from collections import defaultdict
from pathlib import Path

from tests import app_meta

APP = app_meta.APP_DIR
KERNEL = "kelisim_core"
FEATURES = {
	"kelisim_registry",
	"kelisim_events",
	"kelisim_projects",
	"kelisim_instructions",
	"kelisim_mediation",
	"kelisim_reporting",
}
NOT_FOR_THE_KERNEL = FEATURES | {"demo", "benchmark", "install", "commands", "tests", "patches", "www"}


def is_test_code(path: Path) -> bool:
	parts = path.relative_to(APP).parts
	return "tests" in parts or path.name.startswith("test_") or path.name == "testing.py"


def package_of(path: Path) -> str:
	"""`kelisim_core` for kelisim_app/kelisim_core/…, `install` for kelisim_app/install.py."""
	parts = path.relative_to(APP).parts
	return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def imported_packages(path: Path) -> set[tuple[str, int]]:
	"""(package of kelisim_app, line) of every import of the app in `path`."""
	found = set()
	for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
		modules: list[str] = []
		if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
			modules = [node.module]
		elif isinstance(node, ast.Import):
			modules = [alias.name for alias in node.names]
		for module in modules:
			parts = module.split(".")
			if parts[0] == "kelisim_app" and len(parts) > 1:
				found.add((parts[1], node.lineno))
	return found


def import_graph(include_tests: bool = False) -> dict[str, dict[str, list[str]]]:
	"""{package: {imported package: ["file:line", …]}} over the app's Python files."""
	graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
	for path in sorted(APP.rglob("*.py")):
		if is_test_code(path) and not include_tests:
			continue
		source = package_of(path)
		for target, line in imported_packages(path):
			if target != source:
				graph[source][target].append(f"{path.relative_to(APP.parent)}:{line}")
	return graph


def find_cycle(graph: dict[str, dict[str, list[str]]], nodes: set[str]) -> list[str] | None:
	"""A cycle among `nodes` as [a, b, …, a], or None."""
	state: dict[str, int] = {}  # 1 = on the current path, 2 = done
	path: list[str] = []

	def visit(node: str) -> list[str] | None:
		state[node] = 1
		path.append(node)
		for nxt in sorted(graph.get(node, {})):
			if nxt not in nodes:
				continue
			if state.get(nxt) == 1:
				return [*path[path.index(nxt) :], nxt]
			if nxt not in state and (cycle := visit(nxt)):
				return cycle
		path.pop()
		state[node] = 2
		return None

	for node in sorted(nodes):
		if node not in state and (cycle := visit(node)):
			return cycle
	return None


def test_the_kernel_imports_no_feature_module():
	graph = import_graph()
	wrong = {target: where for target, where in graph[KERNEL].items() if target in NOT_FOR_THE_KERNEL}
	assert not wrong, f"kelisim_core must not import {sorted(wrong)}: {wrong}"


def test_the_domain_modules_have_no_import_cycle():
	graph = import_graph()
	cycle = find_cycle(graph, FEATURES | {KERNEL})
	assert cycle is None, (
		"import cycle: "
		+ " -> ".join(cycle)
		+ "; "
		+ "; ".join(f"{a} -> {b}: {graph[a][b][:3]}" for a, b in itertools.pairwise(cycle))
	)


def test_site_code_imports_no_test_code():
	graph = import_graph()
	wrong = {source: targets["tests"] for source, targets in graph.items() if "tests" in targets}
	assert not wrong, f"code that runs on a site imports test code: {wrong}"


def test_the_checks_can_fail():
	"""The cycle finder and the graph see what they must."""
	graph = {"a": {"b": ["x"]}, "b": {"c": ["y"]}, "c": {"a": ["z"]}}
	assert find_cycle(graph, {"a", "b", "c"}) == ["a", "b", "c", "a"]
	assert find_cycle(graph, {"a", "b"}) is None
	full = import_graph(include_tests=True)
	assert "kelisim_core" in full["kelisim_registry"], "every module stands on the kernel"
	assert "tests" in full["kelisim_mediation"], "test files are read when asked for"
