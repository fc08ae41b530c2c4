"""The workspaces' map block (#23): a Custom HTML Block that draws the map of the regions small (the desk page
`kelisim-map` draws it large). A Custom HTML Block cannot be shipped as a module file, so install and migrate
create it before the workspaces that show it are synced; an administrator's later edits of it are kept."""

from __future__ import annotations

import frappe

from kelisim_app.kelisim_core import rules as core
from kelisim_app.utils.i18n import N_

MAP_BLOCK = "Map of the Regions"
MAP_BLOCK_ROLES = (
	core.ROLE_RGU_HEAD,
	core.ROLE_RGU_COORDINATOR,
	core.ROLE_MINISTRY_OBSERVER,
	core.ROLE_ADMINISTRATOR,
	"System Manager",
)
# the block's script translates it in the desk
OPEN_MAP = N_("Open the map of the regions")
HTML = '<div class="kls-map"></div><a class="kls-map-open" href="/app/kelisim-map"></a>'
STYLE = ".kls-map-open { display: inline-block; margin-top: 6px; font-size: 12px; }"
# runs in the block's shadow root (`root_element`); kelisim.region_map comes with the desk (kelisim_map.js)
SCRIPT = """
const el = root_element.querySelector(".kls-map");
root_element.querySelector(".kls-map-open").textContent = __("Open the map of the regions");
kelisim.region_map.fetch("active_share").then((data) => {
	kelisim.region_map.render(el, data, { compact: true });
	const caption = document.createElement("div");
	caption.textContent = data.label;
	caption.style.cssText = "font-weight: 600; margin-bottom: 6px";
	el.prepend(caption);
});
"""


def ensure_map_block() -> None:
	if frappe.db.exists("Custom HTML Block", MAP_BLOCK):
		return
	doc = frappe.new_doc("Custom HTML Block")
	doc.update({"html": HTML, "style": STYLE, "script": SCRIPT, "private": 0})
	for role in MAP_BLOCK_ROLES:
		if frappe.db.exists("Role", role):
			doc.append("roles", {"role": role})
	doc.insert(ignore_permissions=True, set_name=MAP_BLOCK)
