// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS National Report", {
	refresh(frm) {
		kelisim.handover.refresh(frm);
		if (!frm.is_new() && frm.doc.docstatus === 0 && frm.perm[0].write) {
			frm.add_custom_button(__("Compile from the signed-off regional reports"), () =>
				frm.call("compile").then(() => frm.reload_doc())
			);
		}
	},
	before_workflow_action(frm) {
		return kelisim.ask_return_reason(frm, __("Return the report")) || kelisim.handover.ask_outgoing(frm);
	},
});
