// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.views.calendar["KLS Event"] = {
	field_map: { start: "start", end: "end", id: "name", title: "title", allDay: "all_day" },
	filters: [
		{ fieldtype: "Link", fieldname: "region", options: "KLS Region", label: __("Region") },
		{ fieldtype: "Link", fieldname: "organiser", options: "KLS Public Structure", label: __("Structure") },
		{ fieldtype: "Link", fieldname: "event_type", options: "KLS Event Type", label: __("Type") },
	],
	get_events_method: "frappe.desk.calendar.get_events",
};
