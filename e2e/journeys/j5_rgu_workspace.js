// Journey 5: the RGU Head opens his workspace from the sidebar: every number card shows a number, and every
// chart loads and draws the records the setup gave the site (events, structures, cases, a plan at risk).
"use strict";

const { check, waitDesk, until } = require("../lib");

const WORKSPACE = { name: "Kelisim RGU", label: "Келісім РММ", route: "kelisim-rgu" };
// Charts of the RGU workspace that must draw data on a site with the journeys' records (by their Kazakh titles)
const MUST_DRAW = [
	"Айлар бойынша іс-шаралар", // Events per Month
	"Белсенді және белсенді емес құрылымдар", // Structures Active vs Inactive
	"Нәтижесі бойынша медиация істері", // Mediation Cases by Outcome
];

module.exports = {
	id: "j5",
	title: "RGU head's workspace: number cards and charts show values",
	budgetMs: 120000,
	async run(t) {
		let page;

		await t.step("RGU head opens his workspace from the sidebar", async () => {
			page = await t.as("rgu_head");
			await page.goto("/app");
			await waitDesk(page);
			const item = page.locator(".desk-sidebar .sidebar-item-container a:visible", { hasText: WORKSPACE.label }).first();
			await item.click();
			await until(page, (w) => frappe.get_route()[0] === "Workspaces" && frappe.get_route()[1] === w, WORKSPACE.name, "his workspace", 20000);
		});

		await t.step("number cards show numbers", async () => {
			await until(
				page,
				() => {
					const cards = $(".number-widget-box:visible");
					return cards.length && cards.toArray().every((c) => /\d/.test($(c).find(".number").text()));
				},
				null,
				"every number card shows a number",
				45000
			);
			const cards = await page.evaluate(() =>
				$(".number-widget-box:visible")
					.toArray()
					.map((c) => ({ title: $(c).find(".widget-title").text().trim(), value: $(c).find(".number").text().trim() }))
			);
			t.log(`cards: ${JSON.stringify(cards)}`);
			check(cards.length >= 7, `${cards.length} number cards, the workspace has 7`);
			const total = cards.reduce((sum, c) => sum + (Number(c.value.replace(/[^\d]/g, "")) || 0), 0);
			check(total > 0, `every number card shows 0: ${JSON.stringify(cards)}`);
		});

		await t.step("charts load and draw the figures", async () => {
			await page.locator(".dashboard-widget-box:visible").last().scrollIntoViewIfNeeded();
			// a chart has loaded when it draws (frappe-charts' draw area) or says it has no data; the header's
			// icons are svgs too, so only the data elements of the drawing count as "drawn"
			const state = () =>
				$(".dashboard-widget-box:visible")
					.toArray()
					.map((c) => {
						const $c = $(c);
						const bars = $c.find(".chart-draw-area .dataset-units rect").toArray().filter((r) => +r.getAttribute("height") > 0).length;
						const shapes = $c.find(".chart-draw-area path.pie-path, .chart-draw-area path.donut-path, .chart-draw-area path.line-graph-path").length;
						const noData = $c.find(".chart-loading-state:visible").text().trim() === __("No Data");
						return { title: $c.find(".widget-title").text().trim(), drawn: bars + shapes > 0, loaded: $c.find(".chart-draw-area").length > 0 || noData, noData };
					});
			await until(page, (fn) => {
				const charts = eval(fn)();
				return charts.length && charts.every((c) => c.loaded);
			}, `(${state.toString()})`, "every chart loaded", 60000);
			await page.waitForTimeout(2500); // frappe-charts grows its bars from zero height
			const charts = await page.evaluate(state);
			t.log(`charts: ${JSON.stringify(charts)}`);
			const chartErrors = t.httpErrors.filter(([, , url]) => /dashboard_chart|number_card|chart_source/.test(url));
			check(!chartErrors.length, `chart or card requests failed: ${JSON.stringify(chartErrors)}`);
			for (const title of MUST_DRAW) {
				const chart = charts.find((c) => c.title === title);
				check(chart, `no chart «${title}» on the workspace: ${charts.map((c) => c.title).join(", ")}`);
				check(chart.drawn, `the chart «${title}» shows no data`);
			}
			const empty = charts.filter((c) => !c.drawn).map((c) => `${c.title}${c.noData ? " (no data)" : " (all zero)"}`);
			check(!empty.length, `charts that show nothing: ${empty.join(", ")}`);
		});
	},
};
