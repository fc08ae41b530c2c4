"""A mediation case's change history keeps no personal data (KLSMediationCase.save_version). The history a
site recorded before that still holds the old and new values of the parties, narrative and agreement terms,
and the form shows it to every reader of the case: redact it the same way (idempotent)."""

import json

import frappe

CASE = "KLS Mediation Case"


def execute():
	from kelisim_app.kelisim_mediation import rules
	from kelisim_app.kelisim_mediation.doctype.kls_mediation_case.kls_mediation_case import (
		confidential_fields,
	)

	hidden = confidential_fields(frappe.get_meta(CASE))
	for version in frappe.get_all("Version", filters={"ref_doctype": CASE}, fields=["name", "data"]):
		try:
			diff = json.loads(version.data or "{}")
		except ValueError:
			continue
		redacted = rules.redact_diff(diff, hidden)
		if redacted != diff:
			data = frappe.as_json(redacted, indent=None, separators=(",", ":"))
			frappe.db.set_value("Version", version.name, "data", data, update_modified=False)
