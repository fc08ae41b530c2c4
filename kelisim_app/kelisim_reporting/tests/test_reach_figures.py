# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""The reach of the structures in the regional report (#20): accredited associations, ethnic media and their
circulation, volunteers (as of the period's end), consultations, books and charters reviewed (in the period);
structures counted as registered at the period's end, not on the day the report is compiled; the national
report sums them; the census counts them as on a chosen day; the print shows them in kk and ru."""

from __future__ import annotations

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_registry.report.structure_census.structure_census import execute as census
from kelisim_app.kelisim_registry.tests.factories import make_membership, make_person, make_structure
from kelisim_app.kelisim_reporting import compile as compiler
from kelisim_app.kelisim_reporting import rules

REGION = "KZ-39"  # Kostanay: no other suite's records
START, END = date(2025, 4, 1), date(2025, 6, 30)
REACH = rules.REACH_FIGURES


class TestReachFigures(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		for doctype in ("KLS Membership", "KLS Consultation", "KLS Book"):
			frappe.db.delete(doctype, {"region": REGION})
		frappe.db.delete("KLS Public Structure", {"region": REGION})

		def structure(name, kind="Council of Public Consent", **values):
			return make_structure(f"Reach {name}", REGION, kind, **{"founded_on": "2010-01-01", **values})

		# registered at the end: 2 councils, 2 associations (1 accredited by then, 1 only later), 2 media
		cls.council = structure("Council")
		structure(
			"Council dissolved after the end",
			status="Dissolved",
			status_date="2025-08-01",
			status_reason="Merged",
		)
		structure(
			"Council dissolved before the end",
			status="Dissolved",
			status_date="2025-05-01",
			status_reason="Merged",
		)
		structure("Council founded after the end", founded_on="2025-09-01")
		accredited = {"is_accredited": 1, "accreditation_number": "A-1"}
		structure("Association", "Ethnocultural Association", accreditation_date="2020-03-01", **accredited)
		structure(
			"Association later", "Ethnocultural Association", accreditation_date="2025-07-15", **accredited
		)
		structure("Newspaper", "Ethnic Media Outlet", medium="Newspaper", circulation=1500)
		structure(
			"Radio", "Ethnic Media Outlet", medium="Radio", circulation=500, charter_reviewed_on="2025-05-20"
		)
		structure(
			"Online later", "Ethnic Media Outlet", medium="Online", circulation=900, founded_on="2025-08-01"
		)

		# volunteers at the end: two people (one with two memberships); one left before the end
		people = [make_person("Reach", f"Volunteer {i}", region=REGION) for i in range(3)]
		make_membership(people[0], cls.council, "Volunteer", from_date="2024-01-01")
		make_membership(people[1], cls.council, "Volunteer", from_date="2025-01-01")
		make_membership(people[1], cls.council, "Member", from_date="2025-01-01")
		make_membership(people[2], cls.council, "Volunteer", from_date="2024-01-01", to_date="2025-05-31")

		for day in ("2025-04-10", "2025-06-30", "2025-07-01"):
			frappe.get_doc(
				{
					"doctype": "KLS Consultation",
					"consulted_on": day,
					"category": "Household",
					"region": REGION,
					"question": "Reach consultation",
				}
			).insert(ignore_permissions=True)
		for day, status in (("2025-05-05", "Published"), ("2025-02-01", "Published"), (None, "In print")):
			frappe.get_doc(
				{
					"doctype": "KLS Book",
					"title": f"Reach book {day}",
					"genre": "Tale",
					"status": status,
					"published_on": day,
					"region": REGION,
				}
			).insert(ignore_permissions=True)

	def test_the_reach_of_the_structures_is_compiled_for_the_period(self):
		figures, tables = compiler.compile_region(REGION, START, END, date(2025, 12, 1))
		self.assertEqual(
			{k: figures[k] for k in REACH},
			{
				"associations_accredited": 1,
				"ethnic_media": 2,
				"media_reach": 2000,
				"volunteers": 2,
				"consultations": 2,
				"books_published": 1,
				"charters_reviewed": 1,
			},
		)
		# registered at the end: council, the one dissolved later, 2 associations, 2 media
		self.assertEqual(figures["structures_registered"], 6)
		self.assertEqual(sum(row["registered"] for row in tables["structures"]), 6)
		self.assertLessEqual(set(REACH), set(rules.FIGURES))

	def test_the_national_report_sums_them(self):
		figures, _tables = compiler.compile_region(REGION, START, END, date(2025, 12, 1))
		other = dict.fromkeys(rules.FIGURES, 1)
		total = rules.aggregate([{k: figures[k] for k in rules.FIGURES}, other])
		for key in REACH:
			self.assertEqual(total[key], figures[key] + 1, key)
		for doctype in ("KLS Regional Report", "KLS National Report"):
			meta = frappe.get_meta(doctype)
			self.assertTrue(all(meta.has_field(k) for k in REACH), doctype)

	def test_the_census_counts_as_on_a_day(self):
		def rows(filters):
			_columns, data = census({"region": REGION, **filters})
			return data

		today = rows({})
		as_on = rows({"as_on": "2025-06-30"})
		self.assertEqual(sum(r["structures"] for r in as_on), 6)
		# today: the one dissolved after the end is gone, the two founded after it are there
		self.assertEqual(sum(r["structures"] for r in today), 7)
		self.assertEqual(sum(r["circulation"] for r in as_on), 2000)
		self.assertEqual(sum(r["accredited"] for r in today), 2)

	def test_the_prints_show_them_in_kazakh_and_russian(self):
		for name, words in (
			("regional_report", ("Еріктілер", "Волонтёров")),
			("national_report", ("Еріктілер", "Волонтёров")),
		):
			path = frappe.get_app_path(
				"kelisim_app", "kelisim_reporting", "print_format", name, f"{name}.html"
			)
			with open(path) as f:
				html = f.read()
			for word in words:
				self.assertIn(word, html, name)
			for key in REACH:
				self.assertIn(f"doc.{key}", html, name)
