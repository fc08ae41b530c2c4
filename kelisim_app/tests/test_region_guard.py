"""A KGU user reads records without a region (republican ones) but changes only his region's records."""

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_projects.doctype.kls_project_plan.test_kls_project_plan import (
	PROJECT,
	YEAR,
	plan_values,
)
from kelisim_app.kelisim_registry.tests.factories import make_person, make_structure
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office


class TestRegionWriteGuard(FrappeTestCase):
	def setUp(self):
		self.kgu = make_user(
			"kgu-guard-71", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71")
		)
		self.rgu = make_user("rgu-guard", [core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR], rgu_office())

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_republican_structure_is_readable_not_editable_by_a_region(self):
		republican = make_structure("Guard Republican Club", None, kind="Journalists' Club")
		ours = make_structure("Guard Council Astana", "KZ-71")
		frappe.set_user(self.kgu)
		self.assertTrue(frappe.has_permission("KLS Public Structure", "read", republican))
		self.assertFalse(frappe.has_permission("KLS Public Structure", "write", republican))
		doc = frappe.get_doc("KLS Public Structure", republican)
		doc.phone = "+7 7172 00 00 01"
		self.assertRaises(frappe.PermissionError, doc.save)
		doc = frappe.get_doc("KLS Public Structure", ours)
		doc.phone = "+7 7172 00 00 02"
		doc.save()
		new = frappe.get_doc(
			{
				"doctype": "KLS Public Structure",
				"structure_name": "Guard Smuggled Republican",
				"structure_kind": "Journalists' Club",
				"level": "Republican",
			}
		)
		self.assertRaises(frappe.PermissionError, new.insert)
		frappe.set_user(self.rgu)
		doc = frappe.get_doc("KLS Public Structure", republican)
		doc.phone = "+7 7172 00 00 03"
		doc.save()

	def test_the_rgus_republican_plan_is_not_the_regions_to_edit(self):
		frappe.set_user(self.rgu)
		frappe.db.delete(
			"KLS Project Plan", {"plan_level": "Republican", "base_project": PROJECT, "year": YEAR}
		)
		plan = frappe.get_doc(plan_values(region=None)).insert()
		frappe.set_user(self.kgu)
		doc = frappe.get_doc("KLS Project Plan", plan.name)
		doc.goals = "<p>Rewritten by a region</p>"
		self.assertRaises(frappe.PermissionError, doc.save)

	def test_a_region_registers_a_person_of_national_standing(self):
		frappe.set_user(self.kgu)
		person = frappe.get_doc(
			{"doctype": "KLS Person", "first_name": "Guard", "last_name": "National"}
		).insert()
		self.assertFalse(person.region)
		self.assertTrue(make_person("Guard", "Regional", region="KZ-71"))
