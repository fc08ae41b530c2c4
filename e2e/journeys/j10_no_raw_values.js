// Journey 7 (#23): no raw values anywhere a user reads. The RGU head in a Kazakh desk walks every workspace,
// every list and a form of every DocType of the app he may read, and every report of the app; the ministry
// observer does the same in Russian (workspaces, lists, reports). Each page fails on an English word of the
// app's vocabulary (a workflow state, a Select option, a region's English name) or a region code.
"use strict";

const { waitDesk, until, settle } = require("../lib");
const { checkNoRawValues } = require("../rawvalues");

const slug = (name) => name.toLowerCase().replace(/ /g, "-");
// the masters whose code and English name are their own fields, shown as such in their own list and form
const MASTERS = ["KLS Region", "KLS District", "KLS Office", "KLS Structure Kind", "KLS Base Project", "KLS Event Type", "KLS Language"];


// what the user may open: {workspaces: [[name, route]], doctypes: [[name, issingle]], reports: [name]}
async function inventory(page) {
	return page.evaluate(() => {
		const app = (d) => /^KLS /.test(d);
		const user = frappe.boot.user;
		const readable = [...new Set([...(user.can_read || [])])].filter(app).sort();
		const singles = new Set(frappe.boot.single_types || []);
		const reports = Object.entries(user.all_reports || {})
			.filter(([, r]) => app(r.ref_doctype || "") && r.report_type !== "Report Builder")
			.map(([name]) => name)
			.sort();
		return {
			workspaces: (frappe.boot.allowed_workspaces || []).filter((w) => w.public).map((w) => [w.name, frappe.router.slug(w.title)]),
			doctypes: readable.map((d) => [d, singles.has(d)]),
			reports,
		};
	});
}

async function walk(t, who, lang, { forms }) {
	const page = await t.as(who);
	await page.goto("/app");
	await waitDesk(page);
	const what = await inventory(page);
	t.log(`${who}: ${what.workspaces.length} workspaces, ${what.doctypes.length} DocTypes, ${what.reports.length} reports`);

	for (const [name, route] of what.workspaces) {
		await t.step(`${who} workspace ${name}`, async () => {
			await page.goto(`/app/${route}`);
			await waitDesk(page);
			await until(page, () => frappe.get_route()[0] === "Workspaces" && $(".codex-editor:visible").length, null, `workspace ${name}`, 20000);
			await page.waitForTimeout(1500); // cards and charts
			await settle(page);
			await checkNoRawValues(t, page, lang, `${who}: workspace ${name}`);
		});
	}
	for (const [doctype, single] of what.doctypes) {
		await t.step(`${who} ${single ? "form" : "list"} ${doctype}`, async () => {
			await page.goto(`/app/${slug(doctype)}`);
			await waitDesk(page);
			if (single) {
				await until(page, (dt) => window.cur_frm && cur_frm.doctype === dt, doctype, `form ${doctype}`, 20000);
			} else {
				await until(page, (dt) => window.cur_list && cur_list.doctype === dt && cur_list.data !== undefined, doctype, `list ${doctype}`, 20000);
			}
			await settle(page);
			if (MASTERS.includes(doctype)) return;
			await checkNoRawValues(t, page, lang, `${who}: ${single ? "form" : "list"} ${doctype}`);
			if (single || !forms) return;
			const name = await page.evaluate(() => (cur_list.data[0] || {}).name);
			if (!name) return;
			await page.goto(`/app/${slug(doctype)}/${encodeURIComponent(name)}`);
			await waitDesk(page);
			await until(page, (dn) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === dn, name, `form ${doctype} ${name}`, 20000);
			await settle(page);
			await checkNoRawValues(t, page, lang, `${who}: form ${doctype} ${name}`);
		});
	}
	for (const report of what.reports) {
		await t.step(`${who} report ${report}`, async () => {
			await page.goto(`/app/query-report/${encodeURIComponent(report)}`);
			await waitDesk(page);
			await until(
				page,
				(r) =>
					window.frappe.query_report &&
					frappe.query_report.report_name === r &&
					(frappe.query_report.$report.find(".dt-scrollable").length ||
						frappe.query_report.$report.find(".no-result:visible").length ||
						// "Nothing to show", "Please set filters": Frappe's message in place of the table
						(frappe.query_report.$message && frappe.query_report.$message.is(":visible"))),
				report,
				`report ${report}`,
				30000
			).catch(() => t.log(`${who}: report ${report} drew no table (no data or filters required)`));
			await settle(page);
			await checkNoRawValues(t, page, lang, `${who}: report ${report}`);
		});
	}
}

module.exports = {
	id: "j10",
	title: "no raw values: every workspace, list, form and report in Kazakh and in Russian",
	budgetMs: 900000,
	async run(t) {
		await walk(t, "rgu_head", "kk", { forms: true });
		await walk(t, "observer", "ru", { forms: false });
	},
};
