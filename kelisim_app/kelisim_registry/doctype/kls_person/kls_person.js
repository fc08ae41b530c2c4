// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Person", {
	refresh(frm) {
		frm.trigger("show_iin_hint");
		frm.trigger("anonymise_button");
	},

	// the person's request to remove his data (the law on personal data): his KGU Head or an administrator
	anonymise_button(frm) {
		const erasers = ["KGU Head", "Kelisim Administrator", "System Manager"];
		if (frm.is_new() || frm.doc.anonymised || !frm.perm[0]?.write) return;
		if (!erasers.some((role) => frappe.user_roles.includes(role))) return;
		frm.add_custom_button(__("Anonymise on request"), () => {
			frappe.prompt(
				{
					fieldname: "reason",
					fieldtype: "Small Text",
					label: __("Reason for anonymisation"),
					reqd: 1,
				},
				({ reason }) =>
					frappe
						.xcall("kelisim_app.kelisim_registry.personal_data.anonymise", {
							person: frm.doc.name,
							reason,
						})
						.then(() => frm.reload_doc()),
				__("Anonymise the person's data"),
				__("Anonymise")
			);
		});
	},

	iin(frm) {
		frm.trigger("show_iin_hint");
	},

	show_iin_hint(frm) {
		const field = frm.fields_dict.iin;
		// the IIN is confidential (permlevel 1): nothing to show to those who cannot read it
		if (!field || !frm.doc.iin || !frm.has_perm("read", 1)) {
			field?.set_description(__("Individual identification number: 12 digits"));
			return;
		}
		const iin = frm.doc.iin;
		frappe.call({
			method: "kelisim_app.kelisim_registry.doctype.kls_person.kls_person.birth_date_hint",
			args: { iin },
			callback({ message: hint }) {
				if (!hint || frm.doc.iin !== iin) return; // typed on since
				if (!hint.valid) {
					const message = frappe.utils.escape_html(hint.message);
					field.set_description(`<span class="text-danger">${message}</span>`);
					return;
				}
				field.set_description(
					__("Born {0}, {1}", [frappe.datetime.str_to_user(hint.birth_date), __(hint.gender)])
				);
				if (!frm.doc.birth_date) frm.set_value("birth_date", hint.birth_date);
				if (!frm.doc.gender) frm.set_value("gender", hint.gender);
			},
		});
	},
});
