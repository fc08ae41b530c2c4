// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.query_reports["Execution Discipline"] = {
	filters: [
		{ fieldname: "region", label: __("Region"), fieldtype: "Link", options: "KLS Region" },
		{
			fieldname: "control_level",
			label: __("Control"),
			fieldtype: "Select",
			options: ["", "Routine", "Under special control"],
		},
		{ fieldname: "from_date", label: __("Issued from"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Issued to"), fieldtype: "Date" },
	],
};
