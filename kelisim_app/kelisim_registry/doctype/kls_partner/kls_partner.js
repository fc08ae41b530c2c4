// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Partner", {
	setup(frm) {
		frm.set_query("district", () => ({ filters: { region: frm.doc.region || "" } }));
	},
	region(frm) {
		frm.set_value("district", null);
	},
});
