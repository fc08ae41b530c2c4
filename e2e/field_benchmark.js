#!/usr/bin/env node
// Benchmark of the field app (#19), beside `bench kelisim-benchmark` (docs/benchmarks.md): on a phone-sized
// viewport in Debian's chromium, (1) the app shell's first load with an empty cache — bytes transferred (each
// text response gzipped as the production nginx serves it; images as they are) and time to interactive;
// (2) 50 events with a photo each queued on the device, synced — wall time, duplicates, a replay.
// Run by `./dev/e2e --site SITE --port P --field-benchmark` (same data and servers as the journeys).
// Targets: <= 1 MB transferred, interactive <= 3 s, 50 events <= 15 s, zero duplicates.
"use strict";

const zlib = require("zlib");
const { chromium } = require("playwright-core");

const TARGETS = { transferKB: 1024, interactiveS: 3, syncS: 15 };
const COMPRESSED = /javascript|css|html|json|manifest|svg/;
const N = Number(process.env.FIELD_BENCH_EVENTS || 50);

async function main() {
	const base = process.env.E2E_BASE_URL;
	const data = require(require("path").resolve(process.env.E2E_DATA));
	const browser = await chromium.launch({
		executablePath: process.env.E2E_CHROMIUM || "/usr/bin/chromium",
		headless: true,
		args: ["--no-sandbox", "--disable-dev-shm-usage"],
	});
	const results = [];
	try {
		const context = await browser.newContext({ baseURL: base, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "kk-KZ" });
		const login = await context.request.post("/api/method/login", { form: { usr: data.users.secretary_a, pwd: data.password } });
		if (!login.ok()) throw new Error(`login: HTTP ${login.status()}`);
		const page = await context.newPage();

		// (1) first load, empty cache
		const responses = [];
		page.on("response", (r) => {
			if (!r.url().includes("/socket.io/")) responses.push(r);
		});
		await page.goto("/kelisim");
		await page.locator("[data-testid=sync]").waitFor();
		const interactive = await page.evaluate(() => performance.now() / 1000);
		const nav = await page.evaluate(() => {
			const n = performance.getEntriesByType("navigation")[0];
			return { served: n.responseEnd / 1000, dom: n.domContentLoadedEventEnd / 1000 };
		});
		await page.waitForLoadState("networkidle");
		let raw = 0;
		let transferred = 0;
		for (const r of responses) {
			const body = await r.body().catch(() => Buffer.alloc(0));
			const type = r.headers()["content-type"] || "";
			raw += body.length;
			transferred += COMPRESSED.test(type) ? zlib.gzipSync(body, { level: 6 }).length : body.length;
		}
		const kb = (n) => Math.round(n / 1024);
		results.push({
			metric: "field app first load",
			line: `${kb(transferred)} kB transferred gzipped (${kb(raw)} kB uncompressed, ${responses.length} requests), interactive in ${interactive.toFixed(2)} s (page served in ${nav.served.toFixed(2)} s, DOM ready ${nav.dom.toFixed(2)} s; phone 390x844)`,
			ok: kb(transferred) <= TARGETS.transferKB && interactive <= TARGETS.interactiveS,
		});

		// (2) N events with a photo each, queued on the device, then synced
		const queued = await page.evaluate(
			async ([n, organiser, event_type]) => {
				const photo = (i) => {
					const c = document.createElement("canvas");
					c.width = 1280;
					c.height = 960;
					const g = c.getContext("2d");
					const grad = g.createLinearGradient(0, 0, 1280, 960);
					grad.addColorStop(0, `hsl(${(i * 37) % 360},60%,60%)`);
					grad.addColorStop(1, "#223");
					g.fillStyle = grad;
					g.fillRect(0, 0, 1280, 960);
					for (let k = 0; k < 400; k++) {
						g.fillStyle = `hsla(${(k * 13 + i) % 360},70%,50%,0.5)`;
						g.fillRect((k * 97 + i * 31) % 1280, (k * 53) % 960, 40 + (k % 60), 30 + (k % 40));
					}
					g.fillStyle = "#fff";
					g.font = "120px sans-serif";
					g.fillText(`#${i}`, 100, 500);
					const webp = c.toDataURL("image/webp", 0.72); // as the app's photos.js resizes them
					return webp.startsWith("data:image/webp") ? webp : c.toDataURL("image/jpeg", 0.72);
				};
				const open = indexedDB.open("kelisim-queue");
				const db = await new Promise((res, rej) => ((open.onsuccess = () => res(open.result)), (open.onerror = rej)));
				const day = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
				const stamp = Date.now();
				const ids = [];
				let bytes = 0;
				for (let i = 0; i < n; i++) {
					const id = crypto.randomUUID();
					const data = photo(i);
					bytes += (data.length * 3) / 4;
					const row = {
						client_id: id,
						created_at: new Date(stamp + i).toISOString(),
						status: "queued",
						message: "",
						op: "create",
						doctype: "KLS Event",
						label: `Benchmark ${stamp} #${i}`,
						data: { title: `E2E benchmark ${stamp} #${i}`, event_type, organiser, start: `${day} 10:00:00`, end: `${day} 12:00:00`, participants_total: 20, participants_youth: 5, languages: [], report: "Benchmark", held: 1 },
						photos: [{ kind: "photo", data }],
					};
					await new Promise((res, rej) => {
						const tx = db.transaction("records", "readwrite");
						tx.objectStore("records").put(row, id);
						tx.oncomplete = res;
						tx.onerror = rej;
					});
					ids.push(id);
				}
				return { ids, avgKB: Math.round(bytes / n / 1024) };
			},
			[N, data.field.own, data.event_type]
		);
		await page.reload(); // the app reads its queue and, online, syncs it at once
		const started = Date.now();
		await page.locator("[data-testid=tab-outbox]").click();
		await page.waitForFunction(
			(ids) => ids.every((id) => { const r = document.querySelector(`[data-client-id="${id}"]`); return r && r.dataset.status !== "queued"; }),
			queued.ids,
			{ timeout: 180000, polling: 200 }
		);
		const syncS = (Date.now() - started) / 1000;
		const statuses = await page.evaluate((ids) => ids.map((id) => document.querySelector(`[data-client-id="${id}"]`).dataset.status), queued.ids);
		const sent = statuses.filter((s) => s === "sent").length;
		const count = async () => {
			const r = await page.request.get(`/api/method/frappe.client.get_count?doctype=KLS%20Event&filters=${encodeURIComponent(JSON.stringify([["client_id", "in", queued.ids]]))}`);
			return (await r.json()).message;
		};
		const made = await count();
		// the answers were lost: the device sends everything again
		const csrf = await page.evaluate(() => window.csrf_token);
		const replay = queued.ids.map((id) => ({ client_id: id, op: "create", doctype: "KLS Event", data: {}, photos: [] }));
		const r = await page.request.post("/api/method/kelisim_app.field.api.sync", { data: { records: replay }, headers: { "X-Frappe-CSRF-Token": csrf } });
		const replayed = (await r.json()).message || [];
		const after = await count();
		const duplicates = made - sent + (after - made);
		results.push({
			metric: "field app sync",
			line: `${N} events with a photo each (${queued.avgKB} kB average) synced in ${syncS.toFixed(1)} s: ${sent} sent, ${made} in the database, duplicates ${duplicates}; replay: ${replayed.filter((x) => x.status === "exists").length}/${N} found, ${after - made} created`,
			ok: sent === N && made === N && after === N && syncS <= TARGETS.syncS,
		});
	} finally {
		await browser.close().catch(() => {});
	}
	for (const r of results) console.log(`kelisim-metric: ${r.metric}: ${r.line} ${r.ok ? "(within target)" : "(OVER TARGET)"}`);
	console.log(`e2e (browser): ${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length} failed`);
	return results.every((r) => r.ok) ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		console.log(`e2e (browser): 0 passed, 1 failed (the field benchmark crashed: ${String(e.message || e).split("\n")[0]})`);
		process.exit(1);
	}
);
