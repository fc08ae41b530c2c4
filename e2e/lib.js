// Helpers of the browser journeys: log in, open forms, fill fields, save, apply workflow actions - all
// through the desk's own UI (clicks and typing), with a screenshot after every step.
"use strict";

const fs = require("fs");
const path = require("path");
const { pdfText } = require("./pdf");

class StepError extends Error {}

// One journey's recorder: step() runs an action, then saves a screenshot NN-<journey>-<step>.png of the page
// the step worked on. On failure it saves FAILED-<journey>.png and <journey>.console.log.
class Journey {
	constructor({ id, title, out, browser, env }) {
		this.id = id;
		this.title = title;
		this.out = out;
		this.browser = browser;
		this.env = env;
		this.data = env.data;
		this.n = 0;
		this.console = [];
		this.contexts = [];
		this.pages = {};
		this.current = null;
		this.steps = [];
		this.httpErrors = []; // [who, status, url] of every answer >= 400 (socket.io aside)
	}

	log(line) {
		this.console.push(`${new Date().toISOString()} ${line}`);
	}

	// A page logged in as `who` (a key of data.users, or "guest"), each user in his own browser context.
	async as(who) {
		if (this.pages[who]) {
			this.current = this.pages[who];
			return this.current;
		}
		const context = await this.browser.newContext({
			baseURL: this.env.baseURL,
			viewport: { width: 1440, height: 900 },
			locale: "kk-KZ",
			timezoneId: "Asia/Almaty",
			acceptDownloads: true,
		});
		context.setDefaultTimeout(this.env.actionTimeout);
		this.contexts.push(context);
		const page = await context.newPage();
		page.on("console", (m) => this.log(`[${who}] console.${m.type()}: ${m.text()}`));
		page.on("pageerror", (e) => this.log(`[${who}] pageerror: ${e.message}`));
		page.on("requestfailed", (r) => this.log(`[${who}] requestfailed: ${r.url()} ${r.failure()?.errorText}`));
		page.on("response", (r) => {
			if (r.status() < 400) return;
			this.log(`[${who}] HTTP ${r.status()}: ${r.request().method()} ${r.url()} ${r.request().postData() || ""}`.slice(0, 1000));
			if (!r.url().includes("/socket.io/")) this.httpErrors.push([who, r.status(), r.url()]);
		});
		page.on("dialog", (d) => (d.type() === "beforeunload" ? d.accept() : d.dismiss()).catch(() => {}));
		this.pages[who] = page;
		this.current = page;
		if (who !== "guest") await login(page, this.data.users[who], this.data.password);
		return page;
	}

	async step(name, fn) {
		this.n += 1;
		const label = `${String(this.n).padStart(2, "0")}-${this.id}-${slug(name)}`;
		const started = Date.now();
		this.log(`step ${label} ...`);
		await fn();
		const shot = path.join(this.out, `${label}.png`);
		if (this.current) await this.current.screenshot({ path: shot, fullPage: false }).catch((e) => this.log(`screenshot: ${e.message}`));
		this.steps.push({ name, shot, ms: Date.now() - started });
		this.log(`step ${label} ok (${Date.now() - started} ms)`);
	}

	async fail(error) {
		this.log(`FAILED: ${error.stack || error}`);
		if (this.current) {
			await this.current
				.screenshot({ path: path.join(this.out, `FAILED-${this.id}.png`), fullPage: true })
				.catch(() => {});
			await fs.promises
				.writeFile(path.join(this.out, `FAILED-${this.id}.html`), await this.current.content().catch(() => ""))
				.catch(() => {});
		}
	}

	async writeConsole(keep) {
		const file = path.join(this.out, `${this.id}.console.log`);
		if (keep) await fs.promises.writeFile(file, this.console.join("\n") + "\n");
		else await fs.promises.rm(file, { force: true });
	}

	async close() {
		for (const c of this.contexts) await c.close().catch(() => {});
	}
}

function slug(text) {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-|-$/g, "")
		.slice(0, 60);
}

function check(condition, message) {
	if (!condition) throw new StepError(message);
}

// ----------------------------------------------------------------------------------------------- desk
async function login(page, user, password) {
	await page.goto("/login");
	await page.locator("#login_email").fill(user);
	await page.locator("#login_password").fill(password);
	await page.locator(".page-card-body .btn-login, form.form-login .btn-login").first().click();
	await page.waitForURL(/\/app(\/|$)/, { timeout: 30000 });
	await waitDesk(page);
}

async function waitDesk(page) {
	await page.waitForFunction(() => window.frappe && frappe.boot && frappe.router && frappe.container, null, { timeout: 30000 });
}

// Text of an error dialog (msgprint) if one is open, else null.
async function openError(page) {
	const dialog = page.locator(".modal.show .msgprint, .modal.show .modal-body").first();
	if (await dialog.count()) {
		const text = (await dialog.innerText().catch(() => "")).trim();
		const indicator = await page.locator(".modal.show .indicator.red, .modal.show .modal-title").first().innerText().catch(() => "");
		return `${indicator} ${text}`.trim();
	}
	return null;
}

// Waits for a condition evaluated in the page; fails early with the text of any error dialog.
async function until(page, fn, arg, what, timeout = 30000) {
	const end = Date.now() + timeout;
	for (;;) {
		if (await page.evaluate(fn, arg).catch(() => false)) return;
		const error = await openError(page);
		if (error && /error|қате|ошибка|not permitted|rejected|invalid|missing/i.test(error)) {
			throw new StepError(`${what}: the desk showed «${error.slice(0, 400)}»`);
		}
		if (Date.now() > end) throw new StepError(`${what}: not reached in ${timeout / 1000}s${error ? ` (dialog: ${error.slice(0, 300)})` : ""}`);
		await page.waitForTimeout(250);
	}
}

const routeSlug = (doctype) => doctype.toLowerCase().replace(/ /g, "-");

async function openForm(page, doctype, name) {
	await page.goto(`/app/${routeSlug(doctype)}/${encodeURIComponent(name)}`);
	await waitDesk(page);
	await until(
		page,
		([dt, dn]) => window.cur_frm && cur_frm.doctype === dt && cur_frm.doc && cur_frm.doc.name === dn && !cur_frm.doc.__unsaved && $(".page-head:visible .title-text").length,
		[doctype, name],
		`open ${doctype} ${name}`
	);
}

async function newForm(page, doctype) {
	await page.goto(`/app/${routeSlug(doctype)}/new`);
	await waitDesk(page);
	await until(page, (dt) => window.cur_frm && cur_frm.doctype === dt && cur_frm.is_new(), doctype, `new ${doctype}`);
}

function control(page, fieldname) {
	return page.locator(`.form-layout:visible .frappe-control[data-fieldname="${fieldname}"]`).first();
}

async function fill(page, fieldname, value) {
	const input = control(page, fieldname).locator("input, textarea").first();
	await input.click();
	await input.fill(String(value));
	await input.press("Tab").catch(() => {});
}

// A Link field: type, then pick the suggestion whose text contains `pick` (default: the value typed).
async function fillLink(page, fieldname, typed, pick) {
	const input = control(page, fieldname).locator("input").first();
	await input.click();
	await input.fill("");
	await input.pressSequentially(String(typed), { delay: 30 });
	const item = control(page, fieldname).locator("ul[role=listbox] [role=option]:visible", { hasText: pick || typed }).first();
	await item.waitFor({ state: "visible", timeout: 15000 });
	await item.click();
	await until(
		page,
		([f]) => window.cur_frm && cur_frm.doc[f],
		[fieldname],
		`link ${fieldname} set`
	);
}

// Date / Datetime in the user's date format (typed as a person would).
async function fillDate(page, fieldname, isoDate, time) {
	const text = await page.evaluate(
		([d, t]) => {
			const shown = frappe.datetime.str_to_user(d);
			return t ? `${shown} ${t}` : shown;
		},
		[isoDate, time]
	);
	const input = control(page, fieldname).locator("input").first();
	await input.click();
	await input.fill(text);
	await input.press("Escape").catch(() => {});
	await page.locator(".form-layout:visible .page-form, .form-layout:visible").first().click({ position: { x: 5, y: 5 } }).catch(() => {});
	await until(page, ([f]) => window.cur_frm && cur_frm.doc[f], [fieldname], `date ${fieldname} set`);
}

async function fillEditor(page, fieldname, text) {
	const editor = control(page, fieldname).locator(".ql-editor").first();
	await editor.click();
	await page.keyboard.press("Control+A");
	await page.keyboard.type(text, { delay: 5 });
	await until(page, ([f]) => window.cur_frm && cur_frm.doc[f] && cur_frm.doc[f].length > 5, [fieldname], `editor ${fieldname}`, 10000);
}

async function save(page) {
	await page.keyboard.press("Control+s");
	await until(
		page,
		() => window.cur_frm && !cur_frm.is_new() && !cur_frm.doc.__unsaved && !cur_frm.save_disabled && !$(".freeze").length,
		null,
		"save"
	);
	await page.waitForTimeout(300);
}

// Workflow: the "Actions" menu of the form, the item with exactly `label` (as the user's language shows it).
async function action(page, label, { prompt, expectState } = {}) {
	const group = page.locator(".page-head:visible .actions-btn-group").first();
	await group.waitFor({ state: "visible", timeout: 20000 });
	await group.locator("button").first().click();
	const item = group.locator(".dropdown-menu a.dropdown-item").filter({ hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) });
	const count = await item.count();
	if (!count) {
		const offered = await group.locator(".dropdown-menu a.dropdown-item").allInnerTexts();
		throw new StepError(`workflow action «${label}» not offered; the menu has: ${offered.map((s) => s.trim()).join(" | ")}`);
	}
	await item.first().click();
	if (prompt !== undefined) {
		const dialog = page.locator(".modal.show:visible").last();
		await dialog.locator("textarea:visible, input:visible:not([type=checkbox])").first().fill(prompt);
		await dialog.locator(".modal-footer .btn-primary:visible").first().click();
	}
	if (expectState) await waitState(page, expectState);
}

async function waitState(page, state) {
	await until(page, (s) => window.cur_frm && cur_frm.doc.workflow_state === s && !$(".freeze:visible").length, state, `state «${state}»`);
	await page.waitForTimeout(300);
}

// A button of the form's toolbar (custom buttons), by its label.
async function button(page, label) {
	const btn = page.locator(".page-head:visible button, .page-head:visible .btn").filter({ hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }).first();
	await btn.waitFor({ state: "visible", timeout: 20000 });
	await btn.click();
}

function escapeRe(s) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function docValue(page, field) {
	return page.evaluate((f) => cur_frm && cur_frm.doc[f], field);
}

// From the open form: the toolbar's printer icon, then the print format chosen in the print view's sidebar;
// waits until the preview shows the document.
async function printPreview(page, format) {
	await page.locator('.page-head:visible button:has(use[href="#icon-printer"])').first().click();
	const input = page.locator('.print-preview-sidebar:visible .frappe-control[data-fieldname="print_format"] input').first();
	await input.waitFor({ state: "visible", timeout: 30000 });
	if ((await input.inputValue()) !== format) {
		await input.click();
		await input.fill("");
		await input.pressSequentially(format, { delay: 30 });
		const item = page.locator('.print-preview-sidebar:visible .frappe-control[data-fieldname="print_format"] [role=option]:visible', { hasText: format }).first();
		await item.waitFor({ state: "visible", timeout: 15000 });
		await item.click();
	}
	await until(page, (f) => $(".print-preview-sidebar:visible .frappe-control[data-fieldname=print_format] input").val() === f, format, `print format ${format}`);
	await page.waitForTimeout(1500); // the preview re-renders
	const frame = page.frameLocator(".print-preview-wrapper:visible iframe.print-format-container");
	await frame.locator(".print-format").first().waitFor({ state: "attached", timeout: 30000 });
	return frame.locator("body").innerText();
}

// The text of the PDF of `name` in `format` (kept as <out>/<journey>-<name>.pdf), read by pdftotext.
async function printedText(t, page, doctype, name, format) {
	const body = await pdf(page, doctype, name, format);
	const file = path.join(t.out, `${t.id}-${name}.pdf`);
	await fs.promises.writeFile(file, body);
	const text = await pdfText(file);
	check(text !== null, "pdftotext (poppler-utils) is needed to read the PDF");
	t.log(`pdf ${file}: ${body.length} bytes`);
	return text;
}

// The PDF of a print format, fetched with the user's session the way the print view's PDF button does.
async function pdf(page, doctype, name, format, lang) {
	const url =
		`/api/method/frappe.utils.print_format.download_pdf?doctype=${encodeURIComponent(doctype)}` +
		`&name=${encodeURIComponent(name)}&format=${encodeURIComponent(format)}&no_letterhead=1` +
		(lang ? `&_lang=${lang}` : "");
	const response = await page.request.get(url, { timeout: 120000 });
	check(response.ok(), `PDF of ${name}: HTTP ${response.status()}`);
	const body = await response.body();
	check(body.slice(0, 5).toString() === "%PDF-", `PDF of ${name}: not a PDF (${body.slice(0, 60).toString()})`);
	return body;
}

// the desk's own requests done (Frappe counts them); "networkidle" waits on the realtime socket's polling too
async function settle(page) {
	await page
		.waitForFunction(
			() => {
				const idle = window.frappe && frappe.request && !frappe.request.ajax_count;
				const was = window.__kls_idle_since;
				window.__kls_idle_since = idle ? was || Date.now() : 0;
				return idle && Date.now() - window.__kls_idle_since >= 400;
			},
			null,
			{ timeout: 15000, polling: 100 }
		)
		.catch(() => {});
	await page.waitForTimeout(200);
}

module.exports = {
	Journey,
	settle,
	StepError,
	check,
	login,
	waitDesk,
	openError,
	until,
	openForm,
	newForm,
	control,
	fill,
	fillLink,
	fillDate,
	fillEditor,
	save,
	action,
	waitState,
	button,
	docValue,
	pdf,
	printPreview,
	printedText,
	routeSlug,
	escapeRe,
};
