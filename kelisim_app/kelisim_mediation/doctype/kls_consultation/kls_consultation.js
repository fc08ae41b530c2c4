// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Consultation", {
	setup(frm) {
		frm.set_query("partner", "referrals", () => ({ filters: { is_active: 1 } }));
	},
});
