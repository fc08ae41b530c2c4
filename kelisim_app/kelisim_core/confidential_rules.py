"""Field-level confidentiality of change history: plain functions, testable without a database.

A change history entry (Frappe's Version `data`) holds the old and new values of every changed field and the
rows of changed child tables. For a reader without the permission level of some fields those values are
replaced by `REDACTED`: he still sees that they changed, when and by whom, never what they held.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

REDACTED = "•••"


def redact_version_diff(
	diff: dict, hidden: Iterable[str], hidden_in_rows: Mapping[str, Iterable[str]] | None = None
) -> dict:
	"""`diff` without the values of the fields in `hidden` (fields of the document, a Table field among them:
	its rows keep only their name and position) and of the fields `hidden_in_rows[table]` in the rows of a
	table the reader may see."""
	hidden = set(hidden)
	in_rows = {table: set(fields) for table, fields in (hidden_in_rows or {}).items()}
	out = dict(diff)
	out["changed"] = [
		[field, REDACTED, REDACTED] if field in hidden else [field, old, new]
		for field, old, new in diff.get("changed") or []
	]
	for key in ("added", "removed"):
		out[key] = [_redact_row(table, row, hidden, in_rows) for table, row in diff.get(key) or []]
	out["row_changed"] = [
		[
			table,
			idx,
			name,
			_redact_changes(changes, hidden if table in hidden else in_rows.get(table), table in hidden),
		]
		for table, idx, name, changes in diff.get("row_changed") or []
	]
	for key in ("added", "removed", "row_changed", "changed"):
		if key not in diff:
			out.pop(key, None)
	return out


def _redact_row(table: str, row, hidden: set[str], in_rows: dict[str, set[str]]):
	row = row if isinstance(row, dict) else {}
	if table in hidden:
		return [table, {"name": row.get("name"), "idx": row.get("idx")}]
	fields = in_rows.get(table) or set()
	return [table, {key: (REDACTED if key in fields else value) for key, value in row.items()}]


def _redact_changes(changes, fields, everything: bool) -> list:
	fields = fields or set()
	return [
		[field, REDACTED, REDACTED] if everything or field in fields else [field, *values]
		for field, *values in changes or []
	]


def names_confidential_field(template: str, fields: Iterable[str]) -> list[str]:
	"""The fields of `fields` a Jinja template reads from its document (`doc.iin`, `doc["iin"]`, `{{ iin }}`)."""
	import re

	found = []
	for field in sorted(set(fields)):
		pattern = rf"(?:\bdoc\s*\.\s*{field}\b|\bdoc\s*\[\s*['\"]{field}['\"]\s*\]|\{{\{{\s*{field}\b|get\(\s*['\"]{field}['\"])"
		if re.search(pattern, template or ""):
			found.append(field)
	return found
