// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

// the roles `kelisim_app.kelisim_reporting.jobs.enqueue_compile_all_regions` lets through
const KLS_COMPILE_ROLES = ["System Manager", "Kelisim Administrator", "RGU Head", "RGU Coordinator"];

frappe.ui.form.on("KLS Reporting Period", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Regional reports"), () =>
				frappe.set_route("List", "KLS Regional Report", { period: frm.doc.name })
			);
			frm.add_custom_button(__("Compliance"), () =>
				frappe.set_route("query-report", "Reporting Compliance", { period: frm.doc.name })
			);
			if (KLS_COMPILE_ROLES.some((role) => frappe.user.has_role(role))) {
				// a background job: the request returns at once, the desk shows its progress, then its message
				frm.add_custom_button(__("Compile the reports of all regions"), () =>
					frappe
						.call({
							method: "kelisim_app.kelisim_reporting.jobs.enqueue_compile_all_regions",
							args: { period: frm.doc.name },
							type: "POST",
							freeze: true,
						})
						.then(() =>
							frappe.show_alert({
								message: __("Queued: the progress shows here, and a message when it is done"),
								indicator: "blue",
							})
						)
				);
			}
		}
	},
});
