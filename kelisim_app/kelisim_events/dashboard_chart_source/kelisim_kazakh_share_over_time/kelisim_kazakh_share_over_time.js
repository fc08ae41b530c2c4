// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Kelisim Kazakh Share over Time"] = {
	method: "kelisim_app.kelisim_events.dashboard_chart_source.kelisim_kazakh_share_over_time.kelisim_kazakh_share_over_time.get",
	filters: [
		{ fieldname: "region", label: __("Region"), fieldtype: "Link", options: "KLS Region" },
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
	],
};
