# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.install import SHIPPED_MASTERS, sync_master

MASTER = next(m for m in SHIPPED_MASTERS if m.doctype == "KLS Base Project")


class TestKLSBaseProject(FrappeTestCase):
	def test_shipped_records_exist_with_their_translations(self):
		self.assertEqual(frappe.db.count("KLS Base Project", {"is_shipped": 1}), 4)
		for field in frappe.get_meta("KLS Base Project").get("fields", {"fieldtype": "Data"}):
			if field.fieldname.endswith(("_kk", "_ru")):
				self.assertFalse(
					frappe.db.exists(
						"KLS Base Project", {"is_shipped": 1, field.fieldname: ["is", "not set"]}
					)
				)

	def test_migrate_restores_a_changed_shipped_name_and_is_idempotent(self):
		name = frappe.get_all("KLS Base Project", filters={"is_shipped": 1}, pluck="name", limit=1)[0]
		field = next(
			f.fieldname for f in frappe.get_meta("KLS Base Project").fields if f.fieldname.endswith("_kk")
		)
		shipped = frappe.db.get_value("KLS Base Project", name, field)
		frappe.db.set_value("KLS Base Project", name, field, "changed by hand")
		self.assertEqual(sync_master(MASTER), 1)
		self.assertEqual(frappe.db.get_value("KLS Base Project", name, field), shipped)
		self.assertEqual(sync_master(MASTER), 0)

	def test_administrators_add_their_own(self):
		key = MASTER.key
		doc = frappe.get_doc({"doctype": "KLS Base Project", key: "  Local   addition  "})
		if frappe.get_meta("KLS Base Project").has_field("project_number"):
			doc.project_number = 99
		doc.insert()
		self.assertEqual(doc.name, "Local addition")
		self.assertEqual(sync_master(MASTER), 0, "migrate leaves records it did not ship alone")
