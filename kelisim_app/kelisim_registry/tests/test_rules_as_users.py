# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Every rule of the registry, broken by the user who would break it — a KGU specialist of the region (desk in
Kazakh) or the secretary of the structure (desk in Russian) — is refused with the rule's own error, a message
in the user's language with its values filled in, and nothing saved: the rows of every registry table (and of
the events) are counted before and after each attempt."""

from __future__ import annotations

import json
import re
from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.exceptions import RegionMismatchError
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_events.doctype.kls_event.test_kls_event import event_values
from kelisim_app.kelisim_events.media_testing import ensure_languages
from kelisim_app.kelisim_events.rules import EventOrganiserError
from kelisim_app.kelisim_registry.exceptions import DuplicatePersonError, InvalidIINError
from kelisim_app.kelisim_registry.iin import make_iin
from kelisim_app.kelisim_registry.rules import (
	MembershipError,
	StructureLevelError,
	StructureStatusError,
)
from kelisim_app.kelisim_registry.tests.factories import make_membership, make_person, make_structure
from kelisim_app.tests.utils import kgu_office, make_user

REGION = "KZ-71"
OTHER_REGION = "KZ-75"
TABLES = ("KLS Public Structure", "KLS Membership", "KLS Person", "KLS Mediator", "KLS Event")
CYRILLIC = re.compile("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def counts() -> dict[str, int]:
	return {doctype: frappe.db.count(doctype) for doctype in TABLES}


def shown_message(error: Exception) -> str:
	"""What the desk shows the user: the message Frappe queued for him, else the error's text."""
	shown = [
		json.loads(m).get("message", "") if isinstance(m, str) else m.get("message", "")
		for m in frappe.message_log
	]
	return " ".join(m for m in shown if m).strip() or str(error).strip()


def unused_iin(born: date, male: bool = True) -> str:
	serial = 7000
	while frappe.db.exists("KLS Person", {"iin": make_iin(born, male, serial)}) or not make_iin(
		born, male, serial
	):
		serial += 1
	return make_iin(born, male, serial)


class TestRegistryRulesAsUsers(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ensure_languages()
		cls.kgu = make_user("rules-kgu-71", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION), language="kk")
		cls.secretary = make_user("rules-secretary", [core.ROLE_STRUCTURE_SECRETARY], language="ru")
		cls.other_district = frappe.get_doc(
			{"doctype": "KLS District", "district_name": "Rules Test District", "region": OTHER_REGION}
		).insert(ignore_permissions=True)
		cls.council = make_structure(
			"Rules Council", REGION, secretary_user=cls.secretary, founded_on="2012-01-01"
		)
		cls.dissolved = make_structure(
			"Rules Dissolved Council", REGION, secretary_user=cls.secretary, founded_on="2012-01-01"
		)
		doc = frappe.get_doc("KLS Public Structure", cls.dissolved)
		doc.update({"status": "Dissolved", "status_date": today(), "status_reason": "Merged"})
		doc.save(ignore_permissions=True)
		cls.chair = make_person("Rules", "Chair", region=REGION)
		make_membership(cls.chair, cls.council, role="Chair", from_date="2023-01-01")
		cls.registered_iin = unused_iin(date(1984, 6, 12))
		cls.elsewhere = make_person(
			"Rules", "Elsewhere", region=OTHER_REGION, iin=cls.registered_iin, birth_date="1984-06-12"
		)
		cls.namesake = make_person("Rules", "Namesake", region=REGION, birth_date="1979-02-03")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		frappe.clear_messages()

	def refused(self, user: str, action, error, translated: bool = True) -> str:
		"""`action`, done by `user` in his desk language, fails with `error`, says why in that language and
		leaves every table as it was."""
		frappe.set_user(user)
		frappe.local.lang = frappe.db.get_value("User", user, "language")
		frappe.clear_messages()
		before = counts()
		with self.assertRaises(error) as caught:
			action()
		message = shown_message(caught.exception)
		frappe.set_user("Administrator")
		self.assertEqual(counts(), before, f"{error.__name__}: something was saved")
		self.assertTrue(message)
		self.assertNotRegex(message, r"\{\d\}", "every value of the message is filled in")
		if translated:
			self.assertRegex(message, CYRILLIC, f"not in the user's language: {message}")
		return message

	@staticmethod
	def insert(values: dict):
		return lambda: frappe.get_doc(values).insert()

	def structure(self, **values) -> dict:
		return {
			"doctype": "KLS Public Structure",
			"structure_name": "Rules Rejected Structure",
			"structure_kind": "Council of Public Consent",
			"level": "District",
			"region": REGION,
			**values,
		}

	def membership(self, structure: str, **values) -> dict:
		return {
			"doctype": "KLS Membership",
			"person": self.chair,
			"structure": structure,
			"role": "Member",
			"from_date": "2025-01-01",
			**values,
		}

	# ------------------------------------------------------------------ structures
	def test_region_and_district_must_agree(self):
		message = self.refused(
			self.kgu, self.insert(self.structure(district=self.other_district.name)), RegionMismatchError
		)
		self.assertIn(OTHER_REGION, message)

	def test_a_status_other_than_active_needs_its_date_and_reason(self):
		self.refused(
			self.kgu,
			self.insert(self.structure(status="Suspended", status_date=today())),
			StructureStatusError,
		)
		doc = frappe.get_doc("KLS Public Structure", self.council)
		doc.update({"status": "Dissolved", "status_date": add_days(today(), 3), "status_reason": "Later"})
		self.refused(self.secretary, doc.save, StructureStatusError)
		self.assertEqual(frappe.db.get_value("KLS Public Structure", self.council, "status"), "Active")

	def test_a_house_of_friendship_is_an_oblasts_or_a_districts(self):
		house = self.structure(structure_kind="House of Friendship", structure_name="Rules House")
		self.refused(self.kgu, self.insert({**house, "level": "City"}), StructureLevelError)
		frappe.set_user(self.kgu)
		self.assertTrue(frappe.get_doc({**house, "level": "Oblast"}).insert().name)

	# ------------------------------------------------------------------ a dissolved structure
	def test_a_dissolved_structure_takes_no_new_members(self):
		newcomer = make_person("Rules", "Newcomer", region=REGION)
		for user in (self.kgu, self.secretary):
			with self.subTest(user=user):
				message = self.refused(
					user,
					self.insert(self.membership(self.dissolved, person=newcomer)),
					StructureStatusError,
				)
				self.assertIn("Rules Dissolved Council", message)
		frappe.set_user(self.secretary)
		self.assertTrue(frappe.get_doc(self.membership(self.council, person=newcomer)).insert().name)

	def test_a_dissolved_structure_takes_no_new_events(self):
		for user in (self.kgu, self.secretary):
			with self.subTest(user=user):
				self.refused(user, self.insert(event_values(self.dissolved)), EventOrganiserError)
		frappe.set_user(self.secretary)
		self.assertTrue(frappe.get_doc(event_values(self.council)).insert().name)

	# ------------------------------------------------------------------ memberships
	def test_membership_dates_in_order(self):
		for user in (self.kgu, self.secretary):
			with self.subTest(user=user):
				self.refused(
					user,
					self.insert(self.membership(self.council, from_date="2025-03-01", to_date="2025-02-01")),
					MembershipError,
				)

	def test_no_second_open_membership_of_the_same_role(self):
		for user in (self.kgu, self.secretary):
			with self.subTest(user=user):
				self.refused(
					user,
					self.insert(self.membership(self.council, role="Chair", from_date="2025-06-01")),
					MembershipError,
				)
		# the same person in another role, or in the same role after the first one ended, is fine
		frappe.set_user(self.kgu)
		frappe.get_doc(self.membership(self.council, role="Member")).insert()

	# ------------------------------------------------------------------ people
	def test_an_iin_with_a_wrong_control_digit(self):
		valid = unused_iin(date(1993, 10, 1), male=False)
		wrong = valid[:11] + str((int(valid[11]) + 3) % 10)
		message = self.refused(
			self.kgu,
			self.insert(
				{
					"doctype": "KLS Person",
					"first_name": "Rules",
					"last_name": "Iin",
					"region": REGION,
					"iin": wrong,
				}
			),
			InvalidIINError,
		)
		self.assertIn(wrong, message)

	def test_a_person_registered_in_another_region_is_a_duplicate(self):
		"""The KGU user cannot see the other region's record, yet he may not register the human twice."""
		frappe.set_user(self.kgu)
		self.assertFalse(frappe.has_permission("KLS Person", "read", self.elsewhere))
		person = {"doctype": "KLS Person", "first_name": "Rules", "region": REGION}
		self.refused(
			self.kgu,
			self.insert({**person, "last_name": "Again", "iin": self.registered_iin}),
			DuplicatePersonError,
		)
		self.refused(
			self.kgu,
			self.insert({**person, "last_name": "Namesake", "birth_date": "1979-02-03"}),
			DuplicatePersonError,
		)
