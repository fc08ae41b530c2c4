"""#23: the shared "Kelisim Structures and Mediation" workspace became two, the Structure Secretary's and the
Mediator's (Frappe removes no standard record whose file is gone)."""

import frappe


def execute():
	frappe.delete_doc_if_exists("Workspace", "Kelisim Structures and Mediation")
