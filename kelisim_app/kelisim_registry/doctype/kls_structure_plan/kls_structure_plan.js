// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Structure Plan", {
	setup(frm) {
		frm.set_query("structure", () => ({ filters: { status: ["!=", "Dissolved"] } }));
		// the responsible member is one of the structure's members
		frm.set_query("responsible", "activities", () => ({
			filters: frm.__members ? { name: ["in", frm.__members] } : {},
		}));
	},
	refresh(frm) {
		if (frm.doc.workflow_state === "Submitted") {
			frm.set_intro(__("To return the plan, write the reason for return, then choose Return."), "blue");
		}
		frm.trigger("load_members");
	},
	structure(frm) {
		frm.trigger("load_members");
	},
	load_members(frm) {
		if (!frm.doc.structure) return;
		frappe.db
			.get_list("KLS Membership", { filters: { structure: frm.doc.structure }, fields: ["person"], limit: 500 })
			.then((rows) => (frm.__members = rows.map((r) => r.person)));
	},
});
