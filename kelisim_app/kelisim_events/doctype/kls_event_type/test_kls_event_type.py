# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.install import SHIPPED_MASTERS, sync_master

MASTER = next(m for m in SHIPPED_MASTERS if m.doctype == "KLS Event Type")


class TestKLSEventType(FrappeTestCase):
	def test_shipped_records_exist_with_their_translations(self):
		self.assertEqual(frappe.db.count("KLS Event Type", {"is_shipped": 1}), 11)
		for field in frappe.get_meta("KLS Event Type").get("fields", {"fieldtype": "Data"}):
			if field.fieldname.endswith(("_kk", "_ru")):
				self.assertFalse(
					frappe.db.exists("KLS Event Type", {"is_shipped": 1, field.fieldname: ["is", "not set"]})
				)

	def test_migrate_restores_a_changed_shipped_name_and_is_idempotent(self):
		name = frappe.get_all("KLS Event Type", filters={"is_shipped": 1}, pluck="name", limit=1)[0]
		field = next(
			f.fieldname for f in frappe.get_meta("KLS Event Type").fields if f.fieldname.endswith("_kk")
		)
		shipped = frappe.db.get_value("KLS Event Type", name, field)
		frappe.db.set_value("KLS Event Type", name, field, "changed by hand")
		self.assertEqual(sync_master(MASTER), 1)
		self.assertEqual(frappe.db.get_value("KLS Event Type", name, field), shipped)
		self.assertEqual(sync_master(MASTER), 0)

	def test_administrators_add_their_own(self):
		key = MASTER.key
		doc = frappe.get_doc({"doctype": "KLS Event Type", key: "  Local   addition  "})
		if frappe.get_meta("KLS Event Type").has_field("project_number"):
			doc.project_number = 99
		doc.insert()
		self.assertEqual(doc.name, "Local addition")
		self.assertEqual(sync_master(MASTER), 0, "migrate leaves records it did not ship alone")
