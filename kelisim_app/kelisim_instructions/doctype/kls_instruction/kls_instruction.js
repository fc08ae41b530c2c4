// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Instruction", {
	refresh(frm) {
		if (frm.doc.docstatus === 1) {
			frm.add_custom_button(__("Executions"), () =>
				frappe.set_route("List", "KLS Instruction Execution", { instruction: frm.doc.name })
			);
			frm.dashboard.add_indicator(
				__("{0} of {1} accepted", [frm.doc.executions_accepted || 0, frm.doc.executions_total || 0]),
				frm.doc.executions_accepted === frm.doc.executions_total ? "green" : "blue"
			);
			if (frm.doc.executions_overdue) {
				frm.dashboard.add_indicator(__("{0} overdue", [frm.doc.executions_overdue]), "red");
			}
		}
	},
	all_regions(frm) {
		if (frm.doc.all_regions) frm.clear_table("regions");
	},
});
