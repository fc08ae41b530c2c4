// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Signature", {
	refresh(frm) {
		frm.disable_save();
		const file = (method) => window.open(`/api/method/kelisim_app.kelisim_core.signing.${method}?name=${encodeURIComponent(frm.doc.name)}`);
		frm.add_custom_button(__("Download signature (.p7s)"), () => file("download_signature"));
		frm.add_custom_button(__("Download signed content (.json)"), () => file("download_content"));
	},
});
