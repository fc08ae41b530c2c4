// Copyright (c) 2026, Kelisim developers and contributors
// For license information, please see license.txt
// The map of the regions (#23): Kazakhstan's 20 regions coloured by a chosen measure, the figures on hover,
// a click opens the region's filtered list; printable (the browser's print, the desk's chrome hidden).
frappe.pages["kelisim-map"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("Map of the Regions"),
		single_column: true,
	});
	const body = $(`<div class="kls-map-page" style="padding:16px">
		<h4 class="kls-map-title" style="margin-bottom:4px"></h4>
		<div class="kls-map-body"></div>
		<p class="text-muted small kls-map-hint" style="margin-top:12px"></p>
	</div>`).appendTo(page.main);
	body.find(".kls-map-hint").text(
		__("Point at a region for its figures; click it to open its list. The map is schematic: one tile per region.")
	);
	$(`<style>
		@media print {
			.navbar, .page-head, .layout-side-section, .page-form, .kls-map-hint { display: none !important; }
			.kls-map-page { padding: 0 !important; }
		}
	</style>`).appendTo(body);

	const measure = page.add_field({
		fieldname: "measure",
		fieldtype: "Select",
		label: __("Measure"),
		change: () => refresh(),
	});
	measure.$wrapper.css({ "min-width": "340px" });
	page.set_secondary_action(__("Print"), () => window.print(), "printer");
	page.add_inner_button(__("Refresh"), () => refresh());

	const refresh = () => {
		const chosen = measure.get_value() || "active_share";
		return kelisim.region_map.fetch(chosen).then((data) => {
			if (!measure.df.options || !measure.df.options.length) {
				measure.df.options = data.measures.map((m) => ({ value: m.key, label: m.label }));
				measure.refresh();
				measure.set_input(data.measure);
			}
			body.find(".kls-map-title").text(data.label);
			kelisim.region_map.render(body.find(".kls-map-body")[0], data);
			wrapper.kls_map_data = data;
		});
	};
	wrapper.kls_refresh = refresh;
	wrapper.kls_measure = measure;
	refresh();
};

frappe.pages["kelisim-map"].on_page_show = function (wrapper) {
	if (wrapper.kls_refresh && wrapper.kls_map_data) wrapper.kls_refresh();
};
