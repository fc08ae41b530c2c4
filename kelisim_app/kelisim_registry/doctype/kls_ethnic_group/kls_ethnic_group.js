// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Ethnic Group", {
	refresh(frm) {
		if (frm.doc.is_shipped) frm.set_intro(__("Shipped with the app: migrate keeps its names in step."), "blue");
	},
});
