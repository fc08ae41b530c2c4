// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt
// Desk helpers shared by the Kelisim forms, loaded on every desk page (hooks.app_include_js).
frappe.provide("kelisim");

// For a form's `before_workflow_action`: when the chosen action is `opts.action`, ask for the reason first
// and save it in the document's `opts.fieldname` (the server refuses the action without one; the action
// then reloads the form). Closing the dialog cancels the action. Other actions go ahead at once.
kelisim.ask_reason = function (frm, opts) {
	if (frm.selected_workflow_action !== opts.action) return;
	// Frappe freezes the page before it calls this hook: its overlay would cover the dialog and swallow the
	// clicks, so the user could never answer it
	frappe.dom.unfreeze();
	return new Promise((resolve, reject) => {
		let answered = false;
		const dialog = frappe.prompt(
			{ fieldname: "reason", fieldtype: "Small Text", label: opts.label, reqd: 1 },
			(values) => {
				answered = true;
				frm.set_value(opts.fieldname, values.reason);
				frm.save().then(resolve, reject);
			},
			opts.title,
			opts.button
		);
		// frappe.prompt hides the dialog just before it calls back: decide once the callback had its turn
		dialog.onhide = () => setTimeout(() => answered || reject(), 0);
	});
};

// The "Return" step of the approval workflows, with its reason in `return_reason`.
kelisim.ask_return_reason = function (frm, title) {
	return kelisim.ask_reason(frm, {
		action: "Return",
		fieldname: "return_reason",
		label: __("Reason for return"),
		title: title,
		button: __("Return"),
	});
};

// Hand-over of a signed-off report to the ministry (#20, kelisim_reporting/handover.py): the outgoing number
// and date are entered on the signed-off report (or asked for here when the step needs no signature), the
// RGU takes the step «Hand over»; the ministry acknowledges the receipt; the report exports for the ministry.
kelisim.handover = {
	refresh(frm) {
		if (frm.doc.docstatus !== 1) return;
		if (frm.doc.workflow_state === "Signed off" && frm.perm[0].write && !frm.doc.outgoing_number) {
			frm.set_intro(
				__("To hand the report over to the ministry, enter the outgoing number and date, update the report, then take the step «Hand over»."),
				"blue"
			);
		}
		frm.add_custom_button(__("Export for the ministry (Excel)"), () => {
			const args = { doctype: frm.doctype, name: frm.doc.name };
			window.open(`/api/method/kelisim_app.kelisim_reporting.handover.export_for_ministry?${new URLSearchParams(args)}`);
		});
		const receiver = ["Ministry Observer", "Kelisim Administrator", "System Manager"].some((r) => frappe.user.has_role(r));
		if (frm.doc.workflow_state === "Handed over" && !frm.doc.received_on && receiver) {
			frm.add_custom_button(__("Acknowledge receipt"), () =>
				frappe
					.xcall("kelisim_app.kelisim_reporting.handover.acknowledge_receipt", { doctype: frm.doctype, name: frm.doc.name })
					.then(() => {
						frm.reload_doc();
						frappe.show_alert({ message: __("Receipt acknowledged"), indicator: "green" });
					})
			).addClass("btn-primary");
		}
	},
	// before_workflow_action: «Hand over» without the outgoing number and date asks for them first
	ask_outgoing(frm) {
		if (frm.selected_workflow_action !== "Hand over" || (frm.doc.outgoing_number && frm.doc.outgoing_date)) return;
		frappe.dom.unfreeze();
		return new Promise((resolve, reject) => {
			let answered = false;
			const dialog = frappe.prompt(
				[
					{ fieldname: "outgoing_number", fieldtype: "Data", label: __("Outgoing number"), reqd: 1, default: frm.doc.outgoing_number },
					{ fieldname: "outgoing_date", fieldtype: "Date", label: __("Outgoing date"), reqd: 1, default: frm.doc.outgoing_date || frappe.datetime.get_today() },
				],
				(values) => {
					answered = true;
					frm.doc.outgoing_number = values.outgoing_number;
					frm.doc.outgoing_date = values.outgoing_date;
					frm.dirty();
					frm.save("Update").then(resolve, reject);
				},
				__("Hand over to the ministry"),
				__("Hand over")
			);
			dialog.onhide = () => setTimeout(() => answered || reject(), 0);
		});
	},
};
