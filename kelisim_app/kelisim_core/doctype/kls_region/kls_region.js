// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Region", {
	refresh(frm) {
		if (frm.doc.is_shipped) {
			frm.set_intro(
				__("Shipped with the app: migrate keeps the names, kind and centre in step; the population is yours."),
				"blue"
			);
		}
	},
});
