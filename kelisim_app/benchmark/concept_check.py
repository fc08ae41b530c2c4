"""Do the registry reports reproduce the concept's figures? Runs the Active Structures and Structure Census
reports as the RGU Coordinator and sets their national totals per kind beside the concept × scale:

    bench --site SITE execute kelisim_app.benchmark.concept_check.table --kwargs "{'scale': 1}"
"""

from __future__ import annotations

import frappe

from kelisim_app.demo import figures, users


def table(scale: float = 1.0) -> str:
	from kelisim_app.kelisim_registry.report.active_structures import active_structures
	from kelisim_app.kelisim_registry.report.structure_census import structure_census

	frappe.set_user(users.RGU_COORDINATOR)
	try:
		active = active_structures.get_data(frappe._dict(), users.RGU_COORDINATOR)
		census = structure_census.get_data(frappe._dict(include_dissolved=1), users.RGU_COORDINATOR)
	finally:
		frappe.set_user("Administrator")
	expected = figures.national_figures(scale)
	totals: dict[str, dict[str, int]] = {}
	for row in active:
		t = totals.setdefault(row["structure_kind"], {})
		for key in ("registered", "active", "inactive", "members"):
			t[key] = t.get(key, 0) + row[key]
	for row in census:
		t = totals.setdefault(row["structure_kind"], {})
		t["census"] = t.get("census", 0) + row["structures"] - row.get("dissolved", 0)
		t["dissolved"] = t.get("dissolved", 0) + row.get("dissolved", 0)
	lines = [
		f"| Kind | concept × {scale:g}: structures | Active Structures: registered | Census: structures "
		"| dissolved (census, on request) | active | inactive | concept × scale: members | report: members | match |",
		"|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
	]
	for fig in figures.STRUCTURES:
		t = totals.get(fig.kind, {})
		want_n, want_m = expected[f"registered:{fig.kind}"], expected[f"members:{fig.kind}"]
		ok = t.get("registered") == want_n == t.get("census") and t.get("members", 0) == want_m
		lines.append(
			f"| {fig.kind} | {want_n:,} | {t.get('registered', 0):,} | {t.get('census', 0):,} "
			f"| {t.get('dissolved', 0):,} | {t.get('active', 0):,} | {t.get('inactive', 0):,} | {want_m:,} "
			f"| {t.get('members', 0):,} | {'yes' if ok else '**no**'} |"
		)
	out = "\n".join(lines)
	print(out)
	return out
