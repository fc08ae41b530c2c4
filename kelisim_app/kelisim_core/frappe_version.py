"""The Frappe versions this app was written and tested for, and the check that refuses any other.

What the app changes in Frappe's own behaviour (permission hooks for every DocType, overridden desk endpoints,
the list-query field guard) was written against Frappe 15 (tested on 15.44.2). Frappe 16 moved several of
those internals, so installing or migrating on a version outside `SUPPORTED` stops with a clear message
instead of running overrides that no longer fit. `pyproject.toml` declares the same range to bench.

The version matcher is plain Python (PEP 440 specifiers, the subset bench uses), tested without Frappe.
"""

from __future__ import annotations

import re

from kelisim_app.exceptions import UnsupportedFrappeVersionError, fail
from kelisim_app.utils.i18n import _

# Keep in step with pyproject.toml [tool.bench.frappe-dependencies] (a layer-1 test compares them).
SUPPORTED = ">=15.0.0,<16.0.0"


def parse_version(text: str) -> tuple[int, ...]:
	"""`15.44.2` → (15, 44, 2); missing parts are 0, suffixes (`-dev`, `b1`) are ignored."""
	numbers = [int(x) for x in re.findall(r"\d+", text)[:3]]
	return tuple(numbers + [0] * (3 - len(numbers)))


def _clause_holds(version: tuple[int, ...], op: str, bound: str) -> bool:
	if bound.endswith(".*"):
		prefix = parse_version(bound[:-2])[: bound.count(".")]
		hit = version[: len(prefix)] == prefix
		return hit if op == "==" else not hit if op == "!=" else False
	b = parse_version(bound)
	if op == "~=":
		parts = len(bound.split("."))
		upper = (*b[: parts - 2], b[parts - 2] + 1)
		return version >= b and version[: len(upper)] < upper
	return {
		"==": version == b,
		"!=": version != b,
		"<=": version <= b,
		">=": version >= b,
		"<": version < b,
		">": version > b,
	}[op]


def satisfies(version: str, spec: str) -> bool:
	"""Whether `version` is inside `spec` (`>=15.0.0,<16.0.0`, `~=15.0`, `==15.*`)."""
	parsed = parse_version(version)
	for clause in filter(None, (c.strip() for c in spec.split(","))):
		match = re.fullmatch(r"(~=|==|!=|<=|>=|<|>)\s*([\d.*]+)", clause)
		if not match:
			raise ValueError(f"cannot read version clause {clause!r}")
		if not _clause_holds(parsed, *match.groups()):
			return False
	return True


def check_frappe_version(version: str, spec: str = SUPPORTED) -> None:
	"""Refuse a Frappe version the app was not written for (UnsupportedFrappeVersionError)."""
	if satisfies(version, spec):
		return
	fail(
		_(
			"Kelisim supports Frappe {0}; this bench runs Frappe {1}. Install a Kelisim release written for this Frappe version, or use a Frappe version in that range."
		).format(spec, version),
		UnsupportedFrappeVersionError,
		title=_("Unsupported Frappe version"),
	)


def check_installed_frappe() -> None:
	"""before_install / before_migrate: the running Frappe is one the app was written for."""
	import frappe

	check_frappe_version(frappe.__version__)
