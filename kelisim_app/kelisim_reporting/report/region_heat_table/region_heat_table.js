// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

// Cells coloured from white to red by their share of the table's highest monthly value; each month's cell
// opens the list of the records behind it (the region's route plus the month's date range).
frappe.query_reports["Region Heat Table"] = {
	filters: [
		{
			fieldname: "indicator",
			label: __("Indicator"),
			fieldtype: "Select",
			options: [
				{ value: "High-risk cases", label: __("High-risk cases") },
				{ value: "Mediation cases", label: __("Mediation cases") },
				{ value: "Events held", label: __("Events held") },
				{ value: "Publications", label: __("Publications") },
			],
			default: "High-risk cases",
		},
		{ fieldname: "per_100k", label: __("Per 100,000 inhabitants"), fieldtype: "Check" },
		{ fieldname: "to_date", label: __("Up to"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "region", label: __("Region"), fieldtype: "Link", options: "KLS Region" },
	],
	formatter(value, row, column, data, default_formatter) {
		const text = default_formatter(value, row, column, data);
		if (!data || !column.from_date || !value) return text;
		const report = frappe.query_report;
		const peak = Math.max(
			...report.data.flatMap((r) =>
				report.columns.filter((c) => c.from_date).map((c) => Number(r[c.fieldname]) || 0)
			)
		);
		const alpha = peak ? (0.15 + 0.75 * (Number(value) / peak)).toFixed(2) : 0;
		const range = encodeURIComponent(JSON.stringify(["Between", [column.from_date, column.to_date]]));
		const href = `${data._drill}&${data._date_field}=${range}`;
		return `<a href="${href}" style="display:block;background:rgba(229,62,62,${alpha})">${text}</a>`;
	},
};
