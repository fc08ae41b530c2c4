// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Information Recommendation", {
	setup(frm) {
		frm.set_query("outlet", "recipients", () => ({
			filters: { structure_kind: ["in", ["Ethnic Media Outlet", "Journalists' Club"]] },
		}));
	},
	refresh(frm) {
		if (!frm.is_new() && !frm.doc.issued_on && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Issue today"), () => {
				frm.set_value("issued_on", frappe.datetime.get_today());
				frm.save();
			});
		}
	},
});
