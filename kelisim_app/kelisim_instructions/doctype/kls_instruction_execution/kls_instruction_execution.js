// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("KLS Instruction Execution", {
	refresh(frm) {
		const last = (frm.doc.returns || []).slice(-1)[0];
		if (frm.doc.workflow_state === "Returned" && last) {
			frm.set_intro(__("Returned by the RGU: {0}", [frappe.utils.escape_html(last.reason)]), "orange");
		} else if (frm.doc.is_overdue && frm.doc.docstatus === 0) {
			frm.set_intro(__("Overdue by {0} days", [-frm.doc.days_left]), "red");
		}
		if (frm.doc.docstatus !== 0) return;
		const pending = (frm.doc.extensions || []).find((e) => e.decision === "Requested");
		const kgu = frappe.user.has_role(["KGU Head", "KGU Specialist"]);
		if (["Open", "Returned"].includes(frm.doc.workflow_state) && !pending && frm.perm[0].write && kgu) {
			frm.add_custom_button(__("Request extension"), () => request_extension(frm), __("Deadline"));
		}
		if (pending && frappe.user.has_role(["RGU Coordinator", "RGU Head"])) {
			frm.add_custom_button(__("Grant extension"), () => decide(frm, 1), __("Deadline"));
			frm.add_custom_button(__("Refuse extension"), () => decide(frm, 0), __("Deadline"));
		}
		if (frm.perm[0].write && frappe.user.has_role(["KGU Head", "KGU Specialist"])) {
			frm.add_custom_button(__("Task to a structure"), () => assign_task(frm));
		}
		show_tasks(frm);
	},
	before_workflow_action(frm) {
		return kelisim.ask_return_reason(frm, __("Return the report"));
	},
});

function request_extension(frm) {
	frappe.prompt(
		[
			{ fieldname: "new_deadline", fieldtype: "Date", label: __("New deadline"), reqd: 1 },
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
		],
		(values) => frm.call("request_extension", values).then(() => frm.reload_doc()),
		__("Request an extension"),
		__("Send request")
	);
}

function decide(frm, grant) {
	frappe.prompt(
		{ fieldname: "comment", fieldtype: "Small Text", label: __("Comment") },
		(values) => frm.call("decide_extension", { grant, comment: values.comment }).then(() => frm.reload_doc()),
		grant ? __("Grant the extension") : __("Refuse the extension"),
		grant ? __("Grant extension") : __("Refuse")
	);
}

function assign_task(frm) {
	frappe.prompt(
		[
			{
				fieldname: "structure",
				fieldtype: "Link",
				options: "KLS Public Structure",
				label: __("Structure"),
				reqd: 1,
				get_query: () => ({ filters: { region: frm.doc.region, status: "Active" } }),
			},
			{ fieldname: "description", fieldtype: "Small Text", label: __("Task"), reqd: 1 },
			{ fieldname: "due_date", fieldtype: "Date", label: __("Due date"), default: frm.doc.deadline },
		],
		(values) => frm.call("assign_task", values).then(() => frm.reload_doc()),
		__("Task to a structure"),
		__("Assign")
	);
}

function show_tasks(frm) {
	if (frm.is_new()) return;
	frm.call("get_tasks").then((r) => {
		const rows = (r.message || [])
			.map(
				(t) =>
					`<tr><td>${frappe.utils.escape_html(t.description || "")}</td><td>${frappe.utils.escape_html(
						t.allocated_to
					)}</td><td>${frappe.datetime.str_to_user(t.date) || ""}</td><td>${__(t.status)}</td></tr>`
			)
			.join("");
		frm.get_field("tasks_html").$wrapper.html(
			rows
				? `<table class="table table-bordered"><thead><tr><th>${__("Task")}</th><th>${__("Assigned to")}</th><th>${__(
						"Due"
				  )}</th><th>${__("Status")}</th></tr></thead><tbody>${rows}</tbody></table>`
				: `<p class="text-muted">${__("No tasks to structures yet.")}</p>`
		);
	});
}
