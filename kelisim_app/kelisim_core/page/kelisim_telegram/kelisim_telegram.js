// The user's Telegram page: link his chat through a one-time deep link, choose where he is told, unlink.
const KLS_TG = "kelisim_app.kelisim_core.telegram";

frappe.pages["kelisim-telegram"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("Telegram notifications"),
		single_column: true,
	});
	const $body = $('<div class="kls-telegram frappe-card p-4"></div>').appendTo(page.main);
	wrapper.kls_refresh = () => render(page, $body);
	wrapper.kls_refresh();
};

frappe.pages["kelisim-telegram"].on_page_show = function (wrapper) {
	wrapper.kls_refresh && wrapper.kls_refresh();
};

function render(page, $body) {
	frappe.call({ method: `${KLS_TG}.my_status`, type: "GET" }).then(({ message: s }) => {
		$body.empty();
		if (!s.configured) {
			$body.append(
				`<p class="kls-tg-off">${__(
					"Telegram is not set up on this site; ask the administrator"
				)}</p>`
			);
			return;
		}
		const linked = s.status === "Linked";
		const who = s.telegram_username ? " (@" + frappe.utils.escape_html(s.telegram_username) + ")" : "";
		$body.append(
			`<p class="kls-tg-status" data-status="${s.status}"><b>${__("Status")}:</b> ${
				linked ? __("Linked") + who : __("Not linked")
			}</p>`
		);
		if (!linked && s.unlinked_reason) {
			$body.append(
				`<p class="text-muted kls-tg-reason">${frappe.utils.escape_html(s.unlinked_reason)}</p>`
			);
		}
		const $link = $('<div class="kls-tg-link mb-4"></div>').appendTo($body);
		const $start = $(
			`<button class="btn btn-primary btn-sm kls-tg-start">${
				linked ? __("Link another Telegram account") : __("Link Telegram")
			}</button>`
		).appendTo($link);
		$start.on("click", () =>
			frappe.call({ method: `${KLS_TG}.start_linking`, freeze: true }).then(({ message: r }) => {
				$link.find(".kls-tg-code").remove();
				$link.append(
					`<div class="kls-tg-code mt-3"><p>${__(
						"Open this link on the phone where Telegram is installed and press Start. The link works once, for {0} minutes.",
						[r.expires_in_minutes]
					)}</p><p><a class="kls-tg-deeplink" href="${encodeURI(r.url)}" target="_blank" rel="noopener">${frappe.utils.escape_html(
						r.url
					)}</a></p><button class="btn btn-default btn-xs kls-tg-check">${__(
						"I pressed Start"
					)}</button></div>`
				);
				$link.find(".kls-tg-check").on("click", () => render(page, $body));
			})
		);
		if (linked) {
			$(`<button class="btn btn-default btn-sm ml-2 kls-tg-unlink">${__("Unlink")}</button>`)
				.appendTo($link)
				.on("click", () =>
					frappe.confirm(__("Stop sending your notifications to Telegram?"), () =>
						frappe.call({ method: `${KLS_TG}.unlink_me` }).then(() => render(page, $body))
					)
				);
		}
		const $pref = $(
			`<div class="kls-tg-preference"><p><b>${__("Where you are told")}</b></p></div>`
		).appendTo($body);
		s.preferences.forEach((p) => {
			const disabled = !linked && p.value !== "Desk only" ? "disabled" : "";
			const checked = p.value === s.preference ? "checked" : "";
			$pref.append(
				`<div class="radio"><label><input type="radio" name="kls_tg_pref" value="${p.value}" ${checked} ${disabled}> ${frappe.utils.escape_html(
					p.label
				)}</label></div>`
			);
		});
		$pref.find("input").on("change", (e) =>
			frappe
				.call({ method: `${KLS_TG}.set_preference`, args: { preference: e.target.value } })
				.then(() => {
					frappe.show_alert({ message: __("Saved"), indicator: "green" });
					render(page, $body);
				})
		);
	});
}
