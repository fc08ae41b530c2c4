#!/usr/bin/env node
// Runs the browser journeys in Debian's chromium (playwright-core, no browser download) and prints
// "e2e (browser): N passed, M failed". Started by dev/e2e, which seeds the data and starts the servers.
//   E2E_BASE_URL  http://site:port        E2E_DATA  data.json of setup_site.py
//   E2E_OUT       screenshot folder       E2E_CHROMIUM  /usr/bin/chromium
//   E2E_ONLY      j1,j3 (optional)        E2E_DEADLINE_S  whole run budget in seconds (default 540)
"use strict";

const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");
const { Journey } = require("./lib");

const JOURNEYS = [
	"./journeys/j1_event",
	"./journeys/j2_regional_report",
	"./journeys/j3_mediation",
	"./journeys/j4_region_isolation",
	"./journeys/j5_rgu_workspace",
	"./journeys/j6_field_app",
	"./journeys/j7_signature",
	"./journeys/j8_telegram", // #21
	"./journeys/j9_role_desks",
	"./journeys/j10_no_raw_values",
];

async function main() {
	const env = {
		baseURL: process.env.E2E_BASE_URL,
		data: JSON.parse(fs.readFileSync(process.env.E2E_DATA, "utf8")),
		out: process.env.E2E_OUT || path.join(__dirname, "..", "artifacts", "e2e"),
		actionTimeout: 20000,
		site: process.env.E2E_SITE,
		bench: process.env.E2E_BENCH,
	};
	const deadline = Date.now() + 1000 * Number(process.env.E2E_DEADLINE_S || 540);
	const only = (process.env.E2E_ONLY || "").split(",").filter(Boolean);
	fs.mkdirSync(env.out, { recursive: true });

	const browser = await chromium.launch({
		executablePath: process.env.E2E_CHROMIUM || "/usr/bin/chromium",
		headless: true,
		args: ["--no-sandbox", "--disable-dev-shm-usage", "--lang=kk"],
	});
	const results = [];
	try {
		for (const module of JOURNEYS) {
			const id = path.basename(module).split("_")[0];
			if (only.length && !only.includes(id)) continue;
			const spec = require(module);
			const journey = new Journey({ id: spec.id, title: spec.title, out: env.out, browser, env });
			const started = Date.now();
			const budget = Math.min(spec.budgetMs || 150000, deadline - Date.now());
			let error = null;
			if (budget <= 0) {
				error = new Error("not started: the run's time budget is spent");
			} else {
				let timer;
				const timeout = new Promise((_, reject) => {
					timer = setTimeout(() => reject(new Error(`journey timed out after ${Math.round(budget / 1000)}s`)), budget);
				});
				try {
					await Promise.race([spec.run(journey), timeout]);
				} catch (e) {
					error = e;
				} finally {
					clearTimeout(timer);
				}
			}
			if (error) await journey.fail(error);
			await journey.writeConsole(Boolean(error));
			await journey.close();
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			results.push({ id: spec.id, title: spec.title, passed: !error, seconds, steps: journey.steps.length, error: error ? String(error.message || error) : null, note: journey.note || "" });
			if (error) {
				console.log(`FAIL ${spec.id} ${spec.title} (${seconds}s, after ${journey.steps.length} steps): ${String(error.message || error).split("\n")[0]}`);
				console.log(`     screenshot: ${path.join(env.out, `FAILED-${spec.id}.png`)}  console: ${path.join(env.out, `${spec.id}.console.log`)}`);
			} else {
				console.log(`PASS ${spec.id} ${spec.title} (${seconds}s, ${journey.steps.length} steps)${journey.note ? ` - ${journey.note}` : ""}`);
			}
		}
	} finally {
		await browser.close().catch(() => {});
	}
	fs.writeFileSync(path.join(env.out, "results.json"), JSON.stringify(results, null, 1));
	const passed = results.filter((r) => r.passed).length;
	const failed = results.length - passed;
	console.log(`screenshots: ${env.out}`);
	console.log(`e2e (browser): ${passed} passed, ${failed} failed`);
	return failed ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		console.log(`e2e (browser): 0 passed, 1 failed (the runner crashed: ${String(e.message || e).split("\n")[0]})`);
		process.exit(1);
	}
);
