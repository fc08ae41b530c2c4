// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.query_reports["Structure Census"] = {
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
		{
			fieldname: "level",
			label: __("Level"),
			fieldtype: "Select",
			options: ["", "Republican", "Oblast", "City", "District", "Rural"].map((value) => ({
				value: value,
				label: value ? __(value) : "",
			})),
		},
		{
			fieldname: "as_on",
			label: __("As on"),
			fieldtype: "Date",
		},
		{
			fieldname: "include_dissolved",
			label: __("Include dissolved"),
			fieldtype: "Check",
			default: 0,
		},
	],
};
