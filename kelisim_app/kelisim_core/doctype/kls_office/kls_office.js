// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Office", {
	office_type(frm) {
		if (frm.doc.office_type === "RGU") frm.set_value("region", null);
	},
});
