// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.query_reports["Ethnic Group Reach"] = {
	filters: [
		{
			fieldname: "region",
			label: __("Region"),
			fieldtype: "Link",
			options: "KLS Region",
		},
		{
			fieldname: "from_date",
			label: __("Cases received from"),
			fieldtype: "Date",
		},
		{
			fieldname: "to_date",
			label: __("Cases received to"),
			fieldtype: "Date",
		},
	],
};
