// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.query_reports["Speakers and Experts"] = {
	filters: [
		{
			fieldname: "region",
			label: __("Region"),
			fieldtype: "Link",
			options: "KLS Region",
		},
		{
			fieldname: "role",
			label: __("Role"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Speaker", label: __("Speaker") },
				{ value: "Blogger", label: __("Blogger") },
				{ value: "Expert", label: __("Expert") },
			],
		},
		{
			fieldname: "language",
			label: __("Language contains"),
			fieldtype: "Data",
		},
	],
};
