// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

// Heavy work runs in background jobs: the button queues it and the desk shows the job's progress bar.
const KLS_ACTIVITY_ROLES = ["System Manager", "Kelisim Administrator", "RGU Head", "RGU Coordinator"];

function kls_queue(method, args) {
	return frappe
		.call({ method, args, type: "POST", freeze: true })
		.then(() =>
			frappe.show_alert({
				message: __("Queued: the progress shows here, and a message when it is done"),
				indicator: "blue",
			})
		);
}

frappe.ui.form.on("KLS Registry Settings", {
	refresh(frm) {
		if (KLS_ACTIVITY_ROLES.some((role) => frappe.user.has_role(role))) {
			frm.add_custom_button(__("Recompute activity of all structures"), () =>
				kls_queue("kelisim_app.kelisim_registry.jobs.enqueue_activity_refresh")
			);
		}
		if (frappe.boot.kelisim_demo_site && frappe.user.has_role("System Manager")) {
			frm.add_custom_button(__("Generate demo data"), () =>
				frappe.prompt(
					{
						fieldname: "scale",
						fieldtype: "Float",
						label: __("Scale (1 = the concept's 2020 figures)"),
						default: 0.1,
						reqd: 1,
					},
					(values) => kls_queue("kelisim_app.demo.jobs.enqueue_demo", { scale: values.scale }),
					__("Generate demo data"),
					__("Queue")
				)
			);
		}
	},
});
