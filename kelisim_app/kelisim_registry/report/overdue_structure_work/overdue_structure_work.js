// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.query_reports["Overdue Structure Work"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		{ fieldname: "region", label: __("Region"), fieldtype: "Link", options: "KLS Region" },
		{ fieldname: "structure_kind", label: __("Kind"), fieldtype: "Link", options: "KLS Structure Kind" },
	],
};
