# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.client import get as client_get
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_events.exceptions import BookError
from kelisim_app.kelisim_events.media_testing import ensure_languages
from kelisim_app.tests.utils import kgu_office, make_user

PROJECT_2 = "Spiritual and cultural popularisation of Kazakhstan's ethnic diversity"


def book(**values):
	return frappe.get_doc(
		{
			"doctype": "KLS Book",
			"title": values.pop("title", "Korean tales"),
			"author": "Folk",
			"translator": "A. Kim",
			"genre": values.pop("genre", "Tale"),
			"source_language": values.pop("source_language", "Korean"),
			"target_language": values.pop("target_language", "Kazakh"),
			**values,
		}
	)


def count() -> int:
	return frappe.db.count("KLS Book")


class TestKLSBook(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ensure_languages()
		cls.kgu_a = make_user(
			"book-kgu-a", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71")
		)
		cls.observer = make_user("book-observer", [core.ROLE_MINISTRY_OBSERVER])

	def tearDown(self):
		frappe.set_user("Administrator")

	def assertRefused(self, doc, pattern: str):
		before = count()
		with self.assertRaisesRegex(BookError, pattern):
			doc.insert()
		self.assertEqual(count(), before, "nothing is saved on rejection")

	def test_a_book_is_named_planned_and_in_project_2(self):
		doc = book(title="  Korean   tales ").insert()
		self.assertRegex(doc.name, r"^BOOK-\d{5}$")
		self.assertEqual(doc.title, "Korean tales")
		self.assertEqual(doc.status, "Planned")
		self.assertEqual(doc.base_project, PROJECT_2)
		self.assertTrue(frappe.db.exists("KLS Base Project", doc.base_project))
		self.assertIsNone(doc.region, "a republican book has no region")

	def test_rules(self):
		self.assertRefused(book(print_run=-1), "Print run cannot be negative")
		self.assertRefused(book(target_language="Korean"), "must differ")
		self.assertRefused(book(status="Published"), "needs its publication date")
		self.assertRefused(book(status="Published", published_on=add_days(today(), 3)), "future")
		doc = book(status="Published", published_on=today(), print_run=0, genre="Epic").insert()
		self.assertEqual(doc.print_run, 0)
		doc.status = "In print"
		doc.print_run = 2000
		doc.save()
		doc.target_language = doc.source_language
		self.assertRaises(BookError, doc.save)
		self.assertEqual(frappe.db.get_value("KLS Book", doc.name, "target_language"), "Kazakh")

	def test_kgu_sees_his_region_and_republican_books_observer_reads(self):
		own = book(title="Astana book", region="KZ-71").insert()
		other = book(title="Almaty book", region="KZ-75").insert()
		republican = book(title="Republican book").insert()
		frappe.set_user(self.kgu_a)
		visible = set(frappe.get_list("KLS Book", pluck="name", limit=0))
		self.assertTrue({own.name, republican.name} <= visible)
		self.assertNotIn(other.name, visible)
		self.assertRaises(frappe.PermissionError, client_get, "KLS Book", other.name)
		self.assertRaises(frappe.PermissionError, book(title="Not mine", region="KZ-75").insert)
		self.assertEqual(book(title="Mine", region="KZ-71").insert().region, "KZ-71")
		frappe.set_user(self.observer)
		self.assertEqual(client_get("KLS Book", other.name)["title"], "Almaty book")
		doc = frappe.get_doc("KLS Book", other.name)
		doc.print_run = 5
		self.assertRaises(frappe.PermissionError, doc.save)
