"""The figures of the map of the regions (#23, page `kelisim-map`): one value per region for the chosen
measure, computed on the replica, read-only, through `frappe.get_list` so that the user's scope (region,
secretary, mediator, User Permissions) applies as in the lists the map opens."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_months, getdate, today

from kelisim_app.kelisim_core.localization import localized_name
from kelisim_app.kelisim_core.permissions import report_regions
from kelisim_app.kelisim_mediation import rules as mediation
from kelisim_app.kelisim_reporting import map_rules
from kelisim_app.utils.read_only import replica_read

EVENT_HELD_STATES = ("Held", "Reported", "Verified")


def _count_by_region(doctype: str, filters: dict) -> dict[str, int]:
	rows = frappe.get_list(
		doctype,
		filters=filters,
		fields=["region", "count(name) as n"],
		group_by="region",
		order_by="region asc",
	)
	return {r.region: int(r.n) for r in rows if r.region}


def current_period() -> dict | None:
	"""The reporting period being reported now: the last one ended by today, else the one running."""
	fields = ["name", "title", "start_date", "end_date"]
	ended = frappe.get_all(
		"KLS Reporting Period",
		filters={"end_date": ["<=", today()]},
		fields=fields,
		order_by="end_date desc, start_date desc",
		limit=1,
	)
	if ended:
		return ended[0]
	running = frappe.get_all(
		"KLS Reporting Period",
		filters={"start_date": ["<=", today()]},
		fields=fields,
		order_by="start_date desc",
		limit=1,
	)
	return running[0] if running else None


def _active_share() -> tuple[dict, dict, dict]:
	base = {"status": ["!=", "Dissolved"]}
	total = _count_by_region("KLS Public Structure", base)
	active = _count_by_region("KLS Public Structure", {**base, "activity_status": "Active"})
	values = {code: map_rules.share(active.get(code, 0), n) for code, n in total.items()}
	details = {code: _("{0} active of {1}").format(active.get(code, 0), n) for code, n in total.items()}
	return values, details, {"status": ["!=", "Dissolved"]}


def _events_per_10k(populations: dict[str, int]) -> tuple[dict, dict, dict]:
	since = add_months(getdate(today()), -12)
	filters = {"workflow_state": ["in", EVENT_HELD_STATES], "event_date": [">=", since]}
	counts = _count_by_region("KLS Event", filters)
	values, details = {}, {}
	for code, population in populations.items():
		n = counts.get(code, 0)
		values[code] = map_rules.per_10k(n, population)
		details[code] = _("{0} events in the last 12 months").format(n)
	route = {"workflow_state": ["in", list(EVENT_HELD_STATES)], "event_date": [">=", str(since)]}
	return values, details, route


def _open_high_risk(codes) -> tuple[dict, dict, dict]:
	filters = {"risk": "High", "workflow_state": ["in", list(mediation.OPEN_STATES)]}
	counts = _count_by_region("KLS Mediation Case", filters)
	values = {code: counts.get(code, 0) for code in codes}
	return values, {}, filters


def _overdue_instructions(codes) -> tuple[dict, dict, dict]:
	filters = {"is_overdue": 1, "docstatus": 0}
	counts = _count_by_region("KLS Instruction Execution", filters)
	values = {code: counts.get(code, 0) for code in codes}
	return values, {}, filters


def _report_states(codes) -> tuple[dict, dict, dict, dict | None]:
	period = current_period()
	if not period:
		return {}, {}, {}, None
	rows = frappe.get_list(
		"KLS Regional Report",
		filters={"period": period.name, "docstatus": ["<", 2]},
		fields=["region", "workflow_state"],
		order_by="modified asc",
	)
	states = {r.region: r.workflow_state for r in rows}
	values = {code: states.get(code) or "" for code in codes}
	return values, {}, {"period": period.name}, period


def _label(measure: map_rules.Measure, value) -> str:
	if measure.categorical:
		return _(value) if value else _(map_rules.NO_REPORT)
	if value is None:
		return _("No data")
	number = frappe.format(value, {"fieldtype": "Float", "precision": 1 if measure.unit else 2})
	if isinstance(value, int):
		number = frappe.format(value, {"fieldtype": "Int"})
	return f"{number}{' %' if measure.unit == '%' else ''}"


@frappe.whitelist()
@replica_read
def get_region_figures(measure: str = "active_share") -> dict:
	"""{measure, label, regions: [{code, name, column, row, value, label, detail, colour, route}], legend,
	period}: each region the user may see, its value for `measure`, the colour of its class and the
	filters of the list a click opens."""
	chosen = map_rules.measure(measure)
	if not frappe.has_permission(chosen.doctype, "read"):
		raise frappe.PermissionError(_("You may not read {0}").format(_(chosen.doctype)))
	# the regions the user's scope covers for the measure's DocType (a KGU user: his own)
	scope = report_regions(frappe.session.user, chosen.doctype)
	regions = frappe.get_all(
		"KLS Region",
		filters={"name": ["in", scope]} if scope is not None else {},
		fields=["name", "region_name", "region_name_kk", "region_name_ru", "population"],
		order_by="name asc",
	)
	codes = [r.name for r in regions]
	period = None
	if chosen.key == "active_share":
		values, details, route = _active_share()
	elif chosen.key == "events_per_10k":
		values, details, route = _events_per_10k({r.name: r.population for r in regions})
	elif chosen.key == "open_high_risk":
		values, details, route = _open_high_risk(codes)
	elif chosen.key == "overdue_instructions":
		values, details, route = _overdue_instructions(codes)
	else:
		values, details, route, period = _report_states(codes)

	numeric = [v for v in values.values() if isinstance(v, int | float)]
	bounds = [] if chosen.categorical else map_rules.breaks(numeric)
	out = []
	for r in regions:
		if r.name not in map_rules.TILES:
			continue
		column, row = map_rules.TILES[r.name]
		value = values.get(r.name)
		colour = (
			map_rules.report_state_colour(value)
			if chosen.categorical
			else map_rules.colour(value, bounds, chosen.higher_is_better)
		)
		out.append(
			{
				"code": r.name,
				"name": localized_name(r.region_name, r.region_name_kk, r.region_name_ru),
				"column": column,
				"row": row,
				"value": value,
				"label": _label(chosen, value),
				"detail": details.get(r.name) or "",
				"colour": colour,
				"route": {**route, "region": r.name},
			}
		)
	if chosen.categorical:
		legend = [
			{"colour": c, "label": _(state) if state else _(map_rules.NO_REPORT)}
			for state, c in map_rules.REPORT_STATE_COLOURS.items()
			if state not in ("Returned", "Cancelled for correction")
		]
	else:
		legend = [
			{
				"colour": step["colour"],
				"label": (
					f"≤ {_label(chosen, step['to'])}"
					if step["from"] is None
					else f"{_label(chosen, step['from'])} – {_label(chosen, step['to'])}"
				),
			}
			for step in map_rules.legend(bounds, chosen.higher_is_better)
		]
	return {
		"measure": chosen.key,
		"label": _(chosen.label),
		"doctype": chosen.doctype,
		"regions": out,
		"legend": legend,
		"period": period.title if period else None,
		"columns": map_rules.COLUMNS,
		"rows": map_rules.ROWS,
		"measures": [{"key": m.key, "label": _(m.label)} for m in map_rules.MEASURES],
	}
