"""Input the database would reject or keep wrong, refused first (doc_events["*"]["validate"], app DocTypes).

* Sizes: Frappe checks the length of Data fields but not of text columns, nor the range of numbers: a 1 MB
  text in a Small Text field or a budget of 10²² reached MariaDB and came back as a raw DataError (an error
  page, the input lost). Here they are refused with a message in the user's language, naming the field.
* Links: Frappe 15.44 does not notice an unknown value in a Link that other fields fetch from (its link check
  reads the fetched values, finds none, and moves on), so a membership could point at no structure at all.
"""

from __future__ import annotations

import frappe
from frappe import _

from kelisim_app.kelisim_core.metadata import is_app_doctype

# bytes a MariaDB TEXT column holds; characters the app accepts in a LONGTEXT one (a long report narrative
# is a few tens of thousands)
TEXT_BYTES = 65_535
LONG_TEXT_CHARS = 200_000
TEXT_COLUMNS = frozenset({"Small Text", "Text"})
LONG_TEXT_COLUMNS = frozenset({"Long Text", "Text Editor", "HTML Editor", "Markdown Editor", "Code", "JSON"})
INT_LIMIT = 2_147_483_647  # int(11)
DECIMAL_LIMIT = 10**12  # decimal(21, 9)
DECIMAL_COLUMNS = frozenset({"Float", "Currency", "Percent"})


def check_input(doc, method=None) -> None:
	if not is_app_doctype(doc.doctype):
		return
	check_sizes(doc)
	check_links(doc)


def check_links(doc) -> None:
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.get_link_fields():
			value = row.get(df.fieldname)
			if not value or not row.meta.get_fields_to_fetch(df.fieldname):
				continue  # Frappe's own check covers the Links nothing fetches from
			if frappe.get_meta(df.options).issingle or frappe.db.exists(df.options, value):
				continue
			frappe.throw(
				_("Could not find {0}").format(f"{_label(row, df)}: {value}"),
				frappe.LinkValidationError,
			)


def check_sizes(doc) -> None:
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.fields:
			value = row.get(df.fieldname)
			if value in (None, ""):
				continue
			if df.fieldtype in TEXT_COLUMNS and len(str(value).encode()) > TEXT_BYTES:
				too_long(row, df, TEXT_BYTES // 4)
			elif df.fieldtype in LONG_TEXT_COLUMNS and len(str(value)) > LONG_TEXT_CHARS:
				too_long(row, df, LONG_TEXT_CHARS)
			elif df.fieldtype == "Int" and _out_of(value, INT_LIMIT):
				too_big(row, df)
			elif df.fieldtype in DECIMAL_COLUMNS and _out_of(value, DECIMAL_LIMIT):
				too_big(row, df)


def _out_of(value, limit: int) -> bool:
	try:
		return abs(float(value)) >= limit
	except (TypeError, ValueError):
		return False


def _label(row, df) -> str:
	return _(df.label or df.fieldname)


def too_long(row, df, limit: int) -> None:
	frappe.throw(
		_("Value for field {0} is too long in {1}. Length should be lesser than {2} characters").format(
			_label(row, df), _(row.doctype), limit
		),
		frappe.CharacterLengthExceededError,
		title=_("Data Too Long"),
	)


def too_big(row, df) -> None:
	frappe.throw(f"{_('Value too big')}: {_label(row, df)}", frappe.ValidationError, title=_("Value too big"))
