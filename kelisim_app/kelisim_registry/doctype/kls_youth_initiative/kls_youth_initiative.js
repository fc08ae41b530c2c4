// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Youth Initiative", {
	setup(frm) {
		frm.set_query("proposing_structure", () => ({
			filters: { structure_kind: "Youth Movement Headquarters", status: "Active" },
		}));
	},
	decision(frm) {
		if (frm.doc.decision !== "Under consideration" && !frm.doc.decided_on) {
			frm.set_value("decided_on", frappe.datetime.get_today());
		}
	},
});
