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

// a workflow action (a signature's step, "Sign off") likewise: nobody but an administrator reads the master
const KLS_TRANSLATED_LINKS = ["Workflow State", "Workflow Action Master"];
KLS_TRANSLATED_LINKS.forEach((doctype) => {
	frappe.form.link_formatters[doctype] = function (value) {
		return value ? __(value) : value;
	};
});
// Frappe applies link_formatters only when the formatter is given the document; without it (prints of a
// field, report cells) the state is translated here
(function () {
	const Link = frappe.form.formatters.Link;
	if (!Link || Link.kls_workflow_state) return;
	frappe.form.formatters.Link = function (value, docfield, options, doc) {
		const doctype = docfield && (docfield._options || docfield.options);
		if (KLS_TRANSLATED_LINKS.includes(doctype) && value && !doc) value = __(value);
		return Link.call(this, value, docfield, options, doc);
	};
	frappe.form.formatters.Link.kls_workflow_state = true;
})();

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

// A DocType whose title is a Select (a mediation case is titled by its category) showed the English option
// as the list's subject and the form's title: both show its translated label.
(function () {
	const is_select = (meta, fieldname) => {
		const df = meta && fieldname && frappe.meta.get_docfield(meta.name, fieldname);
		return df && df.fieldtype === "Select";
	};
	const ListView = frappe.views && frappe.views.ListView;
	if (ListView && !ListView.prototype.kls_subject_translated) {
		const get_subject_text = ListView.prototype.get_subject_text;
		ListView.prototype.get_subject_text = function (doc, title) {
			const df = this.columns && this.columns[0] && this.columns[0].df;
			const formatters = this.settings.formatters || {};
			if (df && df.fieldtype === "Select" && !formatters[df.fieldname]) {
				const value = title || doc[df.fieldname];
				if (value) return __(value);
			}
			return get_subject_text.call(this, doc, title);
		};
		ListView.prototype.kls_subject_translated = true;
	}
	const Form = frappe.ui.form && frappe.ui.form.Form;
	if (Form && !Form.prototype.kls_title_translated) {
		const get_title = Form.prototype.get_title;
		Form.prototype.get_title = function () {
			const title = get_title.apply(this, arguments);
			return title && is_select(this.meta, this.meta.title_field) ? __(title) : title;
		};
		Form.prototype.kls_title_translated = true;
	}
})();
