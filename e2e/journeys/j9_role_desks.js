// Journey 6 (#23): every role's desk on his first day. Each user logs in and lands on his role's workspace,
// sees none of Frappe's own workspaces (Users, Build, Tools, Website, Integrations), opens the lists he
// works with and one form - with a screenshot of each and no raw value (English state or option, region
// code) anywhere, in Kazakh or Russian. The RGU head and the ministry observer open the map of the regions;
// a click on a region opens its filtered list.
"use strict";

const { check, waitDesk, until, settle } = require("../lib");
const { checkNoRawValues } = require("../rawvalues");

const FRAPPE_WORKSPACES = ["Users", "Build", "Tools", "Website", "Integrations"];

const ROLES = [
	{ who: "rgu_head", lang: "kk", home: "Kelisim RGU", lists: ["KLS Regional Report", "KLS Project Plan", "KLS Instruction"], map: true },
	{ who: "rgu_coord", lang: "kk", home: "Kelisim RGU", lists: ["KLS Regional Report", "KLS Instruction Execution"] },
	{ who: "head_a", lang: "kk", home: "Kelisim KGU", lists: ["KLS Event", "KLS Regional Report", "KLS Mediation Case"] },
	{ who: "spec_a", lang: "kk", home: "Kelisim KGU", lists: ["KLS Event", "KLS Public Structure", "KLS Project Plan"] },
	{ who: "secretary_a", lang: "kk", home: "Kelisim Secretary", lists: ["KLS Public Structure", "KLS Event", "KLS Membership"] },
	{ who: "mediator_a", lang: "kk", home: "Kelisim Mediator", lists: ["KLS Mediation Case", "KLS Consultation"] },
	{ who: "observer", lang: "ru", home: "Kelisim Ministry", lists: ["KLS Regional Report", "KLS Public Structure", "KLS Mediation Case"], map: true },
	{ who: "head_b_ru", lang: "ru", home: "Kelisim KGU", lists: ["KLS Event", "KLS Mediation Case"] },
];

const slug = (doctype) => doctype.toLowerCase().replace(/ /g, "-");


module.exports = {
	id: "j9",
	title: "every role's desk: his home, his lists, a form, the map - no raw values",
	budgetMs: 420000,
	async run(t) {
		for (const role of ROLES) {
			let page;
			await t.step(`${role.who} lands on his workspace`, async () => {
				page = await t.as(role.who);
				await page.goto("/app");
				await waitDesk(page);
				await until(
					page,
					(home) => frappe.get_route()[0] === "Workspaces" && frappe.get_route()[1] === home,
					role.home,
					`${role.who} lands on «${role.home}»`,
					20000
				);
				await until(page, () => $(".workspace-skeleton:visible").length === 0 && $(".codex-editor:visible").length, null, "workspace drawn", 20000);
				await settle(page);
				const sidebar = await page.evaluate(() => (frappe.boot.allowed_workspaces || []).map((w) => w.name));
				t.log(`${role.who} sidebar: ${sidebar.join(", ")}`);
				const frappes = sidebar.filter((w) => FRAPPE_WORKSPACES.includes(w));
				check(!frappes.length, `${role.who} sees Frappe's workspaces: ${frappes.join(", ")}`);
				check(sidebar[0] === role.home || sidebar.includes(role.home), `${role.who}'s sidebar lacks his home`);
				await checkNoRawValues(t, page, role.lang, `${role.who}'s workspace`);
			});
			for (const doctype of role.lists) {
				await t.step(`${role.who} opens the list ${doctype}`, async () => {
					await page.goto(`/app/${slug(doctype)}`);
					await waitDesk(page);
					await until(
						page,
						(dt) => window.cur_list && cur_list.doctype === dt && cur_list.data !== undefined && !$(".list-loading:visible").length,
						doctype,
						`list ${doctype}`,
						20000
					);
					await settle(page);
					// a list shows a status once: no workflow state column beside the status indicator
					const statusColumns = await page.evaluate(() => $(".list-row-head:visible .list-row-col").filter((i, c) => /status|workflow/i.test(c.className)).length);
					t.log(`${doctype}: ${await page.evaluate(() => cur_list.data.length)} rows, status columns ${statusColumns}`);
					await checkNoRawValues(t, page, role.lang, `${role.who}'s list ${doctype}`);
				});
			}
			// a form of the last list he opened (the list on screen)
			const formDoctype = role.lists[role.lists.length - 1];
			await t.step(`${role.who} opens a form of ${formDoctype}`, async () => {
				const name = await page.evaluate(() => (cur_list.data[0] || {}).name);
				if (!name) {
					t.log(`${role.who}: the list ${formDoctype} is empty, no form to open`);
					return;
				}
				await page.goto(`/app/${slug(formDoctype)}/${encodeURIComponent(name)}`);
				await waitDesk(page);
				await until(page, (dn) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === dn, name, `form ${name}`, 20000);
				await settle(page);
				await checkNoRawValues(t, page, role.lang, `${role.who}'s form ${formDoctype} ${name}`);
			});
			if (role.map) {
				await t.step(`${role.who} opens the map of the regions`, async () => {
					await page.goto("/app/kelisim-map");
					await waitDesk(page);
					await until(page, () => $(".kls-region-map .kls-map-tile").length === 20, null, "the map draws 20 regions", 20000);
					await settle(page);
					const legend = await page.evaluate(() => $(".kls-map-legend > span").length);
					check(legend >= 1, "the map has no legend");
					await checkNoRawValues(t, page, role.lang, `${role.who}'s map`);
				});
				await t.step(`${role.who} switches to the reports' state and clicks Astana`, async () => {
					const title = await page.evaluate(() => $(".kls-map-title").text());
					await page.evaluate(() => frappe.pages["kelisim-map"].kls_measure.set_value("report_state"));
					await until(page, (before) => $(".kls-map-title").text() !== before && $(".kls-map-tile").length === 20, title, "the map redrawn", 20000);
					await page.waitForTimeout(800);
					await page.locator('.kls-map-tile[data-code="KZ-71"]').click();
					await until(
						page,
						() => window.cur_list && cur_list.doctype === "KLS Regional Report" && cur_list.filter_area.get().some((f) => f[1] === "region" && f[3] === "KZ-71"),
						null,
						"the region's reports listed",
						20000
					);
					await settle(page);
					await checkNoRawValues(t, page, role.lang, `${role.who}'s list from the map`);
				});
			}
		}
	},
};
