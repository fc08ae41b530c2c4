// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

const KLS_CASE_ASSIGNERS = ["KGU Head", "KGU Specialist", "RGU Head", "RGU Coordinator", "Kelisim Administrator", "System Manager"];
const KLS_CASE_OPEN = ["Registered", "Assigned", "In mediation"];

frappe.ui.form.on("KLS Mediation Case", {
	setup(frm) {
		frm.set_query("handling_structure", () => ({
			filters: {
				structure_kind: [
					"in",
					["Mediation Council", "Dialogue Platform", "Mediation Office", "Council of Public Consent"],
				],
				region: frm.doc.region,
			},
		}));
		frm.set_query("co_handler", () => ({
			filters: {
				structure_kind: ["in", frm.doc.minors_involved ? ["Mothers' Council", "Council of Public Consent"] : ["Council of Public Consent"]],
				region: frm.doc.region,
			},
		}));
		frm.set_query("mediator", () => ({
			filters: {
				region: frm.doc.region,
				status: "Active",
				certification_state: ["in", ["Valid", "Expiring"]],
			},
		}));
		frm.set_query("district", () => ({ filters: { region: frm.doc.region } }));
		frm.set_query("partner", "referrals", () => ({ filters: { is_active: 1 } }));
	},

	refresh(frm) {
		const may_assign = KLS_CASE_ASSIGNERS.some((role) => frappe.user.has_role(role));
		if (!frm.is_new() && may_assign && KLS_CASE_OPEN.includes(frm.doc.workflow_state)) {
			frm.add_custom_button(
				frm.doc.mediator ? __("Reassign by load") : __("Assign by load"),
				() =>
					frm.call("assign_mediator").then((r) => {
						if (r.message) {
							frappe.show_alert({
								message: __("Assigned to {0}", [r.message]),
								indicator: "green",
							});
							frm.reload_doc();
						}
					}),
			);
		}
		if (frm.doc.is_overdue) {
			frm.dashboard.set_headline_alert(__("This case is overdue"), "red");
		}
	},
});
