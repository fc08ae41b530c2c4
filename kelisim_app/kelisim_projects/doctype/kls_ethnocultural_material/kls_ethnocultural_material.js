// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Ethnocultural Material", {
	setup(frm) {
		frm.set_query("district", () => ({ filters: { region: frm.doc.region || "" } }));
		frm.set_query("collecting_structure", () => ({ filters: { region: frm.doc.region || "" } }));
	},
	refresh(frm) {
		if (frm.doc.workflow_state === "Under review") {
			frm.set_intro(__("To return the material, write the reason for return, then choose Return."), "blue");
		}
	},
});
