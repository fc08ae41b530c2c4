# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

"""Partners and referrals as their users work with them: a KGU keeps its region's partners, a mediator refers
his case to one and records the answer, a KGU specialist refers a consultation; the report counts them."""

from __future__ import annotations

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_mediation.exceptions import ReferralError
from kelisim_app.kelisim_mediation.testing import REGION_A, REGION_B, make_case, make_mediator, users
from kelisim_app.tests.utils import make_user

PARTNER = "KLS Partner"
REPORT = "Partner Referrals"


def partner(name: str, region: str | None, kind: str = "Crisis centre", **extra) -> str:
	existing = frappe.db.get_value(PARTNER, {"partner_name": name})
	if existing:
		return existing
	doc = frappe.get_doc(
		{"doctype": PARTNER, "partner_name": name, "partner_type": kind, "region": region, **extra}
	)
	return doc.insert().name


def report_rows(user: str, **filters) -> dict:
	frappe.set_user(user)
	try:
		result = run(REPORT, filters={"from_date": add_days(today(), -30), "to_date": today(), **filters})
	finally:
		frappe.set_user("Administrator")
	return {
		(r["region"], r["partner_type"]): r
		for r in result["result"]
		if isinstance(r, dict) and r.get("partner_type")
	}


class TestKLSPartner(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.u = users()
		cls.mediator = make_mediator("PartnerCase", REGION_A, cls.u.mediator_3)
		cls.secretary = make_user("prt-secretary", [core.ROLE_STRUCTURE_SECRETARY])
		cls.shelter_a = partner("Prt Shelter Astana", REGION_A, "Shelter")
		cls.shelter_b = partner("Prt Shelter Almaty", REGION_B, "Shelter")
		cls.ministry = partner("Prt Ministry helpline", None, "State body")

	def tearDown(self):
		frappe.set_user("Administrator")

	# ------------------------------------------------------------------ the registry
	def test_a_kgu_keeps_the_partners_of_his_region_only(self):
		frappe.set_user(self.u.kgu_spec_a)
		name = partner("  Prt   Crisis centre Astana ", REGION_A)
		self.assertEqual(frappe.db.get_value(PARTNER, name, "partner_name"), "Prt Crisis centre Astana")
		with self.assertRaises(frappe.PermissionError):
			partner("Prt Crisis centre elsewhere", REGION_B)
		listed = set(frappe.get_list(PARTNER, pluck="name", limit=0))
		self.assertIn(self.shelter_a, listed)
		self.assertIn(self.ministry, listed, "a republican partner is everyone's")
		self.assertNotIn(self.shelter_b, listed)
		doc = frappe.get_doc(PARTNER, self.ministry)
		doc.phone = "+77170000000"
		self.assertRaises(frappe.PermissionError, doc.save)

	def test_secretaries_mediators_and_the_observer_read_the_registry(self):
		for user in (self.secretary, self.u.mediator_1, self.u.observer):
			frappe.set_user(user)
			self.assertTrue(frappe.has_permission(PARTNER, "read", self.shelter_a), user)
			self.assertFalse(frappe.has_permission(PARTNER, "create"), user)

	# ------------------------------------------------------------------ referrals
	def test_the_mediator_refers_his_case_and_records_the_answer(self):
		frappe.set_user(self.u.kgu_spec_a)
		case = make_case(mediator=self.mediator)
		frappe.set_user(self.u.mediator_3)
		case = frappe.get_doc("KLS Mediation Case", case.name)
		case.append(
			"referrals", {"partner": self.shelter_a, "referred_on": today(), "reason": "Needs shelter"}
		)
		case.save()
		self.assertEqual(case.referrals[0].status, "Awaiting answer")

		case.referrals[0].status = "Accepted"
		self.assertRaises(ReferralError, case.save)  # the answer needs its date
		case.reload()
		case.referrals[0].status = "Accepted"
		case.referrals[0].answered_on = today()
		case.referrals[0].answer = "Place for two weeks"
		case.save()

		case.append("referrals", {"partner": self.shelter_b, "referred_on": today()})
		self.assertRaises((ReferralError, frappe.PermissionError), case.save)

	def test_a_referral_is_dated_within_the_record(self):
		frappe.set_user(self.u.kgu_spec_a)
		case = make_case()
		case.append("referrals", {"partner": self.ministry, "referred_on": add_days(today(), 1)})
		self.assertRaises(ReferralError, case.save)
		case.reload()
		case.append("referrals", {"partner": self.ministry, "referred_on": add_days(case.received_on, -1)})
		self.assertRaises(ReferralError, case.save)

	def test_a_consultation_is_referred_and_the_report_counts_it_in_its_region(self):
		before_rgu = report_rows(self.u.rgu)
		before_kgu = report_rows(self.u.kgu_head_a)
		frappe.set_user(self.u.kgu_spec_a)
		doc = frappe.get_doc(
			{
				"doctype": "KLS Consultation",
				"category": "Family",
				"region": REGION_A,
				"consulted_on": today(),
				"question": "Where can a mother with children stay tonight?",
				"referrals": [
					{"partner": self.shelter_a, "referred_on": today()},
					{
						"partner": self.ministry,
						"referred_on": today(),
						"status": "Help provided",
						"answered_on": today(),
					},
				],
			}
		).insert()
		self.assertEqual(len(doc.referrals), 2)

		def delta(after, before, key, field):
			return after.get(key, {}).get(field, 0) - before.get(key, {}).get(field, 0)

		after_rgu = report_rows(self.u.rgu)
		self.assertEqual(delta(after_rgu, before_rgu, (REGION_A, "Shelter"), "from_consultations"), 1)
		self.assertEqual(delta(after_rgu, before_rgu, (REGION_A, "Shelter"), "awaiting"), 1)
		self.assertEqual(delta(after_rgu, before_rgu, (REGION_A, "State body"), "helped"), 1)
		after_kgu = report_rows(self.u.kgu_head_a)
		self.assertEqual(delta(after_kgu, before_kgu, (REGION_A, "Shelter"), "referrals"), 1)
		self.assertFalse(any(region == REGION_B for region, _kind in after_kgu))
		self.assertGreaterEqual(after_rgu[(REGION_B, "Shelter")]["partners"], 1)
