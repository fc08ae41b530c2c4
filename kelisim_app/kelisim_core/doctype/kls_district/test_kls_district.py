# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules
from kelisim_app.tests.utils import kgu_office, make_user, run_data_import


def make_district(name: str, region: str, kind: str = "District") -> str:
	doc = frappe.get_doc({"doctype": "KLS District", "district_name": name, "region": region, "kind": kind})
	doc.insert(ignore_permissions=True)
	return doc.name


IMPORT_TEST_NAMES = ("Imported %", "% Coded District", "Valid Looking%")


def purge_imported_districts():
	"""Data Import commits row by row: remove what an earlier run left, so the tests can run again."""
	for pattern in IMPORT_TEST_NAMES:
		frappe.db.delete("KLS District", {"district_name": ["like", pattern]})
	frappe.db.commit()  # nosemgrep


class TestKLSDistrict(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		purge_imported_districts()

	@classmethod
	def tearDownClass(cls):
		super().tearDownClass()
		purge_imported_districts()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_name_is_region_and_name_and_whitespace_is_folded(self):
		name = make_district("  Whitespace   Test  District ", "KZ-75")
		self.assertEqual(name, "KZ-75-Whitespace Test District")
		self.assertEqual(
			frappe.db.get_value("KLS District", name, "district_name"), "Whitespace Test District"
		)

	def test_same_name_in_two_regions_is_two_districts(self):
		a = make_district("Twin District", "KZ-71")
		b = make_district("Twin District", "KZ-75")
		self.assertNotEqual(a, b)
		self.assertRaises(frappe.DuplicateEntryError, make_district, "Twin District", "KZ-71")

	def test_region_is_mandatory(self):
		doc = frappe.get_doc({"doctype": "KLS District", "district_name": "Orphan", "kind": "District"})
		self.assertRaises(frappe.MandatoryError, doc.insert, ignore_permissions=True)

	def test_districts_of_every_region_stay_readable_by_a_kgu_user(self):
		make_district("Reader Test District", "KZ-75")
		make_district("Reader Test District", "KZ-71")
		user = make_user("district-reader-kz71", [rules.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		frappe.set_user(user)
		regions = set(frappe.get_list("KLS District", pluck="region", limit=0))
		self.assertIn("KZ-75", regions)
		self.assertIn("KZ-71", regions)
		self.assertFalse(frappe.has_permission("KLS District", "create"))

	def test_data_import_of_a_district_list(self):
		csv = (
			"Name (English),Region,Kind,Name (Russian),Name (Kazakh),KATO code\n"
			"Imported Zhetysu District,KZ-75,District,Жетысуский район,Жетісу ауданы,751000000\n"
			"Imported Medeu District,KZ-75,District,Медеуский район,Медеу ауданы,751100000\n"
			"Imported Saryarka District,KZ-71,District,район Сарыарка,Сарыарқа ауданы,711100000\n"
			"Imported Stepnogorsk,KZ-11,City of regional significance,Степногорск,Степногор,111800000\n"
		)
		data_import = self.run_import(csv)
		self.assertEqual(data_import.status, "Success", data_import.get("template_warnings"))
		self.assertEqual(
			frappe.db.get_value("KLS District", "KZ-11-Imported Stepnogorsk", "kind"),
			"City of regional significance",
		)
		self.assertEqual(
			frappe.db.get_value("KLS District", "KZ-75-Imported Medeu District", "district_name_kk"),
			"Медеу ауданы",
		)
		self.assertEqual(
			frappe.db.count(
				"KLS District", {"kato_code": ["in", ["751000000", "751100000", "711100000", "111800000"]]}
			),
			4,
		)

	def run_import(self, csv: str):
		return run_data_import("KLS District", csv, "import.csv")

	def test_data_import_with_invalid_values_imports_nothing_and_says_why(self):
		data_import = self.run_import(
			"Name (English),Region,Kind\n"
			"Valid Looking District,KZ-19,District\n"
			"Unknown Region District,KZ-99,District\n"
			"Odd Kind District,KZ-19,Metropolis\n"
		)
		self.assertNotEqual(data_import.status, "Success")
		warnings = frappe.parse_json(data_import.template_warnings or "[]")
		self.assertTrue(any(w.get("row") == 3 for w in warnings), warnings)
		self.assertTrue(any(w.get("row") == 4 for w in warnings), warnings)
		self.assertFalse(frappe.db.exists("KLS District", {"district_name": ["like", "%Valid Looking%"]}))

	def test_data_import_with_a_failing_row_keeps_the_good_rows_and_logs_the_bad(self):
		make_district("Existing Coded District", "KZ-23")
		frappe.db.set_value("KLS District", "KZ-23-Existing Coded District", "kato_code", "231000001")
		frappe.db.commit()  # nosemgrep: the import below commits per row
		data_import = self.run_import(
			"Name (English),Region,Kind,KATO code\n"
			"Good Coded District,KZ-23,District,231000002\n"
			"Clashing Coded District,KZ-23,District,231000001\n"
		)
		self.assertEqual(data_import.status, "Partial Success")
		self.assertTrue(frappe.db.exists("KLS District", "KZ-23-Good Coded District"))
		self.assertFalse(frappe.db.exists("KLS District", "KZ-23-Clashing Coded District"))
		failed = frappe.get_all("Data Import Log", filters={"data_import": data_import.name, "success": 0})
		self.assertEqual(len(failed), 1)
