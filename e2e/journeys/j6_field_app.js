// Journey 6 (#19): the field app at /kelisim on a phone. The Structure Secretary opens it (its service worker
// takes control of /kelisim), goes offline, reloads it from the worker's cache, records two events with a photo
// each and one for a council that meanwhile stopped being his (the KGU of region B took it away); back online
// the queue syncs: both events appear once in the desk with their photos, the third is refused and kept with
// the server's message. Replaying the sync creates nothing; the refused event is corrected and sent. He reports
// one event (Held → Reported); the KGU Head, from his phone, verifies it.
"use strict";

const { check, login, until, openForm } = require("../lib");

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function phone(t, who) {
	const context = await t.browser.newContext({ baseURL: t.env.baseURL, locale: "kk-KZ", timezoneId: "Asia/Almaty", ...PHONE });
	context.setDefaultTimeout(t.env.actionTimeout);
	t.contexts.push(context);
	const page = await context.newPage();
	page.on("console", (m) => t.log(`[${who}] console.${m.type()}: ${m.text()}`));
	page.on("pageerror", (e) => t.log(`[${who}] pageerror: ${e.message}`));
	page.on("dialog", (d) => d.accept().catch(() => {}));
	t.pages[who] = page;
	t.current = page;
	await login(page, t.data.users[who], t.data.password);
	return { context, page };
}

async function openApp(page) {
	await page.goto("/kelisim");
	await page.locator("[data-testid=sync]").waitFor();
}

async function api(page, method, path, body) {
	return page.evaluate(
		async ([method, path, body]) => {
			const r = await fetch(path, {
				method,
				headers: { "Content-Type": "application/json", Accept: "application/json", "X-Frappe-CSRF-Token": window.csrf_token || (window.kelisim_boot || {}).csrf_token || (window.frappe && frappe.csrf_token) },
				body: body ? JSON.stringify(body) : undefined,
			})
			return { status: r.status, json: await r.json().catch(() => null) }
		},
		[method, path, body]
	);
}

async function photo(page, colour) {
	const b64 = await page.evaluate((colour) => {
		const c = document.createElement("canvas");
		c.width = 1600;
		c.height = 1200; // bigger than the app keeps: it resizes on the device
		const g = c.getContext("2d");
		g.fillStyle = colour;
		g.fillRect(0, 0, c.width, c.height);
		g.fillStyle = "#fff";
		g.fillRect(200, 200, 400, 300);
		return c.toDataURL("image/jpeg", 0.9).split(",")[1];
	}, colour);
	return { name: `${colour}.jpg`, mimeType: "image/jpeg", buffer: Buffer.from(b64, "base64") };
}

async function recordEvent(page, { title, organiser, from, to, photos, participants }) {
	await page.locator("[data-testid=tab-new-event]").click();
	await page.locator("#ev-title").fill(title);
	await page.locator("#ev-type").selectOption({ index: 0 });
	await page.locator("#ev-organiser").selectOption(organiser);
	const yesterday = await page.evaluate(() => new Date(Date.now() - 86400000 - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10));
	await page.locator("#ev-date").fill(yesterday);
	await page.locator("#ev-from").fill(from);
	await page.locator("#ev-to").fill(to);
	await page.locator("#ev-place").fill("Достық үйі, 2-зал");
	await page.locator("#ev-total").fill("40");
	await page.locator("#ev-youth").fill("15");
	await page.locator("#ev-report").fill("Дөңгелек үстел өтті.\nҚатысушылар ұсыныстар айтты.");
	if (photos) await page.locator("#ev-photos").setInputFiles(photos);
	if (participants) await page.locator("#ev-list").setInputFiles(participants);
	const expected = (photos || []).length + (participants ? 1 : 0);
	if (expected) await until(page, (n) => document.querySelectorAll("[data-testid=photo-previews] img").length === n, expected, "photos resized");
	await page.locator("[data-testid=save-event]").click();
	await page.locator("[data-testid=outbox-row]").filter({ hasText: title }).waitFor();
}

async function rowStatus(page, title) {
	return page.locator("[data-testid=outbox-row]").filter({ hasText: title }).getAttribute("data-status");
}

module.exports = {
	id: "j6",
	title: "field app: secretary offline -> two events with photos synced once, refusal kept; KGU head verifies on a phone",
	budgetMs: 300000,
	async run(t) {
		const d = t.data;
		const f = d.field;
		const stamp = Date.now();
		const titles = [`E2E далалық кездесу A ${stamp}`, `E2E далалық кездесу B ${stamp}`, `E2E басқа өңір ${stamp}`];
		let sec, context, names;

		await t.step("secretary opens the field app, Kazakh, his structures cached", async () => {
			({ context, page: sec } = await phone(t, "secretary_a"));
			await openApp(sec);
			const lang = await sec.evaluate(() => document.documentElement.lang);
			check(lang === "kk", `the app language is ${lang}, not kk`);
			check((await sec.locator("[data-testid=tab-outbox]").innerText()).trim() === "Жіберілетіндер", "the tabs are not in Kazakh");
			await sec.locator("[data-testid=tab-new-event]").click();
			const options = await sec.locator("#ev-organiser option").allInnerTexts();
			check(options.includes(f.own_name) && options.includes(f.moved_name), `his structures are not offered: ${options}`);
		});

		await t.step("the service worker controls /kelisim", async () => {
			await sec.evaluate(() => navigator.serviceWorker.ready.then(() => true));
			// a navigation through the worker puts the shell into its cache
			await sec.reload();
			await sec.locator("[data-testid=sync]").waitFor();
			await until(sec, () => navigator.serviceWorker.controller !== null, null, "service worker controls the page", 30000);
			const scope = await sec.evaluate(async () => (await navigator.serviceWorker.getRegistration("/kelisim")).scope);
			check(scope.endsWith("/kelisim"), `worker scope ${scope}`);
		});

		await t.step("meanwhile the KGU of region B hands the Almaty council to nobody", async () => {
			const { page: kgu } = await phone(t, "spec_b");
			const r = await api(kgu, "PUT", `/api/resource/KLS Public Structure/${encodeURIComponent(f.moved)}`, { secretary_user: null });
			check(r.status === 200, `the KGU of region B could not change the council: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
			t.current = sec;
		});

		await t.step("offline: the app reloads from the worker's cache", async () => {
			await context.setOffline(true);
			await sec.reload();
			await sec.locator("[data-testid=sync]").waitFor();
			check((await sec.locator("[data-testid=network]").innerText()).trim() === "Желіден тыс", "the app does not say it is offline");
		});

		await t.step("offline: two events with a photo each, one for the council he lost", async () => {
			await recordEvent(sec, { title: titles[0], organiser: f.own, from: "10:00", to: "12:00", photos: [await photo(sec, "#1d4ed8")], participants: await photo(sec, "#444444") });
			await recordEvent(sec, { title: titles[1], organiser: f.own, from: "15:00", to: "16:30", photos: [await photo(sec, "#16a34a")] });
			await recordEvent(sec, { title: titles[2], organiser: f.moved, from: "11:00", to: "12:00", photos: [await photo(sec, "#dc2626")] });
			for (const title of titles) check((await rowStatus(sec, title)) === "queued", `${title} is not queued`);
		});

		await t.step("back online: the queue syncs by itself", async () => {
			await context.setOffline(false);
			await sec.evaluate(() => window.dispatchEvent(new Event("online")));
			await until(sec, (ts) => ts.every((title) => [...document.querySelectorAll("[data-testid=outbox-row]")].some((r) => r.textContent.includes(title) && r.dataset.status !== "queued")), titles, "all synced", 60000);
			check((await rowStatus(sec, titles[0])) === "sent" && (await rowStatus(sec, titles[1])) === "sent", "the two events were not sent");
			check((await rowStatus(sec, titles[2])) === "refused", "the lost council's event was not refused");
			const message = await sec.locator("[data-testid=outbox-row]").filter({ hasText: titles[2] }).locator("[data-testid=message]").innerText();
			check(message.includes(f.moved) && /сіздің құрылымыңыз емес/.test(message), `refusal message: «${message}»`);
		});

		await t.step("both events appear once in the desk, with their photos", async () => {
			const r = await api(sec, "GET", `/api/resource/KLS Event?fields=${encodeURIComponent(JSON.stringify(["name", "title", "workflow_state", "client_id"]))}&filters=${encodeURIComponent(JSON.stringify([["title", "in", titles]]))}`);
			const rows = r.json.data;
			check(rows.length === 2, `${rows.length} events in the desk, not 2: ${JSON.stringify(rows)}`);
			check(rows.every((x) => x.workflow_state === "Held"), "the events are not held");
			names = Object.fromEntries(rows.map((x) => [x.title, x.name]));
			for (const [title, n] of [[titles[0], 2], [titles[1], 1]]) {
				const files = await api(sec, "GET", `/api/resource/File?fields=${encodeURIComponent(JSON.stringify(["name", "is_private", "file_url"]))}&filters=${encodeURIComponent(JSON.stringify([["attached_to_doctype", "=", "KLS Event"], ["attached_to_name", "=", names[title]]]))}`);
				check(files.json.data.length === n, `${title}: ${files.json.data.length} files, not ${n}`);
				check(files.json.data.every((x) => x.is_private && x.file_url.startsWith("/private/files/")), `${title}: a photo is public`);
			}
			const desk = await sec.context().newPage();
			t.current = desk;
			await openForm(desk, "KLS Event", names[titles[0]]);
			const attachments = await desk.locator(".form-attachments .attachment-row").count();
			check(attachments === 2, `the desk form shows ${attachments} attachments, not 2`);
			await desk.close();
			t.current = sec;
		});

		await t.step("the sync replayed creates nothing", async () => {
			const records = await sec.evaluate(async () => {
				const open = indexedDB.open("kelisim-queue");
				const db = await new Promise((res, rej) => ((open.onsuccess = () => res(open.result)), (open.onerror = rej)));
				const all = await new Promise((res) => {
					const q = db.transaction("records").objectStore("records").getAll();
					q.onsuccess = () => res(q.result);
				});
				return all;
			});
			const sent = records.filter((r) => r.status === "sent");
			check(sent.length === 2, `${sent.length} sent records on the device`);
			// the device's answer was lost: it sends the same records again (the photos are no longer kept, the ids are)
			const replay = sent.map((r) => ({ client_id: r.client_id, op: r.op, doctype: r.doctype, data: r.data, photos: [] }));
			const r = await api(sec, "POST", "/api/method/kelisim_app.field.api.sync", { records: [...replay, ...replay] });
			check(r.status === 200 && r.json.message.every((x) => x.status === "exists"), `replay: ${JSON.stringify(r.json).slice(0, 400)}`);
			const count = await api(sec, "GET", `/api/method/frappe.client.get_count?doctype=KLS%20Event&filters=${encodeURIComponent(JSON.stringify([["title", "in", titles]]))}`);
			check(count.json.message === 2, `${count.json.message} events after the replay`);
		});

		await t.step("the refused event is corrected and sent", async () => {
			const row = sec.locator("[data-testid=outbox-row]").filter({ hasText: titles[2] });
			await row.locator("[data-testid=correct]").click();
			check((await sec.locator("[data-testid=event-form]").innerText()).includes("сіздің құрылымыңыз емес"), "the form does not show why it was refused");
			await sec.locator("#ev-organiser").selectOption(f.own);
			await sec.locator("[data-testid=save-event]").click();
			await until(sec, (title) => [...document.querySelectorAll("[data-testid=outbox-row]")].some((r) => r.textContent.includes(title) && r.dataset.status === "sent"), titles[2], "corrected event sent", 30000);
		});

		await t.step("he reports one event: Held -> Reported", async () => {
			await sec.locator("[data-testid=tab-events]").click();
			const row = sec.locator(`[data-testid=server-row][data-name="${names[titles[0]]}"]`);
			await row.locator("[data-testid=report]").click();
			await sec.locator("[data-testid=tab-outbox]").click();
			await until(sec, () => [...document.querySelectorAll("[data-testid=outbox-row]")].some((r) => r.dataset.status === "sent" && r.textContent.includes("Есеп")), null, "report sent", 30000);
			const r = await api(sec, "GET", `/api/resource/KLS Event/${names[titles[0]]}`);
			check(r.json.data.workflow_state === "Reported", `state ${r.json.data.workflow_state}`);
		});

		await t.step("the KGU head verifies it from his phone", async () => {
			const { page: head } = await phone(t, "head_a");
			await openApp(head);
			await head.locator("[data-testid=tab-review]").click();
			const row = head.locator(`[data-testid=server-row][data-name="${names[titles[0]]}"]`);
			await row.waitFor();
			const width = await head.evaluate(() => document.documentElement.scrollWidth);
			check(width <= 390, `the page is wider than the phone: ${width}px`);
			await row.locator("[data-testid=verify]").click();
			await head.locator("[data-testid=tab-outbox]").click();
			await until(head, () => [...document.querySelectorAll("[data-testid=outbox-row]")].some((r) => r.dataset.status === "sent"), null, "verification sent", 30000);
			const r = await api(head, "GET", `/api/resource/KLS Event/${names[titles[0]]}`);
			check(r.json.data.workflow_state === "Verified", `state ${r.json.data.workflow_state}`);
		});

		await t.step("signing out clears the device", async () => {
			t.current = sec;
			await sec.locator("[data-testid=logout]").click();
			await sec.waitForURL(/\/login/);
			const left = await sec.evaluate(async () => {
				const open = indexedDB.open("kelisim-queue");
				const db = await new Promise((res) => (open.onsuccess = () => res(open.result)));
				return new Promise((res) => {
					const q = db.transaction("records").objectStore("records").count();
					q.onsuccess = () => res(q.result);
				});
			});
			check(left === 0, `${left} records left on the device after signing out`);
		});
	},
};
