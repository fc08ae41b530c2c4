// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Project Plan", {
	setup(frm) {
		const in_region = () => ({ filters: frm.doc.region ? { region: frm.doc.region } : {} });
		frm.set_query("responsible_structure", "activities", in_region);
		frm.set_query("structure", "responsibility", in_region);
	},
	refresh(frm) {
		const last = (frm.doc.returns || []).slice(-1)[0];
		if (frm.doc.workflow_state === "Returned" && last) {
			frm.set_intro(__("Returned by the RGU: {0}", [frappe.utils.escape_html(last.reason)]), "orange");
		} else if (frm.doc.at_risk) {
			frm.set_intro(
				__("At risk:") + "<br>" + frappe.utils.escape_html(frm.doc.at_risk_reasons || "").replace(/\n/g, "<br>"),
				"red"
			);
		}
		render_timeline(frm);
	},
	plan_level(frm) {
		if (frm.doc.plan_level === "Republican") frm.set_value("region", null);
	},
	before_workflow_action(frm) {
		return kelisim.ask_return_reason(frm, __("Return the plan"));
	},
});

frappe.ui.form.on("KLS Plan Risk", {
	probability: (frm, cdt, cdn) => set_score(frm, cdt, cdn),
	impact: (frm, cdt, cdn) => set_score(frm, cdt, cdn),
});

function set_score(frm, cdt, cdn) {
	const row = locals[cdt][cdn];
	frappe.model.set_value(cdt, cdn, "score", (row.probability || 0) * (row.impact || 0));
}

function render_timeline(frm) {
	// a Gantt-like timeline of the activities over the plan year
	const rows = (frm.doc.activities || []).filter((a) => a.start_date && a.end_date);
	const wrapper = frm.get_field("timeline_html").$wrapper;
	if (!rows.length || !frm.doc.year) {
		wrapper.empty();
		return;
	}
	const year_start = frappe.datetime.str_to_obj(`${frm.doc.year}-01-01`);
	const day = (d) => (frappe.datetime.str_to_obj(d) - year_start) / 86400000;
	const colours = { Planned: "#a0aec0", "In progress": "#4299e1", Done: "#48bb78", Cancelled: "#e2e8f0" };
	const today = day(frappe.datetime.get_today());
	const bars = rows
		.map((a) => {
			const left = Math.max(0, (day(a.start_date) / 365) * 100);
			const width = Math.max(0.8, ((day(a.end_date) - day(a.start_date) + 1) / 365) * 100);
			const late = a.status !== "Done" && a.status !== "Cancelled" && day(a.end_date) < today;
			return `<div style="display:flex;align-items:center;margin:3px 0">
				<div style="width:30%;overflow:hidden;white-space:nowrap;text-overflow:ellipsis" title="${frappe.utils.escape_html(a.activity)}">
					${a.is_milestone ? "◆ " : ""}${frappe.utils.escape_html(a.activity)}</div>
				<div style="position:relative;width:70%;height:14px;background:#f7fafc">
					<div title="${__(a.status)}" style="position:absolute;left:${left}%;width:${width}%;height:14px;border-radius:3px;
						background:${colours[a.status] || "#a0aec0"};${late ? "outline:2px solid #e53e3e" : ""}"></div>
				</div></div>`;
		})
		.join("");
	wrapper.html(`<div class="text-muted small">${__("Timeline of {0}", [frm.doc.year])}</div>${bars}`);
}
