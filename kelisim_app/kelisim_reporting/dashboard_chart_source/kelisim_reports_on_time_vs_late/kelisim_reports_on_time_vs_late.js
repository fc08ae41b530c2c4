// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Kelisim Reports On Time vs Late"] = {
	method: "kelisim_app.kelisim_reporting.dashboard_chart_source.kelisim_reports_on_time_vs_late.kelisim_reports_on_time_vs_late.get",
	filters: [
		{ fieldname: "region", label: __("Region"), fieldtype: "Link", options: "KLS Region" },
		{ fieldname: "periods", label: __("Periods"), fieldtype: "Int", default: 8 },
	],
};
