// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Kelisim Budget Execution by Region"] = {
	method: "kelisim_app.kelisim_projects.dashboard_chart_source.kelisim_budget_execution_by_region.kelisim_budget_execution_by_region.get",
	filters: [
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear() },
		{ fieldname: "base_project", label: __("Base Project"), fieldtype: "Link", options: "KLS Base Project" },
	],
};
