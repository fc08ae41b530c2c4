// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Reporting Period", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Regional reports"), () =>
				frappe.set_route("List", "KLS Regional Report", { period: frm.doc.name })
			);
			frm.add_custom_button(__("Compliance"), () =>
				frappe.set_route("query-report", "Reporting Compliance", { period: frm.doc.name })
			);
		}
	},
});
