// Journey 6 (#22): the RGU Head signs off the national report with his electronic digital signature through
// NCALayer - here a stand-in NCALayer on loopback (e2e/ncalayer_standin.py) speaking its WebSocket protocol
// and signing with a test key whose root the site trusts (e2e/setup_signing.py). Without NCALayer, and with
// the PIN refused, the step is not taken and a clear message says why; signed, the form shows the signature
// and the print shows the signature block in Kazakh and in Russian.
"use strict";

const path = require("path");
const { spawn } = require("child_process");
const { check, openForm, action, docValue, until, printPreview, printedText } = require("../lib");

const KK = {
	signOff: "Бекіту",
	blockKk: "Электрондық цифрлық қолтаңбалар",
	blockRu: "Электронные цифровые подписи",
	printTitle: "Ұлттық есеп",
};

// starts the stand-in; resolves {port, stop}
function standIn(t, extra) {
	const files = t.data.signing.files;
	const python = path.join(t.env.bench || "", "env", "bin", "python");
	const child = spawn(python, [path.join(__dirname, "..", "ncalayer_standin.py"), files.key, files.cert, files.chain, ...extra], {
		stdio: ["ignore", "pipe", "pipe"],
	});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error("the stand-in NCALayer did not start")), 20000);
		child.stderr.on("data", (d) => t.log(`[ncalayer] ${d}`));
		child.stdout.on("data", (d) => {
			const text = String(d);
			t.log(`[ncalayer] ${text.trim()}`);
			const m = text.match(/port (\d+)/);
			if (m) {
				clearTimeout(timer);
				resolve({ port: Number(m[1]), stop: () => child.kill() });
			}
		});
		child.on("error", reject);
	});
}

async function useNCALayer(page, url) {
	await page.evaluate((u) => localStorage.setItem("kelisim.ncalayer_url", u), url);
}

async function refusedWith(page, words) {
	const dialog = page.locator(".modal.show:visible").last();
	await dialog.waitFor({ state: "visible", timeout: 20000 });
	const text = await dialog.innerText();
	check(words.every((w) => text.includes(w)), `the message says why: «${text}»`);
	await page.waitForTimeout(1000); // a second message, if the desk gave one, has shown by now
	const shown = await page.locator(".modal.show:visible").count();
	check(shown === 1, `one refusal, one message: ${shown} dialogs are open`);
	await dialog.locator(".btn-modal-close:visible").first().click();
	await until(page, () => !$(".modal.show:visible, .modal-backdrop:visible").length, null, "the message closed", 10000);
	return text;
}

module.exports = {
	id: "j7",
	title: "national report signed off with an electronic signature through a stand-in NCALayer; print in kk and ru",
	budgetMs: 200000,
	async run(t) {
		const d = t.data;
		const name = d.signing.national_to_sign;
		const serial = d.signing.serial;
		const signer = await standIn(t, []);
		const canceller = await standIn(t, ["--cancel"]);
		let page;
		try {
			await t.step("RGU head opens the national report awaiting his sign-off", async () => {
				page = await t.as("rgu_head");
				await openForm(page, "KLS National Report", name);
				check((await docValue(page, "workflow_state")) === "Submitted", "it is Submitted");
			});

			await t.step("without NCALayer the sign-off is not taken, and says why", async () => {
				await useNCALayer(page, "ws://127.0.0.1:9"); // nothing listens there
				await action(page, KK.signOff);
				t.log(`message: ${await refusedWith(page, ["NCALayer"])}`);
				check((await docValue(page, "workflow_state")) === "Submitted", "still Submitted");
			});

			await t.step("the PIN refused in NCALayer: not taken, and says why", async () => {
				await useNCALayer(page, `ws://127.0.0.1:${canceller.port}`);
				await action(page, KK.signOff);
				t.log(`message: ${await refusedWith(page, ["PIN"])}`);
				await page.reload();
				await until(page, (n) => window.cur_frm && cur_frm.doc.name === n, name, "the form again");
				check((await docValue(page, "workflow_state")) === "Submitted", "still Submitted after a reload");
			});

			await t.step("signed through NCALayer: signed off", async () => {
				await useNCALayer(page, `ws://127.0.0.1:${signer.port}`);
				await action(page, KK.signOff, { expectState: "Signed off" });
				await until(page, () => cur_frm.doc.docstatus === 1, null, "submitted (docstatus 1)");
			});

			await t.step("the form shows the signature", async () => {
				await page.reload();
				await until(page, (n) => window.cur_frm && cur_frm.doc.name === n, name, "the form again");
				const section = page.locator(".form-dashboard table.kelisim-signatures").first();
				await section.waitFor({ state: "visible", timeout: 20000 });
				const text = await section.innerText();
				check(text.includes(serial), `the signature's certificate serial on the form: «${text}»`);
			});

			await t.step("print preview in Kazakh shows the signature block", async () => {
				const text = await printPreview(page, "National Report");
				check(text.includes(KK.blockKk) && text.includes(serial), `no Kazakh signature block: ${text.slice(-600)}`);
			});

			await t.step("PDF in Kazakh carries the signature block", async () => {
				const text = await printedText(t, page, "KLS National Report", name, "National Report");
				check(text.includes(KK.blockKk.split(" ")[0]), `the PDF has no signature block: ${text.slice(-400)}`);
			});

			await t.step("the Russian national report prints its signature block", async () => {
				await openForm(page, "KLS National Report", d.signing.national_signed_ru);
				const text = await printPreview(page, "National Report");
				check(text.includes(KK.blockRu) && text.includes(serial), `no Russian signature block: ${text.slice(-600)}`);
			});
		} finally {
			signer.stop();
			canceller.stop();
		}
	},
};
