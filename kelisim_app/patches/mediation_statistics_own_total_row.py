"""Mediation Statistics computes its own total row (the desk's averaged the resolution rates and added up the
medians). Frappe keeps a standard report's `add_total_row` on migrate, so existing sites are switched here."""

import frappe

REPORT = "Mediation Statistics"


def execute():
	if frappe.db.exists("Report", REPORT):
		frappe.db.set_value("Report", REPORT, "add_total_row", 0, update_modified=False)
