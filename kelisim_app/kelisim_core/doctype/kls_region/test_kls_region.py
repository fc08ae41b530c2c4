# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.exceptions import ShippedDataError
from kelisim_app.install import sync_regions
from kelisim_app.kelisim_core import rules
from kelisim_app.tests.utils import kgu_office, make_user


class TestKLSRegion(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_the_twenty_regions_are_shipped(self):
		shipped = {r.code: r for r in rules.parse_regions()}
		self.assertEqual(len(shipped), 20)
		self.assertEqual(frappe.db.count("KLS Region", {"is_shipped": 1}), 20)
		astana = frappe.get_doc("KLS Region", "KZ-71")
		self.assertEqual(astana.region_name_kk, "Астана")
		self.assertEqual(astana.kind, "City of republican significance")
		self.assertEqual(
			frappe.db.get_value("KLS Region", "KZ-63", "region_name_kk"), "Шығыс Қазақстан облысы"
		)

	def test_sync_is_idempotent_and_keeps_the_administrators_population(self):
		frappe.db.set_value("KLS Region", "KZ-62", "population", 221_234)
		frappe.db.set_value("KLS Region", "KZ-62", "region_name", "Ulytau (renamed by hand)")
		changed = sync_regions()
		self.assertEqual(changed, 1, "only the renamed region is written back")
		self.assertEqual(frappe.db.get_value("KLS Region", "KZ-62", "region_name"), "Ulytau Region")
		self.assertEqual(frappe.db.get_value("KLS Region", "KZ-62", "population"), 221_234)
		self.assertEqual(sync_regions(), 0)
		self.assertEqual(frappe.db.count("KLS Region"), 20)

	def test_region_code_must_be_iso(self):
		doc = frappe.get_doc(
			{"doctype": "KLS Region", "region_code": "XX-1", "region_name": "Nowhere", "kind": "Oblast"}
		)
		self.assertRaises(ShippedDataError, doc.insert)
		self.assertFalse(frappe.db.exists("KLS Region", "XX-1"))

	def test_every_region_is_readable_by_a_kgu_user_of_one_region(self):
		user = make_user("region-reader-kz10", [rules.ROLE_KGU_SPECIALIST], kgu_office("KZ-10"))
		frappe.set_user(user)
		self.assertEqual(len(frappe.get_list("KLS Region", pluck="name")), 20)
		self.assertTrue(frappe.has_permission("KLS Region", "read", "KZ-75"))
		self.assertFalse(frappe.has_permission("KLS Region", "write", "KZ-75"))

	def test_ministry_observer_reads_but_cannot_edit(self):
		user = make_user("observer-region", [rules.ROLE_MINISTRY_OBSERVER])
		frappe.set_user(user)
		self.assertEqual(len(frappe.get_list("KLS Region", pluck="name")), 20)
		doc = frappe.get_doc("KLS Region", "KZ-71")
		doc.population = 1
		self.assertRaises(frappe.PermissionError, doc.save)
