// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt
// Electronic digital signatures (ЭЦП) of the official workflow steps, through NCALayer on the user's computer.
//
// When a workflow action of a signed DocType (frappe.boot.kelisim_signed_doctypes) requires a signature
// (KLS Signature Settings), the server gives the document's canonical content (kelisim_core/signature_rules.py,
// base64), NCALayer signs it as a detached CMS, and the server verifies it and takes the step
// (kelisim_app.kelisim_core.signing.apply_signed_transition). Frappe's own apply_workflow is then not called.
//
// NCALayer's WebSocket protocol (wss://127.0.0.1:13579, as the ncalayer-js-client package speaks it): on
// connecting NCALayer sends its version ({"result": {"version": …}}); each request is
// {"module": "kz.gov.pki.knca.commonUtils", "method": M, "args": [...]} and each answer
// {"code": "200", "responseObject": …} or {"code": "500", "message": "action.canceled" | …}.
// The address comes from the settings; localStorage "kelisim.ncalayer_url" overrides it in one browser
// (a stand-in NCALayer in tests).
frappe.provide("kelisim.signing");

kelisim.signing.MODULE = "kz.gov.pki.knca.commonUtils";

kelisim.signing.NCALayer = class {
	constructor(url) {
		this.url = url;
	}

	connect() {
		return new Promise((resolve, reject) => {
			let ws;
			try {
				ws = new WebSocket(this.url);
			} catch (e) {
				reject({ kind: "unreachable" });
				return;
			}
			let greeted = false;
			ws.onerror = () => greeted || reject({ kind: "unreachable" });
			ws.onclose = () => {
				if (!greeted) reject({ kind: "unreachable" });
				if (this.pending) this.pending.reject({ kind: "closed" });
			};
			ws.onmessage = (event) => {
				if (!greeted) {
					greeted = true; // the version message
					this.ws = ws;
					resolve(this);
					return;
				}
				const pending = this.pending;
				this.pending = null;
				if (!pending) return;
				let answer;
				try {
					answer = JSON.parse(event.data);
				} catch (e) {
					pending.reject({ kind: "error", message: String(event.data) });
					return;
				}
				if (String(answer.code) === "200") pending.resolve(answer.responseObject);
				else if (answer.message === "action.canceled") pending.reject({ kind: "canceled" });
				else pending.reject({ kind: "error", message: answer.message || answer.details || String(answer.code) });
			};
		});
	}

	request(method, args) {
		return new Promise((resolve, reject) => {
			this.pending = { resolve, reject };
			this.ws.send(JSON.stringify({ module: kelisim.signing.MODULE, method, args }));
		});
	}

	async sign_base64(base64) {
		// the user's token if one is plugged in, else a key file (PKCS12); NCALayer asks for the key and PIN
		let storage = "PKCS12";
		try {
			const tokens = await this.request("getActiveTokens", []);
			if (Array.isArray(tokens) && tokens.length) storage = tokens[0];
		} catch (e) {
			if (e.kind === "closed") throw e;
		}
		return this.request("createCAdESFromBase64", [storage, "SIGNATURE", base64, false]);
	}

	close() {
		if (this.ws) this.ws.close();
	}
};

kelisim.signing.explain = function (error) {
	if (error && error.kind === "unreachable")
		return __("NCALayer is not running on this computer. Start NCALayer (from pki.gov.kz) and take the step again.");
	if (error && error.kind === "canceled") return __("Signing was cancelled: no key was chosen or the PIN was not entered. Nothing was changed.");
	if (error && error.kind === "closed") return __("NCALayer closed the connection before signing. Nothing was changed.");
	return __("NCALayer could not sign: {0}. Nothing was changed.", [frappe.utils.escape_html((error && error.message) || "")]);
};

// before_workflow_action of a signed DocType: resolves (Frappe applies the action as usual) when the action
// needs no signature; otherwise signs, has the server take the step, and rejects so Frappe does nothing more.
kelisim.signing.before_action = async function (frm) {
	const action = frm.selected_workflow_action;
	const request = await frappe.xcall("kelisim_app.kelisim_core.signing.signing_request", {
		doctype: frm.doctype,
		name: frm.doc.name,
		action: action,
	});
	if (!request.required) return;
	frappe.dom.unfreeze();
	const url = localStorage.getItem("kelisim.ncalayer_url") || request.ncalayer_url;
	const layer = new kelisim.signing.NCALayer(url);
	let signature;
	try {
		frappe.show_alert({ message: __("NCALayer: choose your signing key and enter its PIN"), indicator: "blue" }, 8);
		await layer.connect();
		signature = await layer.sign_base64(request.content);
	} catch (error) {
		frappe.msgprint({ title: __("Not signed"), message: kelisim.signing.explain(error), indicator: "red" });
		throw error;
	} finally {
		layer.close();
	}
	frappe.dom.freeze(__("Verifying the signature…"));
	try {
		const doc = await frappe.xcall("kelisim_app.kelisim_core.signing.apply_signed_transition", {
			doctype: frm.doctype,
			name: frm.doc.name,
			action: action,
			signature: signature,
		});
		frappe.model.sync(doc);
		frm.selected_workflow_action = null;
		frm.refresh();
		frappe.show_alert({ message: __("Signed and done: {0}", [__(action)]), indicator: "green" }, 6);
	} finally {
		frappe.dom.unfreeze();
	}
	// the step is taken: Frappe's own apply_workflow must not run
	throw new Error("kelisim: the signed step was applied");
};

// The signatures on the form: who signed which step, and whether the document still matches them.
kelisim.signing.show = function (frm) {
	if (frm.is_new()) return;
	frappe
		.xcall("kelisim_app.kelisim_core.signing.signature_status", { doctype: frm.doctype, name: frm.doc.name })
		.then((status) => {
			if (!status || !status.signatures.length || frm.doc.name !== frm.docname) return;
			if (status.changed) {
				frm.dashboard.set_headline_alert(
					__("The document no longer matches its electronic signature: it was changed after signing, outside the app."),
					"red"
				);
			}
			const esc = frappe.utils.escape_html;
			// the evidence as files any CMS tool checks (openssl cms -verify); the record itself for its readers
			const files = (name) => {
				const url = (method) => `/api/method/kelisim_app.kelisim_core.signing.${method}?name=${encodeURIComponent(name)}`;
				const record = frappe.model.can_read("KLS Signature")
					? `<a href="/app/kls-signature/${encodeURIComponent(name)}">${esc(name)}</a> · `
					: "";
				return `${record}<a href="${url("download_signature")}">.p7s</a> · <a href="${url("download_content")}">.json</a>`;
			};
			const rows = status.signatures
				.map((s) => {
					const colour = s.changed ? "red" : s.result === "Valid" ? "green" : s.result === "Superseded" ? "gray" : "orange";
					return `<tr><td>${esc(__(s.action))}</td><td>${esc(s.signer_name || s.signer)}</td>
						<td>${esc(s.certificate_serial || "")}</td><td>${esc(frappe.datetime.str_to_user(s.signing_time) || "")}</td>
						<td><span class="indicator-pill ${colour}">${esc(s.result_label)}</span></td>
						<td>${files(s.name)}</td></tr>`;
				})
				.join("");
			const html = `<table class="table table-condensed kelisim-signatures" style="margin:0">
				<thead><tr><th>${__("Step")}</th><th>${__("Signer")}</th><th>${__("Certificate serial number")}</th>
				<th>${__("Signing time")}</th><th>${__("Result")}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
			frm.dashboard.add_section(html, __("Electronic signatures"));
			frm.dashboard.show();
		});
};

$(document).on("startup", () => {
	(frappe.boot.kelisim_signed_doctypes || []).forEach((doctype) => {
		frappe.ui.form.on(doctype, {
			before_workflow_action: (frm) => kelisim.signing.before_action(frm),
			refresh: (frm) => kelisim.signing.show(frm),
		});
	});
});
