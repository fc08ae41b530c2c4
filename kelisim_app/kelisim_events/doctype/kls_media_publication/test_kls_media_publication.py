# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.client import get as client_get
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_events.exceptions import PublicationError
from kelisim_app.kelisim_events.media_testing import (
	ensure_languages,
	make_event,
	outlet,
	publication,
	structure,
)
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REGION_A = "KZ-71"
REGION_B = "KZ-75"
PROJECT_2 = "Spiritual and cultural popularisation of Kazakhstan's ethnic diversity"


def count() -> int:
	return frappe.db.count("KLS Media Publication")


class TestKLSMediaPublication(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ensure_languages()
		cls.kgu_a = make_user("pub-kgu-a", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A))
		cls.rgu = make_user("pub-rgu", [core.ROLE_RGU_COORDINATOR], rgu_office())
		cls.observer = make_user("pub-observer", [core.ROLE_MINISTRY_OBSERVER])
		cls.outlet_a = outlet("Pub Test Korean Newspaper Astana", REGION_A)
		cls.outlet_b = outlet("Pub Test Uyghur Avazi Almaty", REGION_B)
		cls.council_b = structure("Pub Test Council Almaty", REGION_B)

	def tearDown(self):
		frappe.set_user("Administrator")

	def assertRefused(self, doc, pattern: str):
		before = count()
		with self.assertRaisesRegex(PublicationError, pattern):
			doc.insert()
		self.assertEqual(count(), before, "nothing is saved on rejection")

	# ------------------------------------------------------------------ rules
	def test_a_publication_is_named_and_takes_region_and_kazakh_flag(self):
		doc = publication(outlet=self.outlet_a, language="Kazakh", link="https://example.kz/a").insert()
		self.assertRegex(doc.name, r"^PUB-\d{4}-\d{5}$")
		self.assertEqual(doc.region, REGION_A, "the region comes from the outlet")
		self.assertEqual(doc.is_kazakh, 1)
		doc.language = "Russian"
		doc.save()
		self.assertEqual(doc.is_kazakh, 0)
		self.assertEqual(frappe.db.get_value("KLS Media Publication", doc.name, "is_kazakh"), 0)

	def test_region_and_base_project_come_from_the_event(self):
		event = make_event(self.council_b, "2019-04-10 10:00:00", kazakh=True, base_project=PROJECT_2)
		doc = publication(outlet=self.outlet_a, event=event, language="Korean").insert()
		self.assertEqual(doc.region, REGION_B, "the event's region wins over the outlet's")
		self.assertEqual(doc.base_project, PROJECT_2)
		self.assertEqual(doc.is_kazakh, 0)
		given = publication(outlet_name="Vremya", event=event, region=REGION_A).insert()
		self.assertEqual(given.region, REGION_A, "a region entered is kept")

	def test_the_link_must_be_a_web_address(self):
		self.assertRefused(
			publication(outlet_name="Vremya", region=REGION_A, link="example.kz/page"), "web address"
		)
		self.assertRefused(
			publication(outlet_name="Vremya", region=REGION_A, link="ftp://example.kz/x"), "web address"
		)
		doc = publication(outlet_name="Vremya", region=REGION_A, link="  https://vremya.kz/x  ").insert()
		self.assertEqual(doc.link, "https://vremya.kz/x")

	def test_an_outlet_is_needed_and_must_be_ethnic_media(self):
		self.assertRefused(publication(region=REGION_A), "outlet")
		self.assertRefused(publication(outlet=self.council_b), "is not an ethnic media outlet")
		doc = publication(outlet_name="  Kazakhstanskaya   Pravda ", region=REGION_A).insert()
		self.assertEqual(doc.outlet_name, "Kazakhstanskaya Pravda")

	def test_date_reach_and_region(self):
		self.assertRefused(
			publication(outlet=self.outlet_a, published_on=add_days(today(), 1)), "cannot be in the future"
		)
		self.assertRefused(publication(outlet=self.outlet_a, reach=-5), "Reach cannot be negative")
		self.assertRefused(publication(outlet_name="Somewhere"), "region")
		doc = publication(outlet=self.outlet_a, published_on=today(), reach=0).insert()
		self.assertEqual(doc.reach, 0)

	def test_people_are_listed_once_per_role(self):
		from kelisim_app.kelisim_registry.tests.factories import make_person

		person = make_person("Aigerim", "Pubtestova", is_blogger=1)
		doc = publication(
			outlet=self.outlet_a,
			people=[{"person": person, "role": "Blogger"}, {"person": person, "role": "Interviewee"}],
		).insert()
		self.assertEqual(doc.people[0].person_name, "Pubtestova Aigerim")
		doc.append("people", {"person": person, "role": "Blogger"})
		self.assertRaisesRegex(PublicationError, "already listed", doc.save)
		self.assertEqual(len(frappe.get_doc("KLS Media Publication", doc.name).people), 2)

	# ------------------------------------------------------------------ who sees what
	def test_kgu_user_sees_and_writes_his_region_only(self):
		own = publication(outlet=self.outlet_a, title="Scope A").insert()
		other = publication(outlet=self.outlet_b, title="Scope B").insert()
		frappe.set_user(self.kgu_a)
		visible = set(frappe.get_list("KLS Media Publication", pluck="name", limit=0))
		self.assertIn(own.name, visible)
		self.assertNotIn(other.name, visible)
		self.assertRaises(frappe.PermissionError, client_get, "KLS Media Publication", other.name)
		mine = publication(outlet=self.outlet_a, title="Made by KGU").insert()
		self.assertEqual(mine.region, REGION_A)
		before = count()
		self.assertRaises(frappe.PermissionError, publication(outlet=self.outlet_b, title="Elsewhere").insert)
		self.assertEqual(count(), before)
		doc = frappe.get_doc("KLS Media Publication", own.name)
		doc.reach = 1500
		doc.save()
		self.assertRaises(frappe.PermissionError, frappe.delete_doc, "KLS Media Publication", own.name)

	def test_rgu_sees_all_and_observer_only_reads(self):
		a = publication(outlet=self.outlet_a, title="Read A").insert()
		b = publication(outlet=self.outlet_b, title="Read B").insert()
		frappe.set_user(self.rgu)
		self.assertTrue(
			{a.name, b.name} <= set(frappe.get_list("KLS Media Publication", pluck="name", limit=0))
		)
		publication(outlet=self.outlet_b, title="By RGU").insert()
		frappe.set_user(self.observer)
		self.assertEqual(client_get("KLS Media Publication", b.name)["title"], "Read B")
		doc = frappe.get_doc("KLS Media Publication", b.name)
		doc.reach = 10
		self.assertRaises(frappe.PermissionError, doc.save)
		self.assertRaises(frappe.PermissionError, publication(outlet=self.outlet_a).insert)
