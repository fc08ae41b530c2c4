# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

"""KPIs of base projects 2-4 measured from the records: books published and translated, mediators
certified, mediation cases resolved (a plan's KPI follows the records of its region and year)."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from kelisim_app.kelisim_events.media_testing import ensure_languages
from kelisim_app.kelisim_mediation.testing import make_mediator
from kelisim_app.kelisim_projects.kpis import measured_actual

REGION = "KZ-79"


class TestMeasuredKpis(FrappeTestCase):
	def measure(self, name: str) -> float:
		return measured_actual(name, REGION, "any", getdate(today()).year)

	def test_books_mediators_and_cases_are_counted_in_their_region_and_year(self):
		ensure_languages()
		before = {
			m: self.measure(m)
			for m in (
				"Books published",
				"Books translated and published",
				"Mediators certified",
				"Mediation cases resolved",
			)
		}
		for title, source in (("Kpi tales", "Korean"), ("Kpi poems", None)):
			frappe.get_doc(
				{
					"doctype": "KLS Book",
					"title": title,
					"genre": "Tale",
					"status": "Published",
					"published_on": today(),
					"source_language": source,
					"target_language": "Kazakh",
					"region": REGION,
				}
			).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "KLS Book",
				"title": "Kpi planned",
				"genre": "Epic",
				"status": "Planned",
				"region": REGION,
			}
		).insert(ignore_permissions=True)
		mediator = make_mediator("KpiCount", REGION)
		frappe.db.set_value("KLS Mediator", mediator, "certificate_issued_on", today())
		from kelisim_app.kelisim_mediation.testing import case_values

		case = frappe.get_doc(case_values(region=REGION)).insert(ignore_permissions=True)
		frappe.db.set_value("KLS Mediation Case", case.name, "resolved_on", today())

		self.assertEqual(self.measure("Books published") - before["Books published"], 2)
		self.assertEqual(
			self.measure("Books translated and published") - before["Books translated and published"], 1
		)
		self.assertEqual(self.measure("Mediators certified") - before["Mediators certified"], 1)
		self.assertEqual(self.measure("Mediation cases resolved") - before["Mediation cases resolved"], 1)
		self.assertEqual(measured_actual("Books published", "KZ-75", "any", 1999), 0)
