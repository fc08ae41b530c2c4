"""Shared checks of a master DocType shipped as a CSV file (install.SHIPPED_MASTERS): mix into a
FrappeTestCase with DOCTYPE, COUNT and, if the DocType needs more than its key, EXTRA values."""

from __future__ import annotations

import frappe

from kelisim_app.install import SHIPPED_MASTERS, sync_master


class ShippedMasterChecks:
	DOCTYPE: str = ""
	COUNT: int = 0
	EXTRA: dict = {}  # noqa: RUF012 - read-only class data

	@property
	def master(self):
		return next(m for m in SHIPPED_MASTERS if m.doctype == self.DOCTYPE)

	def translated_fields(self) -> list[str]:
		return [
			f.fieldname for f in frappe.get_meta(self.DOCTYPE).fields if f.fieldname.endswith(("_kk", "_ru"))
		]

	def test_shipped_records_exist_with_their_translations(self):
		self.assertEqual(frappe.db.count(self.DOCTYPE, {"is_shipped": 1}), self.COUNT)
		for field in self.translated_fields():
			self.assertFalse(
				frappe.db.exists(self.DOCTYPE, {"is_shipped": 1, field: ["is", "not set"]}), field
			)

	def test_migrate_restores_a_changed_shipped_name_and_is_idempotent(self):
		name = frappe.get_all(self.DOCTYPE, filters={"is_shipped": 1}, pluck="name", limit=1)[0]
		field = next(f for f in self.translated_fields() if f.endswith("_kk"))
		shipped = frappe.db.get_value(self.DOCTYPE, name, field)
		frappe.db.set_value(self.DOCTYPE, name, field, "changed by hand")
		self.assertEqual(sync_master(self.master), 1)
		self.assertEqual(frappe.db.get_value(self.DOCTYPE, name, field), shipped)
		self.assertEqual(sync_master(self.master), 0)

	def test_administrators_add_their_own(self):
		doc = frappe.get_doc({"doctype": self.DOCTYPE, self.master.key: "  Local   addition  ", **self.EXTRA})
		doc.insert()
		self.assertEqual(doc.name, "Local addition")
		self.assertEqual(sync_master(self.master), 0, "migrate leaves records it did not ship alone")
