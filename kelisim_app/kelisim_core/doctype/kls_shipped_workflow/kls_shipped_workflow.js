// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Shipped Workflow", {
	refresh(frm) {
		if (frm.doc.status !== "In sync") {
			frm.set_intro(frm.doc.note || "", "orange");
			frm.add_custom_button(__("Reset to shipped definition"), () => {
				frappe.confirm(
					__("Replace the workflow {0} with the definition shipped with the app? The administrator's change is lost.", [
						frm.doc.workflow_name,
					]),
					() => frm.call("reset_to_shipped").then(() => frm.reload_doc())
				);
			});
		}
		if (frm.doc.workflow_name) {
			frm.add_custom_button(__("Open workflow"), () => frappe.set_route("Form", "Workflow", frm.doc.workflow_name));
		}
	},
});
