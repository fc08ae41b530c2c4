// Journey 1: the KGU Specialist of region A (Kazakh UI) records an event of a structure of his region, marks
// it held and reported; the KGU Head verifies it.
"use strict";

const { check, newForm, openForm, fill, fillLink, fillDate, save, action, docValue } = require("../lib");

// The desk in Kazakh: labels of the app's catalogue (kelisim_app/locale/kk.po)
const KK = { event: "Іс-шара", markHeld: "Өткізілді деп белгілеу", report: "Есеп", verify: "Растау" };

module.exports = {
	id: "j1",
	title: "KGU specialist records an event (kk), held -> reported, KGU head verifies",
	async run(t) {
		const d = t.data;
		const title = `E2E Достық үйіндегі дөңгелек үстел ${Date.now()}`;
		let page;
		let name;

		await t.step("specialist logs in, Kazakh desk", async () => {
			page = await t.as("spec_a");
			const lang = await page.evaluate(() => frappe.boot.lang);
			check(lang === "kk", `the desk language is ${lang}, not kk`);
		});

		await t.step("new event form in Kazakh", async () => {
			await newForm(page, "KLS Event");
			const heading = await page.locator(".page-head:visible .title-text").first().innerText();
			const labels = await page.locator(".form-layout:visible").first().innerText();
			check(heading.includes(KK.event) || labels.includes("Тақырыбы"), `the form is not in Kazakh (title «${heading}»)`);
		});

		await t.step("fill the event of his structure", async () => {
			await fill(page, "title", title);
			// masters are searched by their name in the user's language
			await fillLink(page, "event_type", d.event_type_kk || d.event_type);
			await fillLink(page, "organiser", "E2E Астана", d.structure_a_name);
			const day = await page.evaluate(() => frappe.datetime.add_days(frappe.datetime.get_today(), -2));
			await fillDate(page, "start", day, "10:00:00");
			await fillDate(page, "end", day, "12:00:00");
			if ((await docValue(page, "region")) !== d.region_a) await fillLink(page, "region", d.region_a);
			await fill(page, "participants_total", 35);
			await fill(page, "participants_youth", 10);
		});

		await t.step("save", async () => {
			await save(page);
			name = await docValue(page, "name");
			check(/^EV-/.test(name), `saved as ${name}`);
			check((await docValue(page, "workflow_state")) === "Planned", "a new event is Planned");
			check((await docValue(page, "region")) === d.region_a, "the event is in region A");
		});

		await t.step("mark as held", async () => {
			await action(page, KK.markHeld, { expectState: "Held" });
		});

		await t.step("report", async () => {
			await action(page, KK.report, { expectState: "Reported" });
		});

		await t.step("KGU head opens the event", async () => {
			page = await t.as("head_a");
			await openForm(page, "KLS Event", name);
			check((await docValue(page, "workflow_state")) === "Reported", "the head sees it Reported");
		});

		await t.step("KGU head verifies", async () => {
			await action(page, KK.verify, { expectState: "Verified" });
			await page.reload();
			await openForm(page, "KLS Event", name);
			check((await docValue(page, "verified_by")) === d.users.head_a, "verified_by is the head");
			const intro = await page.locator(".form-message:visible, .form-intro-area:visible").first().innerText().catch(() => "");
			t.log(`intro: ${intro}`);
		});
	},
};
