// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Regional Report", {
	refresh(frm) {
		kelisim.handover.refresh(frm);
		const last = (frm.doc.returns || []).slice(-1)[0];
		if (frm.doc.workflow_state === "Returned" && last) {
			frm.set_intro(__("Returned by the RGU: {0}", [frappe.utils.escape_html(last.reason)]), "orange");
		}
		const editable = frm.doc.docstatus === 0 && ["Draft", "Returned", undefined, null, ""].includes(frm.doc.workflow_state);
		if (!frm.is_new() && editable && frm.perm[0].write) {
			frm.add_custom_button(__("Compile figures"), () =>
				frm.call("compile").then(() => {
					frm.reload_doc();
					frappe.show_alert({ message: __("Figures compiled from the records"), indicator: "green" });
				})
			);
		}
		render_drill_down(frm);
	},
	before_workflow_action(frm) {
		return kelisim.ask_return_reason(frm, __("Return the report")) || kelisim.handover.ask_outgoing(frm);
	},
});

function render_drill_down(frm) {
	// from a figure to the records behind it; the lists apply the user's own scope
	if (frm.is_new() || !frm.doc.period) return;
	frappe.db.get_value("KLS Reporting Period", frm.doc.period, ["start_date", "end_date"]).then(({ message: p }) => {
		if (!p) return;
		const between = (field) => `${field}=${encodeURIComponent(JSON.stringify(["between", [p.start_date, p.end_date]]))}`;
		const link = (label, doctype, query) =>
			`<a class="btn btn-xs btn-default" style="margin:2px" href="/app/${frappe.router.slug(doctype)}?region=${encodeURIComponent(
				frm.doc.region
			)}&${query}">${label}</a>`;
		frm.get_field("drill_down_html").$wrapper.html(
			[
				link(__("Structures"), "KLS Public Structure", "status=" + encodeURIComponent('["!=","Dissolved"]')),
				link(__("Verified events"), "KLS Event", "workflow_state=Verified&" + between("event_date")),
				link(__("Media publications"), "KLS Media Publication", between("published_on")),
				link(__("Mediation cases"), "KLS Mediation Case", between("received_on")),
				link(__("Instructions due"), "KLS Instruction Execution", between("deadline")),
			].join(" ")
		);
	});
}
