// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.listview_settings["KLS Public Structure"] = {
	add_fields: ["status", "activity_status"],
	get_indicator(doc) {
		if (doc.status === "Dissolved") return [__("Dissolved"), "gray", "status,=,Dissolved"];
		if (doc.status === "Suspended") return [__("Suspended"), "orange", "status,=,Suspended"];
		if (doc.activity_status === "Inactive") return [__("Inactive"), "red", "activity_status,=,Inactive"];
		return [__("Active"), "green", "activity_status,=,Active"];
	},
};
