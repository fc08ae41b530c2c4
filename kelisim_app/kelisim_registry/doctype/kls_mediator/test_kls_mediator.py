# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.client import get as client_get
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from kelisim_app.kelisim_core import rules
from kelisim_app.kelisim_registry import mediators
from kelisim_app.kelisim_registry.doctype.kls_mediator.kls_mediator import refresh_certification_states
from kelisim_app.kelisim_registry.exceptions import CertificationError, MediatorStructureError
from kelisim_app.kelisim_registry.tests.factories import CONSENT
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REGION_A = "KZ-71"
REGION_B = "KZ-75"


def new_person(last: str, region: str | None = REGION_A) -> str:
	"""A mediator's person, who consents to the processing of his data: his name is copied into the national
	registry of mediators only then (kelisim_registry/personal_data.py)."""
	values = {"doctype": "KLS Person", "first_name": "Mediator", "last_name": last, "region": region}
	return frappe.get_doc({**values, **CONSENT}).insert().name


def mediator(last: str, person_region: str | None = REGION_A, **values):
	return frappe.get_doc({"doctype": "KLS Mediator", "person": new_person(last, person_region), **values})


def certified(last: str, valid_until: str | None, region: str = REGION_A, **values):
	"""A mediator certified a year before `valid_until` (or a year ago), valid until that date."""
	issued = add_days(valid_until or today(), -365)
	issued = min(getdate(issued), getdate(today()))
	return mediator(
		last,
		region,
		certificate_number=f"MC-{last}",
		certificate_issued_on=issued,
		issuing_body="Mediation Training Centre",
		certificate_valid_until=valid_until,
		**values,
	).insert()


def count() -> int:
	return frappe.db.count("KLS Mediator")


class TestKLSMediator(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.kgu_a = make_user("mediator-kgu-a", [rules.ROLE_KGU_SPECIALIST], kgu_office(REGION_A))
		cls.rgu = make_user("mediator-rgu", [rules.ROLE_RGU_HEAD, rules.ROLE_RGU_COORDINATOR], rgu_office())
		cls.observer = make_user("mediator-observer", [rules.ROLE_MINISTRY_OBSERVER])
		cls.mediator_user = make_user("mediator-self", [rules.ROLE_MEDIATOR])
		cls.secretary = make_user("mediator-secretary", [rules.ROLE_STRUCTURE_SECRETARY])

	def tearDown(self):
		frappe.set_user("Administrator")

	# ------------------------------------------------------------------ the record
	def test_one_record_per_person_named_after_him(self):
		doc = mediator("Unique").insert()
		self.assertEqual(doc.name, doc.person)
		self.assertEqual(doc.full_name, "Unique Mediator")
		self.assertEqual(doc.status, "Active")
		before = count()
		again = frappe.get_doc({"doctype": "KLS Mediator", "person": doc.person, "region": REGION_A})
		self.assertRaises(frappe.DuplicateEntryError, again.insert)
		self.assertEqual(count(), before)

	def test_region_is_taken_from_the_person_and_required(self):
		self.assertEqual(mediator("Fetched", REGION_B).insert().region, REGION_B)
		before = count()
		self.assertRaises(frappe.MandatoryError, mediator("National", None).insert)
		self.assertEqual(count(), before)
		self.assertEqual(mediator("Given", None, region=REGION_A).insert().region, REGION_A)

	# ------------------------------------------------------------------ certification
	def test_certification_state_is_set_on_save(self):
		cases = {
			"Not certified": mediator("NoCertificate").insert(),
			"Valid": certified("ValidCert", add_days(today(), 365)),
			"Expiring": certified("ExpiringCert", add_days(today(), 30)),
			"Expired": certified("ExpiredCert", add_days(today(), -1)),
		}
		for state, doc in cases.items():
			with self.subTest(state=state):
				self.assertEqual(doc.certification_state, state)
				self.assertEqual(frappe.db.get_value("KLS Mediator", doc.name, "certification_state"), state)
		self.assertEqual(mediators.CERTIFICATE_WARNING_DAYS, 60)
		boundary = certified("BoundaryCert", add_days(today(), mediators.CERTIFICATE_WARNING_DAYS))
		self.assertEqual(boundary.certification_state, "Expiring")

	def test_inconsistent_certificates_are_refused_and_nothing_is_saved(self):
		before_people = frappe.db.count("KLS Person")
		doc = mediator("BadCert")
		before = count()
		for values, message in [
			({"certificate_issued_on": "2024-01-10"}, "certificate number"),
			({"certificate_number": "MC-1"}, "was issued"),
			(
				{
					"certificate_number": "MC-1",
					"certificate_issued_on": "2024-01-10",
					"certificate_valid_until": "2024-01-01",
				},
				"after its date of issue",
			),
			({"certificate_number": "MC-1", "certificate_issued_on": add_days(today(), 5)}, "future"),
		]:
			with self.subTest(values=values):
				attempt = frappe.copy_doc(doc)
				attempt.update(values)
				with self.assertRaisesRegex(CertificationError, message):
					attempt.insert()
		self.assertEqual(count(), before)
		self.assertEqual(frappe.db.count("KLS Person"), before_people + 1, "only the person made above")

	def test_daily_job_moves_states_as_time_passes(self):
		long_valid = certified("JobLong", add_days(today(), 400))
		soon = certified("JobSoon", add_days(today(), 100))
		ending = certified("JobEnding", add_days(today(), 20))
		none = mediator("JobNone").insert()
		self.assertEqual(
			[d.certification_state for d in (long_valid, soon, ending, none)],
			["Valid", "Valid", "Expiring", "Not certified"],
		)
		self.assertEqual(refresh_certification_states(today()), 0, "nothing moves on the same day")

		def state(doc):
			return frappe.db.get_value("KLS Mediator", doc.name, "certification_state")

		# 50 days on: the 100-day certificate is within the 60-day window, the 20-day one has ended
		refresh_certification_states(add_days(today(), 50))
		self.assertEqual(
			[state(d) for d in (long_valid, soon, ending, none)],
			["Valid", "Expiring", "Expired", "Not certified"],
		)
		# a year and more on: all certificates have ended
		refresh_certification_states(add_days(today(), 401))
		self.assertEqual(
			[state(d) for d in (long_valid, soon, ending, none)],
			["Expired", "Expired", "Expired", "Not certified"],
		)
		# back to today: the job recomputes, it does not only age
		refresh_certification_states()
		self.assertEqual(
			[state(d) for d in (long_valid, soon, ending, none)],
			["Valid", "Valid", "Expiring", "Not certified"],
		)

	def test_daily_job_repairs_a_stale_state(self):
		doc = certified("JobStale", add_days(today(), 10))
		frappe.db.set_value("KLS Mediator", doc.name, "certification_state", "Valid", update_modified=False)
		self.assertGreaterEqual(refresh_certification_states(), 1)
		self.assertEqual(frappe.db.get_value("KLS Mediator", doc.name, "certification_state"), "Expiring")

	# ------------------------------------------------------------------ his council or office
	def test_mediation_structure_must_be_a_mediation_structure_of_his_region(self):
		def structure(kind: str, region: str) -> str:
			return (
				frappe.get_doc(
					{
						"doctype": "KLS Public Structure",
						"structure_name": f"{kind} test {region}",
						"structure_kind": kind,
						"level": "City",
						"region": region,
					}
				)
				.insert()
				.name
			)

		council_a = structure("Mediation Council", REGION_A)
		doc = mediator("InCouncil", mediation_structure=council_a).insert()
		self.assertEqual(doc.mediation_structure, council_a)
		before = count()
		with self.assertRaisesRegex(MediatorStructureError, "not a mediation"):
			mediator("InMothers", mediation_structure=structure("Mothers' Council", REGION_A)).insert()
		with self.assertRaisesRegex(MediatorStructureError, REGION_B):
			mediator("Elsewhere", mediation_structure=structure("Mediation Council", REGION_B)).insert()
		self.assertEqual(count(), before)

	# ------------------------------------------------------------------ who sees what
	def test_kgu_user_sees_mediators_of_his_region_only(self):
		own = mediator("ScopeA", REGION_A).insert()
		other = mediator("ScopeB", REGION_B).insert()
		frappe.set_user(self.kgu_a)
		visible = set(frappe.get_list("KLS Mediator", pluck="name", limit=0))
		self.assertIn(own.name, visible)
		self.assertNotIn(other.name, visible)
		self.assertRaises(frappe.PermissionError, client_get, "KLS Mediator", other.name)
		doc = frappe.get_doc("KLS Mediator", own.name)
		doc.training_record = "Basic mediation course, 72 hours"
		doc.save()

	def test_rgu_sees_all_observer_mediator_and_secretary_only_read(self):
		a = mediator("ReadA", REGION_A).insert()
		b = mediator("ReadB", REGION_B).insert()
		frappe.set_user(self.rgu)
		self.assertTrue({a.name, b.name} <= set(frappe.get_list("KLS Mediator", pluck="name", limit=0)))
		for user in (self.observer, self.mediator_user, self.secretary):
			with self.subTest(user=user):
				frappe.set_user(user)
				self.assertEqual(client_get("KLS Mediator", b.name)["full_name"], "ReadB Mediator")
				doc = frappe.get_doc("KLS Mediator", b.name)
				doc.status = "Suspended"
				self.assertRaises(frappe.PermissionError, doc.save)
				self.assertFalse(frappe.has_permission("KLS Mediator", "create"))
		# the registry is the KGU's and RGU's: a structure secretary (no region of his own) registers no
		# mediator, in any region
		frappe.set_user("Administrator")
		person = new_person("SecretaryMade", REGION_B)
		frappe.set_user(self.secretary)
		before = count()
		attempt = frappe.get_doc({"doctype": "KLS Mediator", "person": person, "region": REGION_B})
		self.assertRaises(frappe.PermissionError, attempt.insert)
		self.assertEqual(count(), before)
		self.assertEqual(frappe.db.get_value("KLS Mediator", b.name, "status"), "Active")
