"""#23: a project plan's title names its region, not its code ("… — KZ-71 — 2026" → "… — Астана — 2026"),
written in the site's language as the titles were."""

import frappe

from kelisim_app.kelisim_projects.doctype.kls_project_plan.kls_project_plan import plan_title


def execute():
	lang = frappe.db.get_single_value("System Settings", "language") or "en"
	saved = getattr(frappe.local, "lang", None)
	frappe.local.lang = lang
	try:
		for plan in frappe.get_all(
			"KLS Project Plan",
			filters={"region": ["is", "set"]},
			fields=["name", "base_project", "region", "year", "title"],
		):
			if plan.region not in (plan.title or ""):
				continue
			number = frappe.db.get_value("KLS Base Project", plan.base_project, "project_number")
			frappe.db.set_value(
				"KLS Project Plan",
				plan.name,
				"title",
				plan_title(number, plan.region, plan.year),
				update_modified=False,
			)
	finally:
		frappe.local.lang = saved
