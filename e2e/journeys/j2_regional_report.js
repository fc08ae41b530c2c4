// Journey 2: the quarterly regional report. The KGU Specialist prepares it, compiles the figures, writes the
// narrative; the KGU Head submits; the RGU Coordinator opens it from his notification and returns it with a
// reason; the region sees the reason, fixes, resubmits; the Coordinator passes it on, the RGU Head signs it
// off; the PDF prints in Kazakh.
"use strict";

const { check, newForm, openForm, fillLink, fillEditor, save, action, button, docValue, until, waitDesk, printPreview, printedText } = require("../lib");

const KK = {
	compile: "Көрсеткіштерді жинақтау",
	submit: "РММ-ге жолдау",
	giveBack: "Қайтару",
	pass: "Бекітуге жолдау",
	signOff: "Бекіту",
	returnedIntro: "РММ қайтарды:",
	printTitle: "Өңірлік есеп",
	achievements: "Жетістіктер",
};

module.exports = {
	id: "j2",
	title: "regional report: prepare, compile, narrative, submit, return with reason, fix, resubmit, sign off, PDF in Kazakh",
	budgetMs: 240000,
	async run(t) {
		const d = t.data;
		const reason = `Қазақ тіліндегі іс-шаралар бөлімін толықтырыңыз (${Date.now() % 100000})`;
		let page;
		let name;

		await t.step("specialist creates the report of the quarter", async () => {
			page = await t.as("spec_a");
			await newForm(page, "KLS Regional Report");
			await fillLink(page, "period", d.period);
			if ((await docValue(page, "region")) !== d.region_a) await fillLink(page, "region", d.region_a);
			check((await docValue(page, "language")) === "kk", "the document language is kk by default");
			await save(page);
			name = await docValue(page, "name");
			check(name === `RR-${d.period}-${d.region_a}`, `saved as ${name}`);
		});

		await t.step("compile the figures", async () => {
			await button(page, KK.compile);
			await until(page, () => cur_frm && cur_frm.doc.compiled_on && !cur_frm.doc.__unsaved, null, "figures compiled", 60000);
			const held = await docValue(page, "events_held");
			check(Number(held) >= 1, `events held compiled from the records: ${held}`);
		});

		await t.step("write the narrative", async () => {
			await fillEditor(page, "achievements", "Тоқсанда Достық үйінде 12 іс-шара өтті, жастар белсенді қатысты.");
			await fillEditor(page, "problems", "Аудандарда мамандар жетіспейді.");
			await fillEditor(page, "proposals", "Медиаторларды оқыту бағдарламасын кеңейту.");
			await save(page);
		});

		await t.step("KGU head submits to the RGU", async () => {
			page = await t.as("head_a");
			await openForm(page, "KLS Regional Report", name);
			await action(page, KK.submit, { expectState: "Submitted" });
		});

		await t.step("RGU coordinator sees the notification", async () => {
			page = await t.as("rgu_coord");
			await openNotification(page, name, false);
		});

		await t.step("coordinator opens the report from the notification", async () => {
			await openNotification(page, name, true);
			check((await docValue(page, "workflow_state")) === "Submitted", "it is Submitted");
		});

		await t.step("coordinator returns it with a reason", async () => {
			await action(page, KK.giveBack, { prompt: reason, expectState: "Returned" });
			const returns = await docValue(page, "returns");
			check(returns && returns.some((r) => r.reason === reason), "the reason is in the return history");
		});

		await t.step("the region sees the reason", async () => {
			page = await t.as("spec_a");
			await openForm(page, "KLS Regional Report", name);
			const intro = await page.locator(".form-message:visible").first().innerText();
			check(intro.includes(KK.returnedIntro) && intro.includes(reason), `the form shows the reason: «${intro}»`);
		});

		await t.step("specialist fixes the narrative", async () => {
			await fillEditor(page, "achievements", "Тоқсанда 12 іс-шара өтті, оның 9-ы қазақ тілінде; жастар белсенді қатысты.");
			await save(page);
		});

		await t.step("KGU head resubmits", async () => {
			page = await t.as("head_a");
			await openForm(page, "KLS Regional Report", name);
			await action(page, KK.submit, { expectState: "Submitted" });
		});

		await t.step("coordinator passes it for sign-off", async () => {
			page = await t.as("rgu_coord");
			await openForm(page, "KLS Regional Report", name);
			await action(page, KK.pass, { expectState: "Reviewed" });
		});

		await t.step("RGU head signs off", async () => {
			page = await t.as("rgu_head");
			await openForm(page, "KLS Regional Report", name);
			await action(page, KK.signOff, { expectState: "Signed off" });
			await until(page, () => cur_frm.doc.docstatus === 1, null, "submitted (docstatus 1)");
		});

		await t.step("print preview in Kazakh", async () => {
			const text = await printPreview(page, "Regional Report");
			check(text.includes(KK.printTitle) && text.includes(KK.achievements), `the preview is not the Kazakh report: ${text.slice(0, 200)}`);
		});

		await t.step("PDF prints in Kazakh", async () => {
			const text = await printedText(t, page, "KLS Regional Report", name, "Regional Report");
			check(text.includes(KK.printTitle) && text.includes("Медиаторларды оқыту"), `the PDF text is not the Kazakh report: ${text.slice(0, 200)}`);
		});
	},
};

// The bell of the navbar: waits (reloading) until the notification about `name` arrives - it is created by
// a background job - then, when `open`, clicks it.
async function openNotification(page, name, open) {
	const end = Date.now() + 90000;
	for (;;) {
		await page.goto("/app");
		await waitDesk(page);
		const bell = page.locator(".navbar .dropdown-notifications .notifications-icon").first();
		await bell.click();
		const item = page.locator(`.notifications-list a.notification-item[href*="${name}"]`).first();
		try {
			await item.waitFor({ state: "visible", timeout: 5000 });
			if (open) {
				await item.click();
				await page.waitForURL((url) => decodeURIComponent(url.pathname).endsWith(name), { timeout: 15000 });
				await until(page, (n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n, name, "the report opened from the notification");
			}
			return;
		} catch (e) {
			if (Date.now() > end) throw new Error(`no notification about ${name} in the bell after 90s`);
		}
	}
}
