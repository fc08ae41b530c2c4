# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.exceptions import DuplicateOfficeError, RegionMismatchError, UserOfficeError
from kelisim_app.kelisim_core import rules
from kelisim_app.kelisim_core.permissions import region_scoped_doctypes, user_region
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office


def region_grants(user: str) -> set[tuple[str, str]]:
	return {
		(p.for_value, p.applicable_for)
		for p in frappe.get_all(
			"User Permission",
			filters={"user": user, "allow": "KLS Region"},
			fields=["for_value", "applicable_for"],
		)
	}


class TestKLSOffice(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	# ------------------------------------------------------------------ the offices themselves
	def test_one_rgu_and_one_kgu_per_region_are_created(self):
		self.assertEqual(frappe.db.count("KLS Office", {"office_type": "RGU"}), 1)
		self.assertEqual(frappe.db.count("KLS Office", {"office_type": "KGU"}), 20)
		self.assertEqual(kgu_office("KZ-71"), "KGU-KZ-71")

	def test_a_second_rgu_or_kgu_is_refused(self):
		count = frappe.db.count("KLS Office")
		second_rgu = frappe.get_doc(
			{"doctype": "KLS Office", "office_type": "RGU", "office_name": "Another RGU"}
		)
		self.assertRaises(DuplicateOfficeError, second_rgu.insert)
		second_kgu = frappe.get_doc(
			{"doctype": "KLS Office", "office_type": "KGU", "region": "KZ-71", "office_name": "Another KGU"}
		)
		self.assertRaises(DuplicateOfficeError, second_kgu.insert)
		self.assertEqual(frappe.db.count("KLS Office"), count)

	def test_office_type_and_region_must_agree(self):
		kgu = frappe.get_doc({"doctype": "KLS Office", "office_type": "KGU", "office_name": "Regionless"})
		self.assertRaises((RegionMismatchError, frappe.MandatoryError), kgu.insert)
		rgu = frappe.get_doc("KLS Office", rgu_office())
		rgu.region = "KZ-71"
		self.assertRaises((RegionMismatchError, frappe.ValidationError), rgu.save)

	def test_staff_count_is_not_negative(self):
		office = frappe.get_doc("KLS Office", "KGU-KZ-19")
		office.staff_count = -3
		self.assertRaises(frappe.ValidationError, office.save)

	# ------------------------------------------------------------------ users and their region
	def test_kgu_user_is_scoped_to_his_region_for_every_scoped_doctype(self):
		user = make_user("kgu-spec-kz71", [rules.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		scoped = region_scoped_doctypes()
		self.assertIn("KLS Office", scoped)
		self.assertNotIn("KLS District", scoped, "districts are master data, readable by all")
		self.assertNotIn("KLS Region", scoped)
		self.assertEqual(region_grants(user), {("KZ-71", dt) for dt in scoped})
		self.assertEqual(user_region(user), "KZ-71")
		self.assertEqual(frappe.db.get_value("User", user, "kelisim_region"), "KZ-71")

	def test_moving_a_user_to_another_office_moves_his_scope(self):
		user = make_user("kgu-mover", [rules.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		make_user("kgu-mover", [rules.ROLE_KGU_SPECIALIST], kgu_office("KZ-75"))
		self.assertEqual({g[0] for g in region_grants(user)}, {"KZ-75"})
		make_user("kgu-mover", [rules.ROLE_RGU_COORDINATOR], rgu_office())
		self.assertEqual(region_grants(user), set(), "an RGU user sees every region")
		make_user("kgu-mover", [rules.ROLE_MINISTRY_OBSERVER], None)
		self.assertEqual(region_grants(user), set())

	def test_kgu_role_requires_a_kgu_office_and_rgu_role_refuses_one(self):
		self.assertRaises(UserOfficeError, make_user, "kgu-without-office", [rules.ROLE_KGU_HEAD], None)
		self.assertRaises(UserOfficeError, make_user, "kgu-in-rgu", [rules.ROLE_KGU_SPECIALIST], rgu_office())
		self.assertRaises(
			UserOfficeError, make_user, "rgu-in-kgu", [rules.ROLE_RGU_HEAD], kgu_office("KZ-10")
		)
		self.assertFalse(frappe.db.exists("User", "kgu-without-office@test.kelisim.kz"))

	def test_kgu_user_sees_his_office_and_the_rgu_not_another_region(self):
		user = make_user("kgu-office-reader", [rules.ROLE_KGU_SPECIALIST], kgu_office("KZ-35"))
		frappe.set_user(user)
		visible = set(frappe.get_list("KLS Office", pluck="name", limit=0))
		self.assertEqual(visible, {"KGU-KZ-35", "RGU"})
		self.assertFalse(frappe.has_permission("KLS Office", "read", "KGU-KZ-75"))
		self.assertRaises(
			frappe.PermissionError, frappe.get_doc("KLS Office", "KGU-KZ-75").check_permission, "read"
		)

	def test_kgu_head_edits_his_office_card_only(self):
		user = make_user(
			"kgu-head-kz35", [rules.ROLE_KGU_HEAD, rules.ROLE_KGU_SPECIALIST], kgu_office("KZ-35")
		)
		frappe.set_user(user)
		own = frappe.get_doc("KLS Office", "KGU-KZ-35")
		own.phone = "+7 7212 000000"
		own.staff_count = 41
		own.save()
		self.assertFalse(frappe.has_permission("KLS Office", "write", "RGU"))
		rgu = frappe.get_doc("KLS Office", "RGU")
		rgu.phone = "+7 7172 000000"
		self.assertRaises(frappe.PermissionError, rgu.save)

	def test_rgu_user_sees_every_office(self):
		user = make_user("rgu-coord-offices", [rules.ROLE_RGU_COORDINATOR], rgu_office())
		frappe.set_user(user)
		self.assertEqual(len(frappe.get_list("KLS Office", pluck="name", limit=0)), 21)
		self.assertTrue(frappe.has_permission("KLS Office", "read", "KGU-KZ-75"))
