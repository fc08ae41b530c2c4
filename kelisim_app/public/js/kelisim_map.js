// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt
// The map of the regions (#23): a schematic tile map of Kazakhstan's 20 regions coloured by a measure, drawn
// as SVG from the figures of kelisim_app.kelisim_reporting.region_map.get_region_figures. Used by the desk
// page `kelisim-map` and the map block of the RGU and ministry workspaces (hooks.app_include_js).
frappe.provide("kelisim.region_map");

kelisim.region_map.METHOD = "kelisim_app.kelisim_reporting.region_map.get_region_figures";

kelisim.region_map.fetch = function (measure) {
	return frappe.xcall(kelisim.region_map.METHOD, { measure: measure || "active_share" });
};

// dark text on light tiles, white on dark ones
kelisim.region_map.text_colour = function (hex) {
	const n = parseInt((hex || "#ffffff").slice(1), 16);
	const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
	return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#1f2937" : "#ffffff";
};

// Draw `data` into the DOM element `container`; {compact: true} draws small tiles without the legend.
kelisim.region_map.render = function (container, data, opts = {}) {
	const esc = frappe.utils.escape_html;
	const w = opts.compact ? 92 : 150;
	const h = opts.compact ? 54 : 84;
	const gap = 6;
	const width = data.columns * (w + gap);
	const height = data.rows * (h + gap);
	const tiles = data.regions
		.map((r) => {
			const x = r.column * (w + gap);
			const y = r.row * (h + gap);
			const fg = kelisim.region_map.text_colour(r.colour);
			const tip = [r.name, `${data.label}: ${r.label}`, r.detail].filter(Boolean).join("\n");
			const name_size = opts.compact ? 10 : 12;
			// long names on two lines
			const words = r.name.split(" ");
			const lines =
				r.name.length > (opts.compact ? 12 : 18) && words.length > 1
					? [words.slice(0, -1).join(" "), words[words.length - 1]]
					: [r.name];
			const name_svg = lines
				.map(
					(line, i) =>
						`<text x="${x + w / 2}" y="${y + (opts.compact ? 16 : 24) + i * (name_size + 2)}"
						text-anchor="middle" font-size="${name_size}" fill="${fg}">${esc(line)}</text>`
				)
				.join("");
			return `<g class="kls-map-tile" data-code="${esc(r.code)}" style="cursor:pointer">
				<title>${esc(tip)}</title>
				<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6" fill="${r.colour}"
					stroke="#ffffff" stroke-width="1"></rect>
				${name_svg}
				<text x="${x + w / 2}" y="${y + h - (opts.compact ? 8 : 12)}" text-anchor="middle"
					font-size="${opts.compact ? 11 : 15}" font-weight="600" fill="${fg}">${esc(r.label)}</text>
			</g>`;
		})
		.join("");
	const legend = opts.compact
		? ""
		: `<div class="kls-map-legend" style="display:flex;flex-wrap:wrap;gap:12px;margin-top:12px">
			${data.legend
				.map(
					(l) => `<span style="display:inline-flex;align-items:center;gap:6px">
						<span style="width:18px;height:12px;border-radius:3px;background:${l.colour};
							display:inline-block;border:1px solid #d1d5db"></span>${esc(l.label)}</span>`
				)
				.join("")}
		</div>`;
	const period = data.period
		? `<div class="text-muted" style="margin-bottom:6px">${esc(__("Period"))}: ${esc(data.period)}</div>`
		: "";
	$(container).html(
		`${opts.compact ? "" : period}
		<svg class="kls-region-map" viewBox="0 0 ${width} ${height}" width="100%"
			style="max-width:${width}px" role="img" aria-label="${esc(data.label)}">${tiles}</svg>
		${legend}`
	);
	$(container)
		.find(".kls-map-tile")
		.on("click", function () {
			const code = $(this).attr("data-code");
			const region = data.regions.find((r) => r.code === code);
			if (!region) return;
			frappe.route_options = region.route;
			frappe.set_route("List", data.doctype);
		});
};
