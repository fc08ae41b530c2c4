# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Bulk load of the registry through Frappe's Data Import, at the concept's scale (2,739 councils)."""

from __future__ import annotations

import json
import time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from kelisim_app.tests.utils import run_data_import

STRUCTURE = "KLS Public Structure"
KIND = "Council of Public Consent"
PREFIX = "Import Test "
HEADER = "Structure name,Kind,Level,Status,Region,Founded on\n"
BULK_ROWS = 3000
# a guard against a pathological slowdown, not a benchmark (docs/benchmarks.md): ~30 s on an idle 2-core
# machine, 64-135 s on a busy shared one
BULK_SECONDS_BUDGET = 300


def purge_imported_structures() -> None:
	"""Data Import commits row by row: remove what this module (or an earlier run) left behind."""
	imports = frappe.get_all(
		"Data Import",
		filters={"reference_doctype": STRUCTURE, "import_file": ["like", "%structure-import-test%"]},
		pluck="name",
	)
	if imports:
		frappe.db.delete("Data Import Log", {"data_import": ["in", imports]})
		frappe.db.delete("Data Import", {"name": ["in", imports]})
	frappe.db.delete("File", {"file_name": ["like", "structure-import-test%"]})
	frappe.db.delete(STRUCTURE, {"structure_name": ["like", f"{PREFIX}%"]})
	frappe.db.commit()  # nosemgrep: the imports below commit per row


def run_import(csv: str, tag: str):
	return run_data_import(STRUCTURE, csv, f"structure-import-test-{tag}.csv", ignore_permissions=True)


def warning_rows(data_import) -> set[int]:
	return {w.get("row") for w in json.loads(data_import.template_warnings or "[]") if w.get("row")}


class TestStructureImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		purge_imported_structures()
		cls.regions = sorted(frappe.get_all("KLS Region", pluck="name"))

	@classmethod
	def tearDownClass(cls):
		purge_imported_structures()
		super().tearDownClass()

	def test_3000_councils_import_in_one_go(self):
		self.assertEqual(len(self.regions), 20)
		start = getdate("2015-01-01")
		lines = [
			f"{PREFIX}Council {i:04d},{KIND},District,Active,{self.regions[i % 20]},{add_days(start, i)}"
			for i in range(BULK_ROWS)
		]
		before = frappe.db.count(STRUCTURE)
		began = time.monotonic()
		data_import = run_import(HEADER + "\n".join(lines) + "\n", "bulk")
		elapsed = time.monotonic() - began
		print(
			f"\nData Import of {BULK_ROWS} structures: {elapsed:.1f} s, {BULK_ROWS / elapsed:.0f} rows/s",
			flush=True,
		)

		self.assertEqual(data_import.status, "Success", data_import.template_warnings)
		self.assertEqual(data_import.payload_count, BULK_ROWS)
		self.assertEqual(frappe.db.count(STRUCTURE) - before, BULK_ROWS)
		self.assertEqual(
			frappe.db.count("Data Import Log", {"data_import": data_import.name, "success": 1}), BULK_ROWS
		)
		per_region = dict(
			frappe.get_all(
				STRUCTURE,
				filters={"structure_name": ["like", f"{PREFIX}Council %"]},
				fields=["region", "count(name) as n"],
				group_by="region",
				as_list=True,
			)
		)
		self.assertEqual(per_region, {region: BULK_ROWS // 20 for region in self.regions})
		sample = frappe.db.get_value(
			STRUCTURE,
			{"structure_name": f"{PREFIX}Council 0021"},
			["region", "level", "founded_on", "activity_status", "member_count"],
			as_dict=True,
		)
		self.assertEqual(sample.region, self.regions[1])
		self.assertEqual(sample.level, "District")
		self.assertEqual(getdate(sample.founded_on), add_days(start, 21))
		self.assertEqual(sample.activity_status, "Inactive")  # founded in 2015, no activity since
		self.assertEqual(sample.member_count, 0)
		print(f"kelisim-metric: Data Import of {BULK_ROWS} structures in {elapsed:.0f} s")
		self.assertLess(elapsed, BULK_SECONDS_BUDGET, f"the import took {elapsed:.0f} s")

	def test_bad_values_import_nothing_and_name_the_rows(self):
		names = [
			f"{PREFIX}{n} (bad file)" for n in ("Good", "Unknown Region", "Odd Level", "Odd Status", "Rep")
		]
		data_import = run_import(
			HEADER
			+ f"{names[0]},{KIND},District,Active,KZ-11,2020-03-01\n"
			+ f"{names[1]},{KIND},District,Active,KZ-99,2020-03-01\n"
			+ f"{names[2]},{KIND},Galactic,Active,KZ-11,2020-03-01\n"
			+ f"{names[3]},{KIND},District,Sleeping,KZ-11,2020-03-01\n"
			+ f"{names[4]},{KIND},Republican,Active,KZ-11,2020-03-01\n",
			"bad-values",
		)
		self.assertNotEqual(data_import.status, "Success")
		# rows counted as in the file, the header being row 1
		self.assertEqual(warning_rows(data_import), {3, 4, 5})
		self.assertEqual(frappe.db.count(STRUCTURE, {"structure_name": ["in", names]}), 0)
		self.assertFalse(frappe.db.exists("Data Import Log", {"data_import": data_import.name}))

	def test_a_row_the_controller_refuses_is_reported_alone(self):
		data_import = run_import(
			HEADER
			+ f"{PREFIX}Good Council A,{KIND},District,Active,KZ-11,2020-03-01\n"
			+ f"{PREFIX}Republican Council With Region,{KIND},Republican,Active,KZ-11,2020-03-01\n"
			+ f"{PREFIX}Good Council B,{KIND},District,Active,KZ-35,2020-03-01\n",
			"bad-territory",
		)
		self.assertEqual(data_import.status, "Partial Success")
		failed = frappe.get_all(
			"Data Import Log",
			filters={"data_import": data_import.name, "success": 0},
			fields=["row_indexes", "messages", "exception"],
		)
		self.assertEqual([json.loads(f.row_indexes) for f in failed], [[3]], failed)
		self.assertIn("republican structure has no region", failed[0].messages + (failed[0].exception or ""))
		self.assertFalse(
			frappe.db.exists(STRUCTURE, {"structure_name": f"{PREFIX}Republican Council With Region"})
		)
		self.assertEqual(
			frappe.db.count(
				STRUCTURE, {"structure_name": ["in", [f"{PREFIX}Good Council A", f"{PREFIX}Good Council B"]]}
			),
			2,
		)
