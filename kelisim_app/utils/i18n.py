"""`_` that works with and without Frappe (pure rule modules use it; layer-1 tests have no Frappe), and
`N_`, the gettext no-op marker for strings stored in data (labels of custom fields, role descriptions)
that the desk translates when it shows them: the extractor puts them in the catalogue."""

from __future__ import annotations

try:
	from frappe import _
except ImportError:  # pragma: no cover - exercised by layer-1 tests

	def _(msg: str, lang: str | None = None, context: str | None = None) -> str:  # type: ignore[misc]
		return msg


def N_(msg: str) -> str:
	"""Mark a string for translation without translating it now."""
	return msg


__all__ = ["N_", "_"]
