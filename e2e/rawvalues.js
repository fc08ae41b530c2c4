// The raw-value check of #23: a Kazakh or Russian desk shows no English word of the app's vocabulary (its
// workflow states and Select options, the English names of the regions: setup_site.py app_vocabulary) and
// no region code where a region's name belongs.
"use strict";

const { check } = require("./lib");

// run in the page: the visible text of the desk (innerText leaves hidden elements out)
function visibleText() {
	// innerText of a detached copy has no layout: read it from a hidden clone in the page
	const textOf = (el, copy) => {
		if (!el.querySelector(".new-timeline .timeline-item")) return el.innerText;
		copy.style.cssText = "position:absolute;left:-99999px;top:0;width:" + el.offsetWidth + "px";
		document.body.appendChild(copy);
		const text = copy.innerText;
		copy.remove();
		return text;
	};
	const parts = [];
	for (const el of document.querySelectorAll(
		".page-container:not([style*='display: none']) .page-head, .page-container:not([style*='display: none']) .page-body, .desk-sidebar, .modal.show"
	)) {
		if (el.offsetParent === null && !el.classList.contains("modal")) continue;
		// the form's change log (Frappe's version timeline) quotes stored values as they are: not checked
		const copy = el.cloneNode(true);
		copy.querySelectorAll(".new-timeline .timeline-item").forEach((item) => item.remove());
		parts.push(el.classList.contains("modal") ? el.innerText : textOf(el, copy));
	}
	// values of the visible tooltips/titles of indicators and pills read by the user on hover
	for (const el of document.querySelectorAll(".page-container:not([style*='display: none']) .indicator-pill[title]")) {
		parts.push(el.getAttribute("title"));
	}
	// the titles of records (a list row's subject, the form's title) are what users typed - «Dissolved Council»
	// or «Mediator Aigerim» made by another suite on the same site - not values the app shows
	let text = parts.join("\n");
	const titles = [...document.querySelectorAll(".list-row .list-subject, .page-head .title-text")]
		.map((el) => el.innerText.trim())
		.filter((title) => title.length > 2)
		.sort((a, b) => b.length - a.length);
	// ...and so are the cells of a report's columns that hold such titles (a structure's or a person's name)
	const report = window.frappe && frappe.query_report;
	if (report && report.columns && report.data && frappe.get_route()[0] === "query-report") {
		const titled = report.columns
			.map((c) => c.fieldname)
			.filter((f) => /(^title|structure_name|full_name|person_name|partner_name|party_name|applicant_name|chair_name|responsible_name|proposer_name|collector_name)$/.test(f || ""));
		for (const row of report.data) for (const f of titled) if (row && row[f] && String(row[f]).length > 2) titles.push(String(row[f]));
		titles.sort((a, b) => b.length - a.length);
	}
	for (const title of titles) text = text.split(title).join("");
	return text;
}

const LETTER = "A-Za-z0-9\\u0400-\\u04FF_";

function findRaw(text, vocabulary) {
	// what the journeys' setup typed (every seeded title and name starts with "E2E") is the users' data
	text = text.replace(/E2E[^\n\t]*/g, "");
	const found = [];
	for (const word of vocabulary) {
		const re = new RegExp(`(?<![${LETTER}-])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![${LETTER}-])`);
		if (re.test(text)) found.push(word);
	}
	const codes = text.match(/(?<![-\w])KZ-\d{2}(?![-\w])/g) || [];
	return [...found, ...new Set(codes)];
}

// Fails the step when the page shows a raw value; `where` names the page in the message.
async function checkNoRawValues(t, page, lang, where) {
	const text = await page.evaluate(visibleText);
	const raw = findRaw(text, t.data.vocabulary[lang] || []);
	t.log(`raw-value check ${where}: ${raw.length ? raw.join(", ") : "clean"} (${text.length} characters read)`);
	check(!raw.length, `${where} shows raw values in a ${lang} desk: ${raw.join(", ")}`);
}

module.exports = { checkNoRawValues, findRaw };
