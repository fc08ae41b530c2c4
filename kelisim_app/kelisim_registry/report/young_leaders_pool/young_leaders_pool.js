// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.query_reports["Young Leaders Pool"] = {
	filters: [{ fieldname: "region", label: __("Region"), fieldtype: "Link", options: "KLS Region" }],
};
