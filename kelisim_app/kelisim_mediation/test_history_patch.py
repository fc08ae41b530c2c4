# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""The history a site recorded before the case kept no personal data in it is redacted by a patch."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_mediation import rules
from kelisim_app.patches import redact_mediation_case_history as patch

CASE = "KLS Mediation Case"


class TestHistoryPatch(FrappeTestCase):
	def old_version(self, ref_doctype: str, diff: dict) -> str:
		version = frappe.get_doc(
			{
				"doctype": "Version",
				"ref_doctype": ref_doctype,
				"docname": "KLS-OLD-1",
				"data": frappe.as_json(diff),
			}
		)
		version.flags.ignore_links = True
		return version.insert(ignore_permissions=True).name

	def test_old_history_of_cases_is_redacted_and_nothing_else(self):
		secret = {
			"changed": [["narrative", "Old secret story", "New secret story"], ["risk", "Low", "High"]],
			"added": [["parties", {"name": "p1", "idx": 1, "party_name": "Secret Party"}]],
			"removed": [],
			"row_changed": [["parties", 0, "p0", [["phone", "+77010000000", "+77020000000"]]]],
		}
		case_version = self.old_version(CASE, secret)
		other_version = self.old_version("ToDo", {"changed": [["description", "keep me", "kept"]]})
		patch.execute()
		patch.execute()  # idempotent
		data = frappe.db.get_value("Version", case_version, "data")
		for value in ("Old secret story", "New secret story", "Secret Party", "+77010000000"):
			self.assertNotIn(value, data)
		diff = frappe.parse_json(data)
		self.assertIn(["narrative", rules.REDACTED, rules.REDACTED], diff["changed"])
		self.assertIn(["risk", "Low", "High"], diff["changed"])
		self.assertIn("keep me", frappe.db.get_value("Version", other_version, "data"))
		self.assertIn(
			patch.__name__, frappe.get_file_items(frappe.get_app_path("kelisim_app", "patches.txt"))
		)
