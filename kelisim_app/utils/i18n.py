"""`_` that works with and without Frappe (pure rule modules use it; layer-1 tests have no Frappe)."""

from __future__ import annotations

try:
	from frappe import _
except ImportError:  # pragma: no cover - exercised by layer-1 tests

	def _(msg: str, lang: str | None = None, context: str | None = None) -> str:  # type: ignore[misc]
		return msg


__all__ = ["_"]
