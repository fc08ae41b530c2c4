// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.query_reports["Kazakh Share"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From date"),
			fieldtype: "Date",
			default: frappe.datetime.year_start(),
		},
		{
			fieldname: "to_date",
			label: __("To date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "region",
			label: __("Region"),
			fieldtype: "Link",
			options: "KLS Region",
		},
		{
			fieldname: "base_project",
			label: __("Base project"),
			fieldtype: "Link",
			options: "KLS Base Project",
		},
		{
			fieldname: "group_by_month",
			label: __("Group by month"),
			fieldtype: "Check",
			default: 0,
		},
	],
};
