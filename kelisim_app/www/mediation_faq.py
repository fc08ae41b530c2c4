"""/mediation-faq: the published questions and answers on mediation and discrimination, in the visitor's
language (Russian or Kazakh; English falls back to all published entries)."""

import frappe
from frappe import _
from frappe.utils.html_utils import sanitize_html

no_cache = 1


def faq_entries(language: str | None) -> list[dict]:
	filters = {"published": 1}
	if language in ("kk", "ru", "en"):
		filters["language"] = language
	rows = frappe.get_all(
		"KLS FAQ Entry",
		filters=filters,
		fields=["name", "question", "answer", "category", "language"],
		order_by="category asc, sort_order asc, creation asc",
		ignore_permissions=True,
	)
	if not rows and language:
		return faq_entries(None)
	for row in rows:
		row.answer = sanitize_html(row.answer or "")
	return rows


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Mediation: questions and answers")
	language = (frappe.form_dict.get("lang") or frappe.local.lang or "")[:2]
	groups: dict[str, list] = {}
	for row in faq_entries(language):
		groups.setdefault(_(row.category), []).append(row)
	context.groups = groups
	return context
