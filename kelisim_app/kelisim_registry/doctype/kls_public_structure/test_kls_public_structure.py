# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, getdate, today

from kelisim_app.exceptions import RegionMismatchError
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry import activity
from kelisim_app.kelisim_registry.rules import (
	AccreditationError,
	StructureHierarchyError,
	StructureStatusError,
)
from kelisim_app.kelisim_registry.tests.factories import make_membership, make_person, make_structure
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office


def count():
	return frappe.db.count("KLS Public Structure")


class TestKLSPublicStructure(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	# ------------------------------------------------------------------ rules, as the KGU user who enters them
	def test_rejections_leave_nothing_behind(self):
		district = frappe.get_doc(
			{"doctype": "KLS District", "district_name": "Structure Test District", "region": "KZ-75"}
		).insert(ignore_permissions=True)
		user = make_user("kgu-struct-kz71", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		frappe.set_user(user)
		before = count()
		bad = [
			(
				{"level": "District", "region": None},
				(RegionMismatchError, frappe.MandatoryError, frappe.PermissionError),
			),
			({"level": "District", "region": "KZ-71", "district": district.name}, RegionMismatchError),
			({"status": "Dissolved", "status_date": today()}, (StructureStatusError, frappe.MandatoryError)),
			(
				{"is_accredited": 1, "accreditation_number": "A-1", "accreditation_date": today()},
				AccreditationError,
			),
		]
		for values, error in bad:
			with self.subTest(values=values):
				doc = frappe.get_doc(
					{
						"doctype": "KLS Public Structure",
						"structure_name": "Rejected Council",
						"structure_kind": "Council of Public Consent",
						"level": "District",
						"region": "KZ-71",
						**values,
					}
				)
				self.assertRaises(error, doc.insert)
		self.assertEqual(count(), before)

	def test_republican_structure_has_no_region(self):
		name = make_structure("Republican Journalists' Club", None, kind="Journalists' Club")
		self.assertIsNone(frappe.db.get_value("KLS Public Structure", name, "region"))
		doc = frappe.get_doc("KLS Public Structure", name)
		doc.region = "KZ-71"
		self.assertRaises(RegionMismatchError, doc.save)

	def test_parent_must_be_of_the_parent_kind(self):
		council = make_structure("Astana Mediation Council", kind="Mediation Council", level="City")
		mothers = make_structure("Astana Mothers' Council", kind="Mothers' Council", level="City")
		office = make_structure("Yesil Mediation Office", kind="Mediation Office", parent_structure=council)
		self.assertTrue(office)
		self.assertRaises(
			StructureHierarchyError,
			make_structure,
			"Wrong Office",
			kind="Mediation Office",
			parent_structure=mothers,
		)

	def test_accredited_association(self):
		name = make_structure(
			"Korean Cultural Centre",
			kind="Ethnocultural Association",
			is_accredited=1,
			accreditation_level="Regional",
			accreditation_number="ECO-71-005",
			accreditation_date="2019-03-01",
			ethnic_groups="Korean",
		)
		self.assertEqual(
			frappe.db.get_value("KLS Public Structure", name, "accreditation_number"), "ECO-71-005"
		)

	# ------------------------------------------------------------------ scope
	def test_kgu_user_sees_only_his_region_rgu_and_observer_all(self):
		ours = make_structure("Scope Council Astana", "KZ-71")
		theirs = make_structure("Scope Council Almaty", "KZ-75")
		kgu = make_user("kgu-scope-kz71", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		frappe.set_user(kgu)
		visible = set(frappe.get_list("KLS Public Structure", pluck="name", limit=0))
		self.assertIn(ours, visible)
		self.assertNotIn(theirs, visible)
		self.assertFalse(frappe.has_permission("KLS Public Structure", "read", theirs))
		other = frappe.get_doc(
			{
				"doctype": "KLS Public Structure",
				"structure_name": "Smuggled Council",
				"structure_kind": "Council of Public Consent",
				"level": "District",
				"region": "KZ-75",
			}
		)
		self.assertRaises(frappe.PermissionError, other.insert)

		frappe.set_user(make_user("rgu-scope", [core.ROLE_RGU_COORDINATOR], rgu_office()))
		self.assertTrue({ours, theirs} <= set(frappe.get_list("KLS Public Structure", pluck="name", limit=0)))

		frappe.set_user(make_user("observer-scope", [core.ROLE_MINISTRY_OBSERVER]))
		self.assertTrue({ours, theirs} <= set(frappe.get_list("KLS Public Structure", pluck="name", limit=0)))
		self.assertFalse(frappe.has_permission("KLS Public Structure", "write", ours))

	def test_structure_secretary_edits_only_his_structures(self):
		secretary = make_user("secretary-one", [core.ROLE_STRUCTURE_SECRETARY])
		his = make_structure("Secretary's Council", "KZ-35", secretary_user=secretary)
		not_his = make_structure("Someone Else's Council", "KZ-35")
		frappe.set_user(secretary)
		self.assertEqual(frappe.get_list("KLS Public Structure", pluck="name", limit=0), [his])
		self.assertFalse(frappe.has_permission("KLS Public Structure", "read", not_his))
		doc = frappe.get_doc("KLS Public Structure", his)
		doc.phone = "+7 7212 11 22 33"
		doc.save()
		other = frappe.get_doc("KLS Public Structure", not_his)
		other.phone = "+7 7212 00 00 00"
		self.assertRaises(frappe.PermissionError, other.save)

	# ------------------------------------------------------------------ derived figures
	def test_member_count_is_derived_from_open_memberships(self):
		structure = make_structure("Counting Council", "KZ-19")
		a, b, c = (make_person(f"Counted{i}", "Member") for i in range(3))
		make_membership(a, structure, from_date="2024-01-01")
		make_membership(b, structure, role="Chair")
		ended = make_membership(c, structure, from_date="2020-01-01", to_date="2021-01-01")
		self.assertEqual(frappe.db.get_value("KLS Public Structure", structure, "member_count"), 2)
		frappe.delete_doc("KLS Membership", ended)
		membership = frappe.get_doc("KLS Membership", {"person": a, "structure": structure})
		membership.to_date = add_days(today(), -1)
		membership.save()
		self.assertEqual(frappe.db.get_value("KLS Public Structure", structure, "member_count"), 1)

	def test_activity_follows_the_declared_sources_and_the_inactivity_period(self):
		"""The mechanism every activity-proving record feeds, exercised with memberships as a stand-in
		source (events, cases and reports declare themselves the same way)."""
		structure = make_structure("Activity Council", "KZ-23", founded_on=add_months(today(), -24))
		self.assertEqual(
			frappe.db.get_value("KLS Public Structure", structure, "activity_status"), "Inactive"
		)
		source = [{"doctype": "KLS Membership", "structure_field": "structure", "date_field": "from_date"}]
		real_get_hooks = frappe.get_hooks

		def get_hooks(hook=None, *args, **kwargs):
			return source if hook == activity.HOOK else real_get_hooks(hook, *args, **kwargs)

		with patch("frappe.get_hooks", get_hooks):
			person = make_person("Active", "Proof")
			membership = frappe.get_doc(
				{
					"doctype": "KLS Membership",
					"person": person,
					"structure": structure,
					"from_date": add_months(today(), -2),
				}
			).insert()
			activity.on_source_change(membership)
			row = frappe.db.get_value(
				"KLS Public Structure", structure, ["activity_status", "last_activity_on"], as_dict=True
			)
			self.assertEqual(row.activity_status, "Active")
			self.assertEqual(getdate(row.last_activity_on), getdate(add_months(today(), -2)))
			frappe.db.set_value("KLS Membership", membership.name, "from_date", add_months(today(), -7))
			activity.daily()
			self.assertEqual(
				frappe.db.get_value("KLS Public Structure", structure, "activity_status"), "Inactive"
			)

	# ------------------------------------------------------------------ the form's dashboard and list filters
	def test_dashboard_links_members_events_cases_and_mediators_as_the_user_sees_them(self):
		from frappe.desk.notifications import get_open_count

		from kelisim_app.kelisim_events.doctype.kls_event.test_kls_event import event_values
		from kelisim_app.kelisim_mediation.testing import case_values

		council = make_structure(
			"Dashboard Mediation Council", "KZ-71", kind="Mediation Council", level="City"
		)
		office = make_structure(
			"Dashboard Mediation Office", "KZ-71", kind="Mediation Office", parent_structure=council
		)
		for i in range(2):
			make_membership(make_person(f"Dashboard{i}", "Member"), council)
		kgu = make_user("kgu-dashboard-kz71", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		frappe.set_user(kgu)
		frappe.get_doc(event_values(council)).insert()
		frappe.get_doc(case_values(handling_structure=council)).insert()
		frappe.set_user("Administrator")
		frappe.get_doc(
			{
				"doctype": "KLS Mediator",
				"person": make_person("Dashboard", "Mediator", region="KZ-71"),
				"mediation_structure": council,
			}
		).insert()

		frappe.set_user(kgu)
		found = {
			row["doctype"]: row["count"]
			for row in get_open_count("KLS Public Structure", council)["count"]["external_links_found"]
		}
		self.assertEqual(
			found,
			{
				"KLS Membership": 2,
				"KLS Event": 1,
				"KLS Mediation Case": 1,
				"KLS Mediator": 1,
				"KLS Public Structure": 1,
			},
		)
		self.assertEqual(frappe.db.get_value("KLS Public Structure", office, "parent_structure"), council)
		# another region's user does not reach the structure's dashboard at all
		frappe.set_user(make_user("kgu-dashboard-kz75", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-75")))
		self.assertRaises(frappe.PermissionError, get_open_count, "KLS Public Structure", council)

	def test_list_view_filters_staff_need(self):
		meta = frappe.get_meta("KLS Public Structure")
		standard = {f.fieldname for f in meta.fields if f.in_standard_filter}
		self.assertTrue({"region", "district", "structure_kind", "status", "level"} <= standard, standard)
