// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Method Document", {
	setup(frm) {
		frm.set_query("supersedes", () => ({
			filters: { name: ["!=", frm.doc.name], status: ["!=", "Superseded"] },
		}));
	},
});
