// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Signature Settings", {
	refresh(frm) {
		frm.set_intro(
			__("A step listed here with «Signature required» is taken only with the user's electronic digital signature (NCALayer). Load the NCA RK root certificates below and enter each signer's IIN in his user record."),
			"blue"
		);
	},
});
