// Journey 4: the KGU Specialist of region B cannot find region A's event, report or mediation case - not in
// the list, not through the search bar, not in a link field, not by its URL - while he does find his own
// region's record of each kind the same ways (so a broken search cannot pass for a guarded one).
"use strict";

const { check, waitDesk, until, newForm, fillLink, control, routeSlug, escapeRe, StepError } = require("../lib");

// DocType and module labels of the Kazakh desk (kk.po); a link field's options name the module, and Frappe's
// own Event is «Іс-шара» too, so the module tells the two apart
const KINDS = [
	{ key: "event", doctype: "KLS Event", label: "Іс-шара", module: "Келісім: іс-шаралар" },
	{ key: "report", doctype: "KLS Regional Report", label: "Өңірлік есеп", module: "Келісім: есептілік" },
	{ key: "case", doctype: "KLS Mediation Case", label: "Медиация ісі", module: "Келісім: медиация" },
];

module.exports = {
	id: "j4",
	title: "KGU specialist of region B cannot find region A's event, report, case (list, search bar, link field, URL)",
	budgetMs: 180000,
	async run(t) {
		const d = t.data;
		let page;

		await t.step("region B specialist logs in", async () => {
			page = await t.as("spec_b");
		});

		for (const kind of KINDS) {
			const secret = d.secret[kind.key];
			const own = d.visible[kind.key];

			await t.step(`${kind.key}: list`, async () => {
				const all = await listNames(page, kind.doctype, {});
				check(all.includes(own), `the ${kind.key} list lacks his own region's ${own}: ${all.join(", ")}`);
				check(!all.includes(secret), `the ${kind.key} list shows region A's ${secret}`);
				const filtered = await listNames(page, kind.doctype, { name: secret });
				check(filtered.length === 0, `filtering the ${kind.key} list by ${secret} shows ${filtered.join(", ")}`);
			});

			await t.step(`${kind.key}: search bar`, async () => {
				const found = await searchBar(page, own, kind.label, kind.doctype);
				check(found.includes(own), `the search bar does not find his own ${own}: ${found.join(", ")}`);
				const leaked = await searchBar(page, secret, kind.label, kind.doctype);
				check(leaked.length === 0, `the search bar finds region A's ${secret}: ${leaked.join(", ")}`);
			});

			await t.step(`${kind.key}: link field`, async () => {
				const offered = await linkOptions(page, kind, own);
				check(offered.some((o) => o.includes(own)), `a link field does not offer his own ${own}: ${offered.join(" | ")}`);
				const leaked = await linkOptions(page, kind, secret);
				check(!leaked.some((o) => o.includes(secret)), `a link field offers region A's ${secret}: ${leaked.join(" | ")}`);
			});

			await t.step(`${kind.key}: direct URL`, async () => {
				await page.goto(`/app/${routeSlug(kind.doctype)}/${encodeURIComponent(own)}`);
				await waitDesk(page);
				await until(page, (n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n, own, `his own ${own} opens`);
				await page.goto(`/app/${routeSlug(kind.doctype)}/${encodeURIComponent(secret)}`);
				await waitDesk(page);
				await page.waitForTimeout(2500);
				const opened = await page.evaluate(
					(n) => Boolean(window.cur_frm && cur_frm.doc && cur_frm.doc.name === n && $(".page-head:visible .title-text").length && frappe.get_route()[2] === n && $(".form-layout:visible").length),
					secret
				);
				check(!opened, `region A's ${secret} opens by its URL`);
				const body = await page.locator("body").innerText();
				check(!body.includes("SECRET"), `the page shows region A's data: ${body.slice(0, 200)}`);
				// the desk answers as for a record that does not exist (Frappe's "not found" page): existence is
				// as secret as content (#18)
				const refused = await page.locator(".modal.show:visible .modal-title, .page-content:visible .msg-box, .message-page:visible .lead").first().innerText().catch(() => "");
				check(refused.trim(), `no refusal shown for region A's ${secret}`);
				check(!/[a-z]{4}/i.test(refused), `the refusal is not in Kazakh: «${refused}»`);
				t.log(`${secret} by URL: ${refused.replace(/\s+/g, " ").slice(0, 200)}`);
			});
		}
	},
};

// Names shown by the list view of `doctype` with URL filters (the list view reads its filters from the URL).
async function listNames(page, doctype, filters) {
	const query = new URLSearchParams(filters).toString();
	await page.goto(`/app/${routeSlug(doctype)}${query ? `?${query}` : ""}`);
	await waitDesk(page);
	return listLoaded(page, doctype);
}

async function listLoaded(page, doctype) {
	await until(
		page,
		(dt) =>
			window.cur_list &&
			cur_list.doctype === dt &&
			frappe.get_route()[0] === "List" &&
			!$(".list-loading:visible, .frappe-list .skeleton:visible").length &&
			($(".frappe-list:visible .list-row-container").length || $(".frappe-list:visible .no-result:visible").length),
		doctype,
		`the ${doctype} list`
	);
	await page.waitForTimeout(500);
	return page.evaluate(() => $(".frappe-list:visible .list-row-container .list-row [data-name]").map((i, e) => $(e).attr("data-name")).get().concat((cur_list.data || []).map((r) => r.name)).filter((v, i, a) => a.indexOf(v) === i));
}

// The navbar's search bar: "<name> in <DocType label>" offers "Find <name> in <DocType>", which opens that
// list filtered by the name. Returns the names the list then shows.
async function searchBar(page, name, label, doctype) {
	await page.goto("/app");
	await waitDesk(page);
	const input = page.locator("#navbar-search");
	await input.click();
	await input.fill("");
	await input.pressSequentially(`${name} in ${label}`, { delay: 20 });
	const options = page.locator(".search-bar ul[role=listbox] [role=option]:visible, #navbar-search ~ ul li:visible");
	await options.first().waitFor({ state: "visible", timeout: 15000 });
	await page.waitForTimeout(800);
	const texts = (await options.allInnerTexts()).map((s) => s.replace(/\s+/g, " ").trim());
	// "Find {0} in {1}" - in Kazakh "{1} ішінен {0} іздеу": the DocType's label is at one end, exactly
	const exact = new RegExp(`^${escapeRe(label)} \\S+ ${escapeRe(name)}|${escapeRe(name)} \\S+ ${escapeRe(label)}$`);
	const index = texts.findIndex((s) => !s.includes("↵") && exact.test(s));
	if (index < 0) throw new StepError(`the search bar offers no "find ${name} in ${label}": ${texts.join(" | ")}`);
	await options.nth(index).click();
	await until(page, (dt) => frappe.get_route()[0] === "List" && frappe.get_route()[1] === dt, doctype, `the ${doctype} list from the search bar`);
	return listLoaded(page, doctype);
}

// A Dynamic Link field (a new ToDo's "Reference Name" for the reference type `kind`, chosen by its Kazakh
// label and module as the desk offers it): what it offers for `typed`.
async function linkOptions(page, kind, typed) {
	await newForm(page, "ToDo");
	await fillLink(page, "reference_type", kind.label, new RegExp(`^\\s*${escapeRe(kind.label)}\\s*${escapeRe(kind.module)}\\s*$`));
	const chosen = await page.evaluate(() => cur_frm.doc.reference_type);
	check(chosen === kind.doctype, `reference type ${chosen}, not ${kind.doctype}`);
	const input = control(page, "reference_name").locator("input").first();
	await input.click();
	await input.fill("");
	await input.pressSequentially(typed, { delay: 20 });
	await page.waitForTimeout(2000); // the search answers, or does not
	const offered = (await control(page, "reference_name").locator("ul[role=listbox] [role=option]:visible").allInnerTexts()).map((s) => s.replace(/\s+/g, " ").trim());
	await input.fill("");
	return offered;
}
