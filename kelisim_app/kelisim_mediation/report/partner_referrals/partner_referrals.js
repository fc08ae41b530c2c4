// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.query_reports["Partner Referrals"] = {
	filters: [
		{ fieldname: "from_date", label: __("Referred from"), fieldtype: "Date", default: frappe.datetime.year_start() },
		{ fieldname: "to_date", label: __("Referred to"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "region", label: __("Region"), fieldtype: "Link", options: "KLS Region" },
	],
};
