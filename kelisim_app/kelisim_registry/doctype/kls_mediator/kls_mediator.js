// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Mediator", {
	setup(frm) {
		frm.set_query("mediation_structure", () => ({
			filters: {
				structure_kind: ["in", ["Mediation Council", "Dialogue Platform", "Mediation Office"]],
				...(frm.doc.region ? { region: frm.doc.region } : {}),
			},
		}));
	},

	refresh(frm) {
		const colour = { Valid: "green", Expiring: "orange", Expired: "red" }[frm.doc.certification_state];
		if (colour && !frm.is_new()) frm.page.set_indicator(__(frm.doc.certification_state), colour);
	},
});
