// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.listview_settings["KLS Mediator"] = {
	add_fields: ["certification_state", "status"],
	get_indicator(doc) {
		const colours = { Valid: "green", Expiring: "orange", Expired: "red", "Not certified": "gray" };
		const state = doc.certification_state || "Not certified";
		return [__(state), colours[state] || "gray", `certification_state,=,${state}`];
	},
};
