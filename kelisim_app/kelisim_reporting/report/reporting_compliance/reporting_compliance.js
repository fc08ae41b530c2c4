// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.query_reports["Reporting Compliance"] = {
	filters: [
		{ fieldname: "period", label: __("Period"), fieldtype: "Link", options: "KLS Reporting Period" },
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
		{ fieldname: "region", label: __("Region"), fieldtype: "Link", options: "KLS Region" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "compliance" && data) {
			const colour = { [__("On time")]: "green", [__("Late")]: "orange", [__("Missing")]: "red" }[data.compliance];
			if (colour) value = `<span class="indicator-pill ${colour}">${value}</span>`;
		}
		return value;
	},
};
