# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.install import SHIPPED_MASTERS, sync_master

MASTER = next(m for m in SHIPPED_MASTERS if m.doctype == "KLS Language")


class TestKLSLanguage(FrappeTestCase):
	def test_shipped_records_exist_with_their_translations(self):
		self.assertEqual(frappe.db.count("KLS Language", {"is_shipped": 1}), 14)
		for field in frappe.get_meta("KLS Language").get("fields", {"fieldtype": "Data"}):
			if field.fieldname.endswith(("_kk", "_ru")):
				self.assertFalse(
					frappe.db.exists("KLS Language", {"is_shipped": 1, field.fieldname: ["is", "not set"]})
				)

	def test_migrate_restores_a_changed_shipped_name_and_is_idempotent(self):
		name = frappe.get_all("KLS Language", filters={"is_shipped": 1}, pluck="name", limit=1)[0]
		field = next(
			f.fieldname for f in frappe.get_meta("KLS Language").fields if f.fieldname.endswith("_kk")
		)
		shipped = frappe.db.get_value("KLS Language", name, field)
		frappe.db.set_value("KLS Language", name, field, "changed by hand")
		self.assertEqual(sync_master(MASTER), 1)
		self.assertEqual(frappe.db.get_value("KLS Language", name, field), shipped)
		self.assertEqual(sync_master(MASTER), 0)

	def test_administrators_add_their_own(self):
		key = MASTER.key
		doc = frappe.get_doc({"doctype": "KLS Language", key: "  Local   addition  "})
		if frappe.get_meta("KLS Language").has_field("project_number"):
			doc.project_number = 99
		doc.insert()
		self.assertEqual(doc.name, "Local addition")
		self.assertEqual(sync_master(MASTER), 0, "migrate leaves records it did not ship alone")
