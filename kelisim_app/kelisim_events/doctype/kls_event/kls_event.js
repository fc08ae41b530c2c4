// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Event", {
	setup(frm) {
		frm.set_query("organiser", () => ({ filters: { status: "Active" } }));
		frm.set_query("district", () => ({ filters: { region: frm.doc.region } }));
		frm.set_query("venue", () => ({ filters: { region: frm.doc.region } }));
		frm.set_query("plan", () => ({
			filters: { region: frm.doc.region, docstatus: ["<", 2], ...(frm.doc.base_project ? { base_project: frm.doc.base_project } : {}) },
		}));
	},
	refresh(frm) {
		if (frm.doc.workflow_state === "Verified") {
			frm.set_intro(__("Verified: it counts in indicators and reports. The KGU reopens it for changes."), "green");
		}
	},
	before_workflow_action(frm) {
		return kelisim.ask_reason(frm, {
			action: "Reopen",
			fieldname: "reopen_reason",
			label: __("Reason for reopening"),
			title: __("Reopen the event"),
			button: __("Reopen"),
		});
	},
});
