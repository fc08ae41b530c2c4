# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

"""Information-policy recommendations as the offices work them: the KGU drafts one for bloggers and ethnic
media of its region, issues it, records who read it; the RGU issues republican ones; regions stay apart."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_events.rules import RecommendationError
from kelisim_app.kelisim_registry.tests.factories import make_person, make_structure
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REC = "KLS Information Recommendation"
REGION_A, REGION_B = "KZ-71", "KZ-75"


class TestKLSInformationRecommendation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.kgu = make_user("rec-kgu-a", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A))
		cls.kgu_b = make_user("rec-kgu-b", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_B))
		cls.rgu = make_user("rec-rgu", [core.ROLE_RGU_COORDINATOR], rgu_office())
		cls.observer = make_user("rec-observer", [core.ROLE_MINISTRY_OBSERVER])
		cls.blogger = make_person("Rec", "Blogger", region=REGION_A, is_blogger=1)
		cls.outlet = frappe.db.get_value(
			"KLS Public Structure", {"structure_name": "Rec Korean newspaper"}
		) or make_structure("Rec Korean newspaper", REGION_A, "Ethnic Media Outlet", level="Oblast")

	def tearDown(self):
		frappe.set_user("Administrator")

	def draft(self, user=None, **values):
		frappe.set_user(user or self.kgu)
		return frappe.get_doc(
			{
				"doctype": REC,
				"title": "Rec: covering Nauryz together",
				"audience": "Bloggers",
				"region": REGION_A,
				"content": "<p>Show the traditions of every people at the Nauryz celebrations</p>",
				"recipients": [{"person": self.blogger}, {"outlet": self.outlet}],
				**values,
			}
		).insert()

	def test_issued_then_read_by_all(self):
		doc = self.draft()
		self.assertEqual((doc.status, doc.read_count), ("Draft", 0))
		self.assertEqual(
			doc.recipients[0].recipient_name, frappe.db.get_value("KLS Person", self.blogger, "full_name")
		)
		doc.issued_on = add_days(today(), -5)
		doc.save()
		self.assertEqual(doc.status, "Issued")
		self.assertEqual(str(doc.recipients[1].sent_on), str(doc.issued_on))
		doc.recipients[0].read_on = add_days(today(), -4)
		doc.save()
		self.assertEqual((doc.status, doc.read_count), ("Issued", 1))
		doc.recipients[1].read_on = today()
		doc.save()
		self.assertEqual(doc.status, "Read by all")
		doc.recipients[1].read_on = add_days(today(), -6)
		self.assertRaises(RecommendationError, doc.save)

	def test_an_issue_needs_recipients_and_regions_stay_apart(self):
		self.assertRaises(RecommendationError, self.draft, recipients=[], issued_on=today())
		doc = self.draft(title="Rec: regional")
		with self.assertRaises(frappe.PermissionError):
			self.draft(user=self.kgu_b, title="Rec: elsewhere", recipients=[])
		republican = self.draft(user=self.rgu, title="Rec: republican", region=None, recipients=[])
		frappe.set_user(self.kgu_b)
		listed = set(frappe.get_list(REC, pluck="name", limit=0))
		self.assertNotIn(doc.name, listed)
		self.assertIn(republican.name, listed)
		republican = frappe.get_doc(REC, republican.name)
		republican.audience = "All"
		self.assertRaises(frappe.PermissionError, republican.save)
		frappe.set_user(self.observer)
		self.assertTrue(frappe.has_permission(REC, "read", doc.name))
		self.assertFalse(frappe.has_permission(REC, "write", doc.name))
