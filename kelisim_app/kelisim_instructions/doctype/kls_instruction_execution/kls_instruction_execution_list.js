// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.listview_settings["KLS Instruction Execution"] = {
	add_fields: ["workflow_state", "is_overdue", "docstatus"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		if (doc.docstatus === 1) return [__("Accepted"), "green", "docstatus,=,1"];
		if (doc.is_overdue) return [__("Overdue"), "red", "is_overdue,=,1"];
		const colours = { Open: "blue", Submitted: "purple", Returned: "orange" };
		return [__(doc.workflow_state), colours[doc.workflow_state] || "gray", `workflow_state,=,${doc.workflow_state}`];
	},
};
