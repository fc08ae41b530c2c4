"""No raw values where a user reads (#23): what the desk needs at boot to show names, not codes."""

from __future__ import annotations

import frappe

# masters named by a code whose title the desk shows in a Link (show_title_field_in_link); few rows each
TITLED_MASTERS = {"KLS Region": "region_name"}


def boot(bootinfo) -> None:
	"""hooks.extend_bootinfo: {doctype: {name: title}} of the titled masters, so that every Link to them —
	in lists, reports (Frappe's report view fetches no link titles), forms and charts — shows the title,
	which the desk then translates (they are translated DocTypes), never the code."""
	if frappe.session.user == "Guest":
		return
	titles = {}
	for doctype, field in TITLED_MASTERS.items():
		titles[doctype] = dict(frappe.get_all(doctype, fields=["name", field], as_list=True))
	bootinfo.kelisim_link_titles = titles
