"""Regenerate `frappe_doctypes.txt` and `frappe_roles.txt` from a Frappe source tree.

	python3 tests/data/generate_frappe_lists.py /opt/kelisim/frappe-bench/apps/frappe

DocTypes: the `name` of every `frappe/*/doctype/*/*.json` that is a DocType. Roles: Administrator, Guest,
All, Desk User (automatic roles), the roles `install_basic_docs` creates, and every role named in the
permissions of Frappe's DocTypes (Frappe creates a Role for each when it syncs the DocType).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
AUTOMATIC_ROLES = ("Administrator", "Guest", "All", "Desk User")
BASIC_ROLES = ("Report Manager", "Translator")  # frappe/utils/install.py: install_basic_docs


def frappe_version(source: Path) -> str:
	text = (source / "frappe" / "__init__.py").read_text(encoding="utf-8")
	match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.M)
	return match.group(1) if match else "?"


def collect(source: Path) -> tuple[list[str], list[str]]:
	doctypes: set[str] = set()
	roles: set[str] = set(AUTOMATIC_ROLES) | set(BASIC_ROLES)
	for path in sorted((source / "frappe").glob("*/doctype/*/*.json")):
		try:
			data = json.loads(path.read_text(encoding="utf-8"))
		except ValueError:
			continue
		if not isinstance(data, dict) or data.get("doctype") != "DocType" or not data.get("name"):
			continue
		doctypes.add(data["name"])
		roles.update(p["role"] for p in data.get("permissions") or [] if p.get("role"))
	return sorted(doctypes), sorted(roles)


def write(path: Path, names: list[str], version: str) -> None:
	path.write_text(f"# generated from Frappe {version}\n" + "\n".join(names) + "\n", encoding="utf-8")


def main(source: str) -> None:
	root = Path(source)
	version = frappe_version(root)
	doctypes, roles = collect(root)
	write(HERE / "frappe_doctypes.txt", doctypes, version)
	write(HERE / "frappe_roles.txt", roles, version)
	print(f"Frappe {version}: {len(doctypes)} DocTypes, {len(roles)} roles")


if __name__ == "__main__":
	main(sys.argv[1] if len(sys.argv) > 1 else "/opt/kelisim/frappe-bench/apps/frappe")
