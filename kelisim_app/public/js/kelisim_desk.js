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
