// Journey 6 (#21): a KGU specialist links his Telegram from his User form's Telegram page through a one-time
// deep link and chooses the daily digest. The journey plays Telegram: it runs the fake Bot API
// (kelisim_app/tests/fake_telegram.py, real HTTP on loopback; the site's config points at it, e2e/setup_site.py)
// and, as Telegram does in webhook mode, posts the user's "/start <code>" to the site's webhook with the
// secret header. The bot's confirmation reaches the fake API from the site's background worker, in Kazakh.
"use strict";

const path = require("path");
const { spawn } = require("child_process");
const { check, waitDesk, until } = require("../lib");

const WEBHOOK = "/api/method/kelisim_app.kelisim_core.telegram.webhook";
const CHAT_ID = 7771234;

async function fakeApi(port, what = "sent", body = null) {
	const res = await fetch(`http://127.0.0.1:${port}/_fake/${what}`, body ? { method: "POST", body: JSON.stringify(body) } : {});
	return res.json();
}

async function startFake(tg, t) {
	const script = path.join(__dirname, "..", "..", "kelisim_app", "tests", "fake_telegram.py");
	const child = spawn("python3", [script, "--port", String(tg.port), "--token", tg.token, "--username", tg.bot], { stdio: ["ignore", "pipe", "pipe"] });
	child.stdout.on("data", (d) => t.log(`[fake bot api] ${String(d).trim()}`));
	child.stderr.on("data", (d) => t.log(`[fake bot api] ${String(d).trim()}`));
	for (let i = 0; i < 50; i++) {
		try {
			await fakeApi(tg.port);
			return child;
		} catch (e) {
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	child.kill();
	throw new Error(`the fake Bot API did not start on port ${tg.port}`);
}

module.exports = {
	id: "j8",
	title: "Telegram: link the account by a one-time deep link, choose the digest",
	budgetMs: 150000,
	async run(t) {
		const tg = t.data.telegram;
		check(tg && tg.port, "e2e/setup_site.py gave no Telegram settings");
		const fake = await startFake(tg, t);
		try {
			let page;
			let deepLink;

			await t.step("the user opens the Telegram page from his User form", async () => {
				page = await t.as("tg_user");
				await page.goto(`/app/user/${encodeURIComponent(t.data.users.tg_user)}`);
				await waitDesk(page);
				await until(page, () => window.cur_frm && cur_frm.doctype === "User" && $(".page-actions:visible").length, null, "his User form");
				await page.locator(".page-actions button:visible, .inner-group-button button:visible", { hasText: "Telegram хабарламалары" }).first().click();
				await until(page, () => frappe.get_route()[0] === "kelisim-telegram" && $(".kls-tg-status:visible").length, null, "the Telegram page");
				const status = await page.locator(".kls-tg-status").getAttribute("data-status");
				check(status === "Not linked", `a new user is not linked (status ${status})`);
				check((await page.locator(".kls-tg-status").innerText()).includes("Байланыстырылмаған"), "the page speaks Kazakh");
				const disabled = await page.locator('input[name="kls_tg_pref"]:disabled').count();
				check(disabled === 2, `Telegram choices wait for a link (${disabled} disabled)`);
			});

			await t.step("Link Telegram shows the bot's one-time deep link", async () => {
				await page.locator(".kls-tg-start").click();
				await until(page, () => $(".kls-tg-deeplink:visible").length, null, "the deep link");
				deepLink = await page.locator(".kls-tg-deeplink").getAttribute("href");
				t.log(`deep link: ${deepLink}`);
				check(deepLink.startsWith(`https://t.me/${tg.bot}?start=`), `a t.me deep link to the office's bot: ${deepLink}`);
			});

			await t.step("Telegram delivers /start <code> to the webhook (refused without the secret)", async () => {
				const code = new URL(deepLink).searchParams.get("start");
				const update = {
					update_id: 990001,
					message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: CHAT_ID, type: "private" }, from: { id: CHAT_ID, is_bot: false, first_name: "Жанар", username: "zhanar_e2e" }, text: `/start ${code}` },
				};
				const telegram = await t.as("guest");
				await telegram.goto("/login");
				const post = (secret) =>
					telegram.evaluate(
						async ([url, body, secret]) => {
							const headers = { "Content-Type": "application/json" };
							if (secret) headers["X-Telegram-Bot-Api-Secret-Token"] = secret;
							const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
							return res.status;
						},
						[WEBHOOK, update, secret]
					);
				const refused = await post("a-wrong-secret");
				check(refused === 403, `a request without Telegram's secret is refused (HTTP ${refused})`);
				t.httpErrors = t.httpErrors.filter(([, status, url]) => !(status === 403 && url.includes(WEBHOOK)));
				const accepted = await post(tg.secret);
				check(accepted === 200, `Telegram's update is accepted (HTTP ${accepted})`);
				t.current = page;
			});

			await t.step("the page shows the link; the bot confirmed in Kazakh", async () => {
				await page.locator(".kls-tg-check").click();
				await until(page, () => $(".kls-tg-status[data-status='Linked']:visible").length, null, "linked");
				const text = await page.locator(".kls-tg-status").innerText();
				check(text.includes("Байланыстырылған") && text.includes("@zhanar_e2e"), `status: ${text}`);
				const end = Date.now() + 45000;
				let sent = [];
				while (Date.now() < end) {
					sent = (await fakeApi(tg.port)).sent.filter((m) => String(m.chat_id) === String(CHAT_ID));
					if (sent.length) break;
					await page.waitForTimeout(500);
				}
				check(sent.length === 1, `one confirmation reached the chat from the worker (${sent.length})`);
				t.log(`confirmation: ${sent[0].text}`);
				check(sent[0].text.includes("Kelisim аккаунтыңыз байланыстырылды"), `in Kazakh: ${sent[0].text}`);
				check(sent[0].parse_mode === "HTML", "HTML parse mode");
			});

			await t.step("the user chooses the daily digest; it is kept", async () => {
				const checked = await page.locator('input[name="kls_tg_pref"]:checked').getAttribute("value");
				check(checked === "Desk and Telegram", `linking chose Telegram (${checked})`);
				await page.locator('input[name="kls_tg_pref"][value="Desk and a daily Telegram digest"]').check();
				await until(page, () => $(".alert-message:visible, .desk-alert:visible").text().includes("Сақталды"), null, "saved");
				await page.reload();
				await waitDesk(page);
				await until(page, () => $('input[name="kls_tg_pref"]:checked').val() === "Desk and a daily Telegram digest", null, "the digest kept after a reload", 20000);
			});
		} finally {
			fake.kill();
		}
	},
};
