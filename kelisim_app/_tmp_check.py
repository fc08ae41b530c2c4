import frappe
def run():
	print(frappe.get_all("KLS Instruction Execution", fields=["workflow_state","docstatus","deadline","is_overdue","days_left"], limit=200, order_by="deadline"))
