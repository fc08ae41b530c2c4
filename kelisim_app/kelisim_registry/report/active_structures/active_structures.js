// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.query_reports["Active Structures"] = {
	filters: [
		{
			fieldname: "region",
			label: __("Region"),
			fieldtype: "Link",
			options: "KLS Region",
		},
		{
			fieldname: "structure_kind",
			label: __("Kind"),
			fieldtype: "Link",
			options: "KLS Structure Kind",
		},
	],
};
