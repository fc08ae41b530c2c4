// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.query_reports["Project Status"] = {
	filters: [
		{ fieldname: "region", label: __("Region"), fieldtype: "Link", options: "KLS Region" },
		{ fieldname: "base_project", label: __("Base project"), fieldtype: "Link", options: "KLS Base Project" },
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear() },
		{ fieldname: "at_risk_only", label: __("At risk only"), fieldtype: "Check" },
	],
};
