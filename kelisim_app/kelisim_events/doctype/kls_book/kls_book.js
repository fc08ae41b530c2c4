// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Book", {
	setup(frm) {
		frm.set_query("target_language", () => ({
			filters: frm.doc.source_language ? { name: ["!=", frm.doc.source_language] } : {},
		}));
		frm.set_query("source_language", () => ({
			filters: frm.doc.target_language ? { name: ["!=", frm.doc.target_language] } : {},
		}));
		frm.set_query("structure", () => ({
			filters: frm.doc.region ? { region: frm.doc.region } : {},
		}));
	},

	refresh(frm) {
		const colour = { Planned: "gray", "In translation": "orange", "In print": "blue", Published: "green" }[
			frm.doc.status
		];
		if (colour && !frm.is_new()) frm.page.set_indicator(__(frm.doc.status), colour);
	},
});
