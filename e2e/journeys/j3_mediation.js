// Journey 3: a guest sends a mediation appeal on the public web form, gets a reference number and checks the
// status; the KGU assigns a mediator; the mediator records the agreement and prints it.
"use strict";

const { check, openForm, fillLink, save, action, docValue, until, printPreview, printedText } = require("../lib");

const KK = { start: "Медиацияны бастау", agreement: "Келісімді тіркеу", printTitle: "Медиация туралы келісім" };

module.exports = {
	id: "j3",
	title: "guest appeal on the web form, reference, status; KGU assigns a mediator; mediator records the agreement and prints it",
	budgetMs: 180000,
	async run(t) {
		const d = t.data;
		const stamp = Date.now() % 1000000;
		const phone = `+7701${String(stamp).padStart(7, "0")}`;
		const terms = `Тараптар ортақ аулада көлік қоюдың кестесін келісті (${stamp}).`;
		let page;
		let reference;

		await t.step("guest opens the public appeal form", async () => {
			page = await t.as("guest");
			await page.goto("/mediation-appeal");
			await page.locator(".web-form .frappe-control[data-fieldname=applicant_name] input").waitFor({ state: "visible" });
		});

		await t.step("guest fills the appeal", async () => {
			const field = (name) => page.locator(`.web-form .frappe-control[data-fieldname=${name}]`);
			await field("applicant_name").locator("input").fill(`E2E Өтініш беруші ${stamp}`);
			await field("phone").locator("input").fill(phone);
			await field("email").locator("input").fill(`appeal${stamp}@example.kz`);
			const region = field("region").locator("input");
			await region.click();
			await region.pressSequentially("Astana", { delay: 30 });
			const option = field("region").locator("ul[role=listbox] li:visible", { hasText: "Astana" }).first();
			await option.waitFor({ state: "visible", timeout: 15000 });
			await option.click();
			await field("category").locator("select").selectOption("Neighbours");
			await field("description").locator("textarea").fill("Көршілермен ортақ аулада көлік қою туралы дау бар. <script>alert(1)</script>");
			await field("consent").locator("input[type=checkbox]:visible").first().check();
		});

		await t.step("guest sends it and gets a reference number", async () => {
			await page.locator(".web-form-footer .submit-btn, button.submit-btn").first().click();
			await page.locator(".success-page:not(.hide)").waitFor({ state: "visible", timeout: 30000 });
			await page.waitForTimeout(1000);
			// on the page itself, not only in the passing toast
			const text = await page.locator(".success-page").innerText();
			const found = text.match(/MED-\d{4}-\d+/);
			check(found, `no reference number on the success page: «${text.replace(/\s+/g, " ").slice(0, 300)}»`);
			reference = found[0];
			t.log(`reference ${reference}`);
		});

		await t.step("guest checks the status", async () => {
			await page.goto("/appeal-status");
			await page.locator("#reference").fill(reference);
			await page.locator("#contact").fill(phone);
			await page.locator(".kls-appeal-status button[type=submit]").click();
			const table = page.locator(".kls-appeal-status table");
			await table.waitFor({ state: "visible", timeout: 15000 });
			const text = await table.innerText();
			check(text.includes(reference), `the status page does not show ${reference}: ${text}`);
		});

		await t.step("KGU specialist opens the registered case", async () => {
			page = await t.as("spec_a");
			await openForm(page, "KLS Mediation Case", reference);
			check((await docValue(page, "workflow_state")) === "Registered", "the case is Registered");
			check((await docValue(page, "region")) === d.region_a, "the case is in region A");
		});

		await t.step("KGU assigns the mediator", async () => {
			await fillLink(page, "mediator", "Е2Е-Медиатор");
			await save(page);
			await until(page, () => cur_frm.doc.workflow_state === "Assigned", null, "state Assigned");
			check((await docValue(page, "mediator")) === d.mediator_a, "the chosen mediator is set");
		});

		await t.step("mediator opens his case", async () => {
			page = await t.as("mediator_a");
			await openForm(page, "KLS Mediation Case", reference);
		});

		await t.step("mediator starts the mediation", async () => {
			await action(page, KK.start, { expectState: "In mediation" });
		});

		await t.step("mediator writes the agreement terms", async () => {
			const input = page.locator('.form-layout:visible .frappe-control[data-fieldname="agreement_terms"] textarea').first();
			await input.scrollIntoViewIfNeeded();
			await input.fill(terms);
			await input.press("Tab");
			await save(page);
		});

		await t.step("mediator records the agreement", async () => {
			await action(page, KK.agreement, { expectState: "Agreement reached" });
			check((await docValue(page, "outcome")) === "Agreement reached", "the outcome is the agreement");
		});

		await t.step("agreement print preview in Kazakh", async () => {
			const text = await printPreview(page, "Mediation Agreement");
			check(text.includes(KK.printTitle) && text.includes(terms), `the preview is not the agreement: ${text.slice(0, 200)}`);
		});

		await t.step("agreement PDF", async () => {
			const text = await printedText(t, page, "KLS Mediation Case", reference, "Mediation Agreement");
			check(text.includes(KK.printTitle) && text.includes("Тараптар ортақ аулада"), `the PDF is not the agreement: ${text.slice(0, 200)}`);
		});
	},
};
