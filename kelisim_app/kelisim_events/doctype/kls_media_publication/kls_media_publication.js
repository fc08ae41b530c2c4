// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Media Publication", {
	setup(frm) {
		frm.set_query("outlet", () => ({
			filters: { structure_kind: "Ethnic Media Outlet", status: ["!=", "Dissolved"] },
		}));
		frm.set_query("event", () => ({
			filters: frm.doc.region ? { region: frm.doc.region } : {},
		}));
	},

	refresh(frm) {
		if (frm.doc.is_kazakh) frm.page.set_indicator(__("In Kazakh"), "blue");
	},

	async outlet(frm) {
		if (!frm.doc.outlet || frm.doc.region) return;
		const { message } = await frappe.db.get_value("KLS Public Structure", frm.doc.outlet, "region");
		if (message && message.region && !frm.doc.region) frm.set_value("region", message.region);
	},

	async language(frm) {
		if (!frm.doc.language) return frm.set_value("is_kazakh", 0);
		const { message } = await frappe.db.get_value("KLS Language", frm.doc.language, "is_state_language");
		frm.set_value("is_kazakh", message && message.is_state_language ? 1 : 0);
	},
});
