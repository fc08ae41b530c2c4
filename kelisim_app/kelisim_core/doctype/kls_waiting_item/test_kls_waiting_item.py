# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import alerts
from kelisim_app.kelisim_mediation.testing import make_case


class TestKLSWaitingItem(FrappeTestCase):
	def test_a_deleted_document_stops_waiting(self):
		alerts.sync_rules()
		case = make_case()
		self.assertEqual(frappe.db.count("KLS Waiting Item", {"reference_name": case.name}), 1)
		frappe.delete_doc("KLS Mediation Case", case.name, force=True, ignore_permissions=True)
		self.assertEqual(frappe.db.count("KLS Waiting Item", {"reference_name": case.name}), 0)

	def test_backfill_tracks_documents_already_waiting(self):
		alerts.sync_rules()
		case = make_case()
		frappe.db.delete("KLS Waiting Item", {"reference_name": case.name})
		self.assertGreaterEqual(alerts.backfill_waiting(), 1)
		since = frappe.db.get_value("KLS Waiting Item", {"reference_name": case.name}, "since")
		self.assertEqual(str(since), str(frappe.db.get_value("KLS Mediation Case", case.name, "modified")))
		self.assertEqual(alerts.backfill_waiting(), 0, "idempotent")
