# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

"""Collected ethnocultural materials as their users work them: a KGU specialist records a material with its
informant's consent and files, the KGU head reviews it and publishes or returns it; the informant stays
confidential; published materials count in a base project plan's KPI and in the Ethnic Group Reach."""

from __future__ import annotations

import frappe
from frappe.desk.query_report import run
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_projects.kpis import MATERIALS_PUBLISHED, measured_actual
from kelisim_app.kelisim_projects.rules import MaterialError
from kelisim_app.tests.utils import kgu_office, make_user

MATERIAL = "KLS Ethnocultural Material"
REGION_A, REGION_B = "KZ-71", "KZ-75"
GROUP = "Bashkirs"  # a group no other test or the demo gives materials to


def material_values(**values) -> dict:
	return {
		"doctype": MATERIAL,
		"title": "A Bashkir wedding song",
		"material_kind": "Song or music",
		"ethnic_group": GROUP,
		"region": REGION_A,
		"collected_on": add_days(today(), -3),
		"source": "Recorded from an informant in Nura district",
		"informant_name": "Gulnara Informant",
		"description": "<p>A wedding song sung by the informant's grandmother</p>",
		**values,
	}


class TestKLSEthnoculturalMaterial(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.specialist = make_user("ecm-spec-a", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A))
		cls.head = make_user(
			"ecm-head-a", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A)
		)
		cls.kgu_b = make_user("ecm-spec-b", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_B))
		cls.observer = make_user("ecm-observer", [core.ROLE_MINISTRY_OBSERVER])

	def tearDown(self):
		frappe.set_user("Administrator")

	def recorded(self, **values):
		frappe.set_user(self.specialist)
		doc = frappe.get_doc(material_values(**values)).insert()
		return apply_workflow(doc, "Submit for review")

	def test_the_head_reviews_and_publishes_with_the_informants_consent(self):
		year = getdate(today()).year
		before = measured_actual(MATERIALS_PUBLISHED, REGION_A, "any", year)
		doc = self.recorded()
		self.assertEqual(doc.workflow_state, "Under review")
		self.assertRaises((WorkflowPermissionError, WorkflowTransitionError), apply_workflow, doc, "Publish")

		frappe.set_user(self.head)
		doc = frappe.get_doc(MATERIAL, doc.name)
		self.assertRaises(MaterialError, apply_workflow, doc, "Publish")  # no consent yet
		doc = frappe.get_doc(MATERIAL, doc.name)
		doc.return_reason = "Attach the informant's signed consent"
		doc.save()
		doc = apply_workflow(doc, "Return")
		self.assertEqual((doc.workflow_state, len(doc.returns)), ("Returned", 1))

		frappe.set_user(self.specialist)
		doc = frappe.get_doc(MATERIAL, doc.name)
		doc.informant_consent = 1
		doc.append("files", {"file": "/private/files/ecm-song.mp3", "caption": "Recording"})
		doc.save()
		doc = apply_workflow(doc, "Submit for review")

		frappe.set_user(self.head)
		doc = apply_workflow(frappe.get_doc(MATERIAL, doc.name), "Publish")
		self.assertEqual((doc.workflow_state, doc.reviewed_by), ("Published", self.head))
		self.assertEqual(measured_actual(MATERIALS_PUBLISHED, REGION_A, "any", year), before + 1)

		frappe.set_user(self.specialist)
		doc = frappe.get_doc(MATERIAL, doc.name)
		doc.title = "Changed after publication"
		self.assertRaises(MaterialError, doc.save)

	def test_a_material_without_content_is_not_reviewed_and_none_is_collected_in_the_future(self):
		frappe.set_user(self.specialist)
		self.assertRaises(
			MaterialError, frappe.get_doc(material_values(collected_on=add_days(today(), 1))).insert
		)
		doc = frappe.get_doc(material_values(description=None)).insert()
		self.assertRaises(MaterialError, apply_workflow, doc, "Submit for review")

	def test_the_informant_is_confidential_and_other_regions_do_not_see_it(self):
		doc = self.recorded(title="A Bashkir tale")
		frappe.set_user(self.observer)
		self.assertTrue(frappe.has_permission(MATERIAL, "read", doc.name))
		row = frappe.get_list(MATERIAL, filters={"name": doc.name}, fields=["name", "informant_name"])
		self.assertFalse(row and row[0].get("informant_name"), "the observer does not read the informant")
		frappe.set_user(self.kgu_b)
		self.assertNotIn(doc.name, frappe.get_list(MATERIAL, pluck="name", limit=0))
		self.assertFalse(frappe.has_permission(MATERIAL, "read", doc.name))

	def test_published_materials_count_in_the_ethnic_group_reach(self):
		def count():
			frappe.set_user(self.observer)
			try:
				rows = run("Ethnic Group Reach", filters={})["result"]
			finally:
				frappe.set_user("Administrator")
			return next(
				r["materials"] for r in rows if isinstance(r, dict) and r.get("ethnic_group") == GROUP
			)

		before = count()
		doc = self.recorded(title="A Bashkir epic", informant_name=None)
		self.assertEqual(count(), before)
		frappe.set_user(self.head)
		apply_workflow(frappe.get_doc(MATERIAL, doc.name), "Publish")
		self.assertEqual(count(), before + 1)
