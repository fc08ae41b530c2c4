# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""A KLS Signature is evidence: written once, never changed, never deleted while its document exists
(the whole signing path: kelisim_core/tests/test_signing.py)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.exceptions import SignatureError
from kelisim_app.kelisim_reporting.tests.factories import quarter


class TestKLSSignature(FrappeTestCase):
	def test_written_once_never_changed_nor_deleted_while_its_document_exists(self):
		frappe.set_user("Administrator")
		period = quarter(2033, 1)
		report = frappe.get_doc(
			{"doctype": "KLS National Report", "period": period, "language": "ru"}
		).insert(ignore_permissions=True)
		evidence = frappe.get_doc(
			{
				"doctype": "KLS Signature",
				"reference_doctype": "KLS National Report",
				"reference_name": report.name,
				"action": "Sign off",
				"target_state": "Signed off",
				"result": "Valid",
				"content_hash": "0" * 64,
			}
		).insert(ignore_permissions=True)
		self.assertTrue(evidence.name.startswith("SIG-"))
		evidence.result = "Content changed"
		self.assertRaises(SignatureError, evidence.save)
		self.assertRaises(SignatureError, frappe.delete_doc, "KLS Signature", evidence.name)
		# nobody has the right to create or delete one through the desk or REST
		self.assertFalse(frappe.get_meta("KLS Signature").permissions[0].get("delete"))
		self.assertFalse(any(p.get("create") for p in frappe.get_meta("KLS Signature").permissions))
