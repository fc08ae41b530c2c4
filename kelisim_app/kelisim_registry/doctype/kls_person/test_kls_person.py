# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import random
from datetime import date

import frappe
from frappe.client import get as client_get
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules
from kelisim_app.kelisim_registry import iin as iin_rules
from kelisim_app.kelisim_registry.exceptions import DuplicatePersonError, InvalidIINError
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REGION_A = "KZ-71"
REGION_B = "KZ-75"
REAL_FORMAT = "880412350761"  # the 12 April 1988 man of tests/test_registry_rules.py


def new_iin(born: date, male: bool = True) -> str:
	"""A valid IIN no other test uses."""
	while True:
		number = iin_rules.make_iin(born, male, random.randint(0, 9999))
		if number and not frappe.db.exists("KLS Person", {"iin": number}):
			return number


# the people of these tests consented to the processing of their data, so their data may go beyond the office
# that registered them (without consent: kelisim_registry/tests/test_person_consent.py)
CONSENT = {
	"consent_given": 1,
	"consent_date": "2024-03-01",
	"consent_form": "Electronic",
	"consent_purpose": "Registry of public structures",
}


def person(first: str, last: str, **values):
	return frappe.get_doc(
		{"doctype": "KLS Person", "first_name": first, "last_name": last, **CONSENT, **values}
	)


def count() -> int:
	return frappe.db.count("KLS Person")


class TestKLSPerson(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.kgu_a = make_user("person-kgu-a", [rules.ROLE_KGU_SPECIALIST], kgu_office(REGION_A))
		cls.kgu_b = make_user("person-kgu-b", [rules.ROLE_KGU_SPECIALIST], kgu_office(REGION_B))
		cls.rgu = make_user("person-rgu", [rules.ROLE_RGU_COORDINATOR], rgu_office())
		cls.observer = make_user("person-observer", [rules.ROLE_MINISTRY_OBSERVER])
		cls.secretary = make_user("person-secretary", [rules.ROLE_STRUCTURE_SECRETARY])

	def tearDown(self):
		frappe.set_user("Administrator")

	# ------------------------------------------------------------------ names and the IIN
	def test_full_name_is_built_with_spaces_folded(self):
		doc = person("  Aigerim ", " Nurlanova", patronymic="Serikovna   ").insert()
		self.assertTrue(doc.name.startswith("PER-"))
		self.assertEqual(doc.full_name, "Nurlanova Aigerim Serikovna")
		self.assertEqual(doc.first_name, "Aigerim")
		doc.patronymic = ""
		doc.save()
		self.assertEqual(doc.full_name, "Nurlanova Aigerim")

	def test_a_valid_iin_fills_birth_date_and_gender(self):
		if frappe.db.exists("KLS Person", {"iin": REAL_FORMAT}):
			frappe.delete_doc("KLS Person", frappe.db.get_value("KLS Person", {"iin": REAL_FORMAT}))
		doc = person("Daniyar", "Seitkali", iin="880412 350761").insert()
		self.assertEqual(doc.iin, REAL_FORMAT)
		self.assertEqual(str(doc.birth_date), "1988-04-12")
		self.assertEqual(doc.gender, "Male")
		number = new_iin(date(2001, 9, 30), male=False)
		doc = person("Aruzhan", "Bekova", iin=number, birth_date="2001-09-30").insert()
		self.assertEqual(doc.gender, "Female")

	def test_an_invalid_iin_is_refused_and_nothing_is_saved(self):
		before = count()
		valid = new_iin(date(1979, 5, 17))
		wrong_control = valid[:11] + str((int(valid[11]) + 1) % 10)
		for bad, message in [
			("12345", "12 digits"),
			("88041235076X", "12 digits"),
			(wrong_control, "control digit"),
			("880230" + "3" + "0001" + "0", "birth date"),
			("880412" + "9" + "0001" + "0", "7th digit"),
		]:
			with self.subTest(bad=bad):
				with self.assertRaisesRegex(InvalidIINError, message):
					person("Bad", "Number", iin=bad).insert()
		self.assertEqual(count(), before)

	def test_the_birth_date_must_match_the_iin(self):
		number = new_iin(date(1965, 3, 8), male=False)
		before = count()
		with self.assertRaisesRegex(InvalidIINError, "1965-03-08"):
			person("Gulnara", "Abenova", iin=number, birth_date="1965-03-09").insert()
		self.assertEqual(count(), before)

	# ------------------------------------------------------------------ duplicates
	def test_the_same_iin_twice_is_a_duplicate_naming_the_first_record(self):
		number = new_iin(date(1970, 1, 15))
		first = person("Yerlan", "Tulegenov", iin=number, region=REGION_A).insert()
		before = count()
		with self.assertRaisesRegex(DuplicatePersonError, first.name):
			person("Erlan", "Tulegenov", iin=number, region=REGION_B).insert()
		self.assertEqual(count(), before)

	def test_same_name_and_birth_date_is_a_duplicate(self):
		first = person("Olga", "Kim", birth_date="1982-11-02").insert()
		before = count()
		with self.assertRaisesRegex(DuplicatePersonError, first.name):
			person(" olga ", "KIM", patronymic="Petrovna", birth_date="1982-11-02").insert()
		self.assertEqual(count(), before)
		# a namesake born another day, or without a known birth date, is someone else
		person("Olga", "Kim", birth_date="1982-11-03").insert()
		person("Olga", "Kim").insert()
		self.assertEqual(count(), before + 2)

	def test_a_duplicate_by_iin_also_finds_a_record_without_iin(self):
		number = new_iin(date(1991, 7, 7))
		first = person("Timur", "Akhmetov", birth_date="1991-07-07").insert()
		with self.assertRaisesRegex(DuplicatePersonError, first.name):
			person("Timur", "Akhmetov", iin=number).insert()  # the birth date comes from the IIN

	def test_saving_a_person_again_is_not_a_duplicate_of_himself(self):
		doc = person("Saule", "Omarova", iin=new_iin(date(1988, 2, 29), male=False)).insert()
		doc.is_expert = 1
		doc.save()
		self.assertEqual(frappe.db.get_value("KLS Person", doc.name, "is_expert"), 1)

	def test_email_and_phone_are_checked(self):
		before = count()
		self.assertRaises(frappe.ValidationError, person("Mail", "Wrong", email="not-an-email").insert)
		self.assertRaises(frappe.ValidationError, person("Phone", "Wrong", phone="call me").insert)
		self.assertEqual(count(), before)
		person("Mail", "Right", email="m.right@example.kz", phone="+7 701 123 45 67").insert()

	# ------------------------------------------------------------------ who sees what
	def test_kgu_user_sees_and_edits_his_region_only(self):
		own = person("Asel", "Region-A", region=REGION_A).insert()
		other = person("Bolat", "Region-B", region=REGION_B).insert()
		national = person("Murat", "National", is_public_figure=1).insert()
		frappe.set_user(self.kgu_a)
		visible = set(frappe.get_list("KLS Person", pluck="name", limit=0))
		self.assertIn(own.name, visible)
		self.assertIn(national.name, visible, "a figure of national standing (no region) is seen by all")
		self.assertNotIn(other.name, visible)
		self.assertFalse(frappe.has_permission("KLS Person", "read", other.name))
		self.assertRaises(frappe.PermissionError, client_get, "KLS Person", other.name)
		doc = frappe.get_doc("KLS Person", own.name)
		doc.is_volunteer = 1
		doc.save()
		created = person("Kanat", "Created-A", region=REGION_A, iin=new_iin(date(1999, 1, 1))).insert()
		self.assertTrue(created.iin, "a KGU specialist may enter the confidential data")
		self.assertRaises(frappe.PermissionError, person("Kanat", "Created-B", region=REGION_B).insert)

	def test_rgu_user_sees_every_region(self):
		a = person("Nurlan", "Everywhere-A", region=REGION_A).insert()
		b = person("Nurlan", "Everywhere-B", region=REGION_B).insert()
		frappe.set_user(self.rgu)
		visible = set(frappe.get_list("KLS Person", pluck="name", limit=0))
		self.assertTrue({a.name, b.name} <= visible)
		self.assertTrue(frappe.has_permission("KLS Person", "write", b.name))

	def test_ministry_observer_reads_but_never_the_iin_or_birth_date(self):
		number = new_iin(date(1960, 6, 1))
		doc = person("Marat", "Observed", iin=number, region=REGION_A, phone="+7 701 000 00 01").insert()
		frappe.set_user(self.observer)
		data = client_get("KLS Person", doc.name)
		self.assertEqual(data["full_name"], "Observed Marat")
		self.assertIsNone(data.get("iin"))
		self.assertIsNone(data.get("birth_date"))
		loaded = frappe.get_doc("KLS Person", doc.name)
		loaded.apply_fieldlevel_read_permissions()
		self.assertIsNone(loaded.get("iin"))
		# one confidential column per query: Frappe v15's get_list drops a column the user may not read but
		# then skips the column right after it (it pops from the list it iterates), see the report
		for fieldname in ("iin", "birth_date"):
			rows = frappe.get_list("KLS Person", filters={"name": doc.name}, fields=["name", fieldname])
			self.assertEqual(len(rows), 1)
			self.assertIsNone(rows[0].get(fieldname))
		rows = frappe.get_list("KLS Person", filters={"name": doc.name}, fields=["*"])
		self.assertNotIn("iin", rows[0])
		self.assertNotIn("birth_date", rows[0])
		self.assertEqual(frappe.get_meta("KLS Person").get_field("iin").permlevel, 1)
		self.assertFalse(frappe.has_permission("KLS Person", "write", doc.name))
		loaded = frappe.get_doc("KLS Person", doc.name)
		loaded.is_expert = 1
		self.assertRaises(frappe.PermissionError, loaded.save)
		self.assertRaises(frappe.PermissionError, person("Not", "Allowed").insert)

	def test_structure_secretary_cannot_enter_confidential_data(self):
		frappe.set_user(self.secretary)
		doc = person("Zhanna", "Secretary-made", iin=new_iin(date(1985, 4, 4)), birth_date="1985-04-04")
		doc.insert()
		frappe.set_user("Administrator")
		saved = frappe.db.get_value("KLS Person", doc.name, ["iin", "birth_date"], as_dict=True)
		self.assertIsNone(saved.iin)
		self.assertIsNone(saved.birth_date)
