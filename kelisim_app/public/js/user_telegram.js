// The User form of one's own profile leads to the Telegram page (link the chat, choose where to be told).
frappe.ui.form.on("User", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.name !== frappe.session.user) return;
		frm.add_custom_button(__("Telegram notifications"), () => frappe.set_route("kelisim-telegram"));
	},
});
