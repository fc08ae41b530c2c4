// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.listview_settings["KLS Event"] = {
	add_fields: ["workflow_state"],
	get_indicator(doc) {
		const colours = { Planned: "blue", Held: "orange", Reported: "purple", Verified: "green" };
		return [__(doc.workflow_state), colours[doc.workflow_state] || "gray", `workflow_state,=,${doc.workflow_state}`];
	},
	calendar_view: true,
};
