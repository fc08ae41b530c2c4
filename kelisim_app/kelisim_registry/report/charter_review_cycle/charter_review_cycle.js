// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.query_reports["Charter Review Cycle"] = {
	filters: [
		{ fieldname: "region", label: __("Region"), fieldtype: "Link", options: "KLS Region" },
		{ fieldname: "structure_kind", label: __("Kind"), fieldtype: "Link", options: "KLS Structure Kind" },
		{
			fieldname: "state",
			label: __("Charter"),
			fieldtype: "Select",
			options: ["", "No charter", "Never reviewed", "Overdue", "Due soon", "Reviewed"].map((v) => ({
				value: v,
				label: v ? __(v) : "",
			})),
		},
	],
};
