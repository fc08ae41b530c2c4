// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.query_reports["Mediation Statistics"] = {
	filters: [
		{ fieldname: "from_date", label: __("From"), fieldtype: "Date", default: frappe.datetime.year_start() },
		{ fieldname: "to_date", label: __("To"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "region", label: __("Region"), fieldtype: "Link", options: "KLS Region" },
		// its options are the case's categories, read from the DocType when the report opens
		{ fieldname: "category", label: __("Category"), fieldtype: "Select", options: [""] },
	],
	onload(report) {
		frappe.model.with_doctype("KLS Mediation Case", () => {
			const df = frappe.meta.get_docfield("KLS Mediation Case", "category");
			const filter = report.get_filter("category");
			filter.df.options = ["", ...(df.options || "").split("\n").filter(Boolean)];
			filter.refresh();
		});
	},
};
