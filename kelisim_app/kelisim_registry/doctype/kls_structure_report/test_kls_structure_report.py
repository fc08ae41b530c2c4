# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

"""A structure's quarterly report as its users work it: figures drawn from the structure's events and
members, frozen once the secretary submits it, returned with a reason or accepted by the KGU."""

from __future__ import annotations

import frappe
from frappe.model.workflow import apply_workflow

from kelisim_app.kelisim_events.media_testing import ensure_languages, make_event
from kelisim_app.kelisim_registry.doctype.kls_structure_plan.test_kls_structure_plan import (
	REGION_A,
	WorkTestCase,
	activity,
)
from kelisim_app.kelisim_registry.rules import StructureWorkError
from kelisim_app.kelisim_registry.tests.factories import make_membership, make_person

REPORT = "KLS Structure Report"
YEAR = 2025  # a past year: its events are held and its reports due


class TestKLSStructureReport(WorkTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_languages()
		cls.e1 = make_event(cls.structure, f"{YEAR}-04-10 10:00:00", True, title="Swk Q2 forum")
		cls.e2 = make_event(
			cls.structure, f"{YEAR}-05-20 10:00:00", False, verified=False, title="Swk Q2 planned"
		)
		frappe.db.set_value("KLS Event", cls.e2, "workflow_state", "Held", update_modified=False)
		make_event(cls.structure, f"{YEAR}-07-02 10:00:00", True, title="Swk Q3 forum")
		make_event(cls.other, f"{YEAR}-04-11 10:00:00", True, title="Swk other council's forum")
		left = make_person("Swk", "Former member", region=REGION_A)
		make_membership(left, cls.structure, from_date="2020-01-01", to_date=f"{YEAR}-05-01")
		frappe.get_doc(
			{
				"doctype": "KLS Structure Plan",
				"structure": cls.structure,
				"year": YEAR,
				"activities": [
					activity(YEAR, planned_from=f"{YEAR}-04-01", planned_to=f"{YEAR}-04-30"),
					activity(YEAR, planned_from=f"{YEAR}-06-25", planned_to=f"{YEAR}-07-05"),
					activity(YEAR, planned_from=f"{YEAR}-09-01", planned_to=f"{YEAR}-09-02"),
				],
			}
		).insert(ignore_permissions=True)

	def new_report(self, quarter=2):
		frappe.set_user(self.secretary)
		return frappe.get_doc(
			{"doctype": REPORT, "structure": self.structure, "year": YEAR, "quarter": str(quarter)}
		).insert()

	def test_figures_are_drawn_from_the_records_as_of_the_quarters_end(self):
		report = self.new_report()
		self.assertEqual(report.events_held, 2)
		self.assertEqual(report.events_verified, 1)
		self.assertEqual(report.participants, 60)
		self.assertEqual(report.youth_participants, 20)
		self.assertEqual(report.members, 1, "the member who left in May is not counted at the end of June")
		self.assertEqual(report.planned_activities, 2)
		self.assertEqual({e.event for e in report.events}, {self.e1, self.e2})
		self.assertEqual(str(report.due_date), f"{YEAR}-07-10")

	def test_submitted_figures_are_frozen_and_the_kgu_returns_or_accepts(self):
		report = self.new_report(quarter=3)
		self.assertEqual(report.events_held, 1)
		self.assertRaises(StructureWorkError, apply_workflow, report, "Submit to KGU")
		report = frappe.get_doc(REPORT, report.name)
		report.work_done = "<p>A forum of the council with the district's youth</p>"
		report.save()
		report = apply_workflow(report, "Submit to KGU")

		make_event(self.structure, f"{YEAR}-08-15 10:00:00", True, title="Swk late entry")
		frappe.set_user(self.kgu_a)
		report = frappe.get_doc(REPORT, report.name)
		report.return_reason = "Name the forum's partners"
		report.save()
		self.assertEqual(report.events_held, 1, "a submitted report keeps the figures it was submitted with")
		report = apply_workflow(report, "Return")

		frappe.set_user(self.secretary)
		report = frappe.get_doc(REPORT, report.name)
		report.save()
		self.assertEqual(report.events_held, 2, "a returned report is drawn again")
		report = apply_workflow(report, "Submit to KGU")
		frappe.set_user(self.kgu_a)
		report = apply_workflow(frappe.get_doc(REPORT, report.name), "Accept")
		self.assertEqual(report.workflow_state, "Accepted")

	def test_one_report_a_quarter(self):
		self.new_report(quarter=1)
		self.assertRaises(StructureWorkError, self.new_report, 1)
