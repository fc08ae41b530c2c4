"""What a signature of an accepted instruction execution covers (hooks `kelisim_signed_documents`; format
in kelisim_core/signature_rules.py): the instruction, the region, the report of what was done and its
evidence."""

from __future__ import annotations

from kelisim_app.kelisim_core.signature_rules import text


def execution_content(doc) -> dict:
	return {
		"instruction": doc.instruction,
		"region": doc.region or "",
		"report": text(doc.report_text),
		"evidence": [
			{"doctype": row.reference_doctype or "", "name": row.reference_name or "", "note": text(row.note)}
			for row in doc.evidence
		],
	}
