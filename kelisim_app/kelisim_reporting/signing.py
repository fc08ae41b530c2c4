"""What a signature of a regional or national report covers (hooks `kelisim_signed_documents`; the format
is described in kelisim_core/signature_rules.py): the frozen figures, the narrative, the region, the period
and the language - never a field the workflow itself changes (dates, who submitted)."""

from __future__ import annotations

from frappe.utils import cint

from kelisim_app.kelisim_core.signature_rules import decimal_text, text
from kelisim_app.kelisim_reporting import rules


def _figures(doc) -> dict:
	figures = {key: cint(doc.get(key)) for key in rules.FIGURES}
	figures["kazakh_share"] = decimal_text(doc.get("kazakh_share"))
	return figures


def regional_report_content(doc) -> dict:
	return {
		"region": doc.region,
		"period": doc.period,
		"language": doc.language or "",
		"figures": _figures(doc),
		"narrative": {key: text(doc.get(key)) for key in rules.NARRATIVE},
	}


def national_report_content(doc) -> dict:
	return {
		"period": doc.period,
		"language": doc.language or "",
		"figures": _figures(doc),
		"regions": [
			{
				"region": row.region,
				"regional_report": row.regional_report or "",
				"status": row.report_status or "",
			}
			for row in doc.regions
		],
		"summary": text(doc.summary),
	}
