// temporary: screenshots of the dev site as demo users
const { chromium } = require("playwright-core");
(async () => {
	const [user, ...paths] = process.argv.slice(2);
	const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
	const ctx = await browser.newContext({ baseURL: "http://k23.localhost:8123", viewport: { width: 1440, height: 1000 } });
	const page = await ctx.newPage();
	page.on("pageerror", (e) => console.log("pageerror", e.message));
	await page.goto("/login");
	await page.fill("#login_email", user);
	await page.fill("#login_password", "Kelisim-Demo-2026");
	await page.click(".btn-login");
	await page.waitForURL(/\/app/, { timeout: 60000 });
	await page.waitForTimeout(6000);
	const tag = user.split("@")[0];
	await page.screenshot({ path: `/tmp/i23/shots/${tag}-home.png`, fullPage: true });
	console.log("home route", await page.evaluate(() => frappe.get_route().join("/")), await page.evaluate(() => frappe.boot.allowed_workspaces.map((w) => w.name).join(", ")));
	let i = 0;
	for (const p of paths) {
		await page.goto(p);
		await page.waitForTimeout(5000);
		await page.screenshot({ path: `/tmp/i23/shots/${tag}-${++i}.png`, fullPage: true });
	}
	await browser.close();
})();
