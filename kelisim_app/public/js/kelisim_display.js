// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt
// No raw values where a user reads (#23), loaded on every desk page (hooks.app_include_js):
// * a workflow state is shown by its translated label: Frappe translates a Link's value only for users who
//   may read the linked DocType, and nobody but an administrator reads Workflow State, so read-only status
//   fields and list cells showed the English state ("Signed off", "Planned") in a Kazakh or Russian desk;
// * a region is shown by its name, never its code (KZ-61): the titles come with the boot
//   (kelisim_core/display.py), since Frappe's report view fetches no link titles;
// * the time zone note under a date-time is left out when the user's zone is the site's (Frappe shows it
//   under every date-time, "Asia/Almaty", although every user of the app works in the site's zone).
frappe.provide("frappe.form.link_formatters");

frappe.form.link_formatters["Workflow State"] = function (value) {
	return value ? __(value) : value;
};

(function () {
	const Datetime = frappe.ui.form.ControlDatetime;
	if (!Datetime || Datetime.prototype.kls_time_zone_checked) return;
	const set_description = Datetime.prototype.set_description;
	Datetime.prototype.set_description = function () {
		const zones = frappe.boot.time_zone || {};
		if (!zones.user || zones.user === zones.system) {
			this.df.hide_timezone = 1;
		}
		return set_description.apply(this, arguments);
	};
	Datetime.prototype.kls_time_zone_checked = true;
})();

$(document).on("app_ready", function () {
	for (const [doctype, titles] of Object.entries(frappe.boot.kelisim_link_titles || {})) {
		for (const [name, title] of Object.entries(titles)) {
			if (!frappe.utils.get_link_title(doctype, name)) frappe.utils.add_link_title(doctype, name, title);
		}
	}
});
