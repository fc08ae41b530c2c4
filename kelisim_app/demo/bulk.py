"""Validated bulk inserts for the demo's mass records (people, memberships, events, cases, publications).

Each document goes through the same steps as `Document.insert()` up to the write — defaults, link
validation with its fetched values, `before_insert`, `validate` and `before_save` of the app's controller,
Frappe's own checks of mandatory fields, selects and lengths — and is named from its own naming series
(a block of numbers taken at once). Then a batch is written with one multi-row INSERT per table. The
per-record after-save hooks are replaced by their set-wise equivalents the generator calls once per batch
(member counts, structure activity), which is what makes a national data set load in minutes.
"""

from __future__ import annotations

import re

import frappe
from frappe.model.document import Document
from frappe.model.naming import set_new_name
from frappe.utils import getdate, today

SERIES_FORMAT = re.compile(r"^format:(?P<prefix>[^{]*)(?:\{YYYY\}(?P<mid>-))?\{(?P<hashes>#+)\}$")


def series_prefix(doctype: str) -> tuple[str, int]:
	"""The naming-series key and digits of a DocType named `format:PFX-{#####}` or `format:PFX-{YYYY}-{#####}`."""
	autoname = frappe.get_meta(doctype).autoname or ""
	match = SERIES_FORMAT.match(autoname)
	if not match:
		raise ValueError(f"{doctype}: unsupported autoname {autoname}")
	prefix = match["prefix"] + (f"{getdate(today()).year}{match['mid']}" if match["mid"] else "")
	return prefix, len(match["hashes"])


def reserve_names(doctype: str, count: int) -> list[str]:
	"""`count` consecutive names of the DocType's series, taken in one step (as getseries would, one by one).
	Frappe numbers a `format:` name's `{#####}` part on its own, so every such DocType draws from the same
	counter (the Series row with an empty key): so does this."""
	prefix, digits = series_prefix(doctype)
	key = ""
	series = frappe.qb.DocType("Series")
	current = frappe.qb.from_(series).select(series.current).where(series.name == key).for_update().run()
	if not current:
		frappe.qb.into(series).insert(key, 0).columns(series.name, series.current).run()
		start = 0
	else:
		start = int(current[0][0] or 0)
	frappe.qb.update(series).set(series.current, start + count).where(series.name == key).run()
	return [f"{prefix}{str(n).zfill(digits)}" for n in range(start + 1, start + count + 1)]


def prepare(doc: Document, name: str) -> Document:
	"""Everything `Document.insert()` does before writing the row."""
	doc.flags.ignore_permissions = True
	doc.set("__islocal", True)
	doc._set_defaults()
	doc.set_user_and_timestamp()
	doc.set_docstatus()
	doc._action = "save"  # what check_if_latest() sets for a new document
	doc._validate_links()
	doc.run_method("before_insert")
	doc.set_new_name(set_name=name)
	doc.set_parent_in_children()
	doc.flags.in_insert = True
	doc.run_before_save_methods()
	doc._validate()
	doc.set_docstatus()
	doc.flags.in_insert = False
	return doc


def write(docs: list[Document]) -> None:
	"""One multi-row INSERT per table for the prepared documents (parents, then each child table)."""
	tables: dict[str, list[dict]] = {}
	for doc in docs:
		tables.setdefault(doc.doctype, []).append(doc.get_valid_dict(convert_dates_to_str=True))
		for child in doc.get_all_children():
			if not child.name:  # a row the controller appended in validate (db_insert names it too)
				set_new_name(child)
			tables.setdefault(child.doctype, []).append(child.get_valid_dict(convert_dates_to_str=True))
	for doctype, rows in tables.items():
		fields = sorted({k for row in rows for k in row})
		frappe.db.bulk_insert(doctype, fields, [tuple(row.get(f) for f in fields) for row in rows])


def insert_many(values: list[dict], names: list[str] | None = None) -> list[Document]:
	"""Validate and write a batch of new documents of one DocType; returns them (named). Without `names`
	they are named from the DocType's series."""
	if not values:
		return []
	if not names:
		names = reserve_names(values[0]["doctype"], len(values))
	docs = [prepare(frappe.get_doc(v), name) for v, name in zip(values, names, strict=True)]
	write(docs)
	return docs
