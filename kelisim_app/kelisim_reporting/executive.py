# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Figures of the *Executive Summary* print format (one page per period, for the ministry): the national
report's totals, and per region the figures of its signed-off regional report, as bars scaled to the
highest region (the PDF renderer runs no JavaScript, so the charts are HTML bars). Exposed to print
templates as the Jinja method `kelisim_executive_summary` (hooks.jinja)."""

from __future__ import annotations

import frappe
from frappe.utils import flt

from kelisim_app.kelisim_reporting import rules

REPORT = "KLS Regional Report"
METRICS = ("events_held", "participants", "cases_received", "cases_high_risk", "kazakh_share")


def bars(rows: list[dict], metric: str, limit: int = 20) -> list[dict]:
	"""[{label, value, width}] for `metric`, highest first; width in percent of the highest value."""
	ranked = sorted(rows, key=lambda r: (-flt(r.get(metric)), r["label"]))[:limit]
	peak = max((flt(r.get(metric)) for r in ranked), default=0)
	return [
		{
			"label": r["label"],
			"value": r.get(metric) or 0,
			"width": round(100 * flt(r.get(metric)) / peak, 1) if peak else 0,
		}
		for r in ranked
	]


def kelisim_executive_summary(doc) -> dict:
	"""{metric: bars} over the regional reports the national report `doc` sums: the signed-off ones of its
	period, read from their frozen snapshots as `compile` reads them, so the bars add up to its totals."""
	name_field = "region_name_kk" if doc.language == "kk" else "region_name_ru"
	labels = dict(frappe.get_all("KLS Region", fields=["name", name_field], as_list=True))
	reports = frappe.get_all(
		REPORT,
		filters={"period": doc.period, "docstatus": 1},
		fields=["region", "snapshot"],
		order_by="region",
	)
	rows = []
	for report in reports:
		figures = rules.read_snapshot(report.snapshot)
		rows.append(
			{"label": labels.get(report.region) or report.region, **{m: figures.get(m) for m in METRICS}}
		)
	return {metric: bars(rows, metric) for metric in METRICS}
