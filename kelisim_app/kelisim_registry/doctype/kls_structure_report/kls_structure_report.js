// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Structure Report", {
	setup(frm) {
		frm.set_query("structure", () => ({ filters: { status: ["!=", "Dissolved"] } }));
	},
	refresh(frm) {
		const preparing = ["Draft", "Returned"].includes(frm.doc.workflow_state || "Draft");
		if (!frm.is_new() && preparing && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Refresh figures"), () =>
				frm.call("refresh_figures").then(() => frm.reload_doc())
			);
		}
		if (frm.doc.workflow_state === "Submitted") {
			frm.set_intro(__("To return the report, write the reason for return, then choose Return."), "blue");
		}
	},
});
