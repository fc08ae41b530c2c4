"""Records for the layer-2 tests of media coverage, publishing and their reports (not used at run time)."""

from __future__ import annotations

import frappe
from frappe.utils import add_to_date, get_datetime

from kelisim_app.kelisim_registry.tests.factories import make_structure

OUTLET_KIND = "Ethnic Media Outlet"
LANGUAGES = (("Kazakh", 1), ("Russian", 0), ("Korean", 0), ("Uyghur", 0))


def ensure_languages() -> None:
	"""The languages install ships; made here when a site lacks them."""
	for name, state in LANGUAGES:
		if not frappe.db.exists("KLS Language", name):
			frappe.get_doc(
				{"doctype": "KLS Language", "language_name": name, "is_state_language": state}
			).insert(ignore_permissions=True)


def structure(name: str, region: str | None, kind: str = "Council of Public Consent", **extra) -> str:
	"""A public structure, made once per name."""
	existing = frappe.db.get_value("KLS Public Structure", {"structure_name": name})
	if existing:
		return existing
	extra.setdefault("founded_on", "2010-01-01")
	if region is None:
		extra.pop("level", None)
	return make_structure(name, region, kind, **extra)


def outlet(name: str, region: str | None) -> str:
	return structure(name, region, OUTLET_KIND, level="Oblast" if region else "Republican")


def make_event(organiser: str, start: str, kazakh: bool, verified: bool = True, **extra) -> str:
	"""An event held at `start`; Verified (or left Planned) and in Kazakh or not, set directly so that the
	tests do not depend on the workflow's users."""
	begin = get_datetime(start)
	languages = [{"language": "Kazakh"}] if kazakh else [{"language": "Russian"}]
	doc = frappe.get_doc(
		{
			"doctype": "KLS Event",
			"title": extra.pop("title", f"Media test event {start}"),
			"event_type": extra.pop("event_type", "Round table"),
			"organiser": organiser,
			"start": begin,
			"end": add_to_date(begin, hours=2),
			"participants_total": 30,
			"participants_youth": 10,
			"ethnic_groups_count": 5,
			"languages": languages,
			**extra,
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value(
		"KLS Event",
		doc.name,
		{
			"workflow_state": "Verified" if verified else "Planned",
			"event_date": begin.date(),
			"uses_kazakh": 1 if kazakh else 0,
		},
		update_modified=False,
	)
	return doc.name


def publication(**values):
	"""A KLS Media Publication document, not inserted."""
	return frappe.get_doc(
		{
			"doctype": "KLS Media Publication",
			"title": values.pop("title", "Unity in diversity: a round table"),
			"publication_type": values.pop("publication_type", "Article"),
			"language": values.pop("language", "Kazakh"),
			"published_on": values.pop("published_on", "2019-03-05"),
			**values,
		}
	)
