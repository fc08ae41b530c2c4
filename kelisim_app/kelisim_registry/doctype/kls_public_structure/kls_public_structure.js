// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Public Structure", {
	setup(frm) {
		frm.set_query("district", () => ({ filters: { region: frm.doc.region } }));
		frm.set_query("parent_structure", () => ({ filters: { name: ["!=", frm.doc.name || ""] } }));
	},
	region(frm) {
		if (frm.doc.district) frm.set_value("district", null);
	},
	level(frm) {
		if (frm.doc.level === "Republican") {
			frm.set_value("region", null);
			frm.set_value("district", null);
		}
	},
	refresh(frm) {
		if (frm.doc.status === "Dissolved") {
			frm.set_intro(__("Dissolved: this structure takes no new members or events."), "red");
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("Add member"), () =>
				frappe.new_doc("KLS Membership", { structure: frm.doc.name })
			);
		}
	},
});
