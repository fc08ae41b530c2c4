"""Records of the reporting module for the layer-2 tests."""

from __future__ import annotations

import frappe
from frappe.utils import add_days, getdate, today


def quarter(year: int, number: int, due_in_days: int = 10) -> str:
	"""A quarter as a reporting period, due `due_in_days` after it ends (an existing one is kept)."""
	name = f"Quarter-{year}-{number}"
	if not frappe.db.exists("KLS Reporting Period", name):
		doc = frappe.get_doc(
			{"doctype": "KLS Reporting Period", "period_type": "Quarter", "year": year, "number": number}
		)
		doc.due_date = "2100-01-01"  # set properly below once the dates are known
		doc.insert(ignore_permissions=True)
		end = frappe.db.get_value("KLS Reporting Period", name, "end_date")
		frappe.db.set_value("KLS Reporting Period", name, "due_date", add_days(end, due_in_days))
	return name


def current_quarter(due_in_days: int = 10) -> str:
	"""This quarter as a reporting period (due a few days after it ends)."""
	now = getdate(today())
	return quarter(now.year, (now.month - 1) // 3 + 1, due_in_days)


def regional_report(period: str, region: str, user: str | None = None, **extra) -> frappe.Document:
	if user:
		frappe.set_user(user)
	return frappe.get_doc(
		{"doctype": "KLS Regional Report", "period": period, "region": region, "language": "ru", **extra}
	).insert()


NARRATIVE = {
	"achievements": "<p>Forty round tables held</p>",
	"problems": "<p>Low turnout in rural districts</p>",
	"proposals": "<p>Hold events in Kazakh and Russian</p>",
}
