"""Personal data as the law of Kazakhstan «On personal data and their protection» asks, as real users: consent
recorded as the law asks; a person without consent seen only by the office that registered him (form, list,
REST); reads of the confidential fields logged for those who hold their level; retention of people who left
every structure; anonymisation on request, logged, keeping the row, the memberships and the counts."""

from __future__ import annotations

from datetime import date

import frappe
from frappe.handler import execute_cmd
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_years, today

from kelisim_app.exceptions import PersonalDataPermissionError
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry import iin as iin_rules
from kelisim_app.kelisim_registry import personal_data
from kelisim_app.kelisim_registry.personal_data_rules import AnonymisationError, ConsentError
from kelisim_app.kelisim_registry.tests.factories import make_membership, make_structure
from kelisim_app.tests.security import matrix
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

PERSON = "KLS Person"
REGION_A, REGION_B = "KZ-71", "KZ-75"
CONSENT = {
	"consent_given": 1,
	"consent_date": "2024-02-01",
	"consent_form": "Electronic",
	"consent_purpose": "Registry of public structures",
}


def valid_iin(born: date, serial: int) -> str:
	while not (iin := iin_rules.make_iin(born, True, serial)):
		serial += 1
	return iin


class TestPersonConsent(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.spec_a = make_user("pd-kgu-spec-a", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A))
		cls.head_a = make_user(
			"pd-kgu-head-a", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A)
		)
		cls.coordinator = make_user("pd-rgu-coord", [core.ROLE_RGU_COORDINATOR], rgu_office())
		cls.observer = make_user("pd-observer", [core.ROLE_MINISTRY_OBSERVER])
		cls.admin = make_user("pd-admin", [core.ROLE_ADMINISTRATOR])
		frappe.set_user("Administrator")
		frappe.db.delete(PERSON, {"last_name": ["like", "Pd-%"]})
		cls.serial = 100

	def tearDown(self):
		frappe.set_user("Administrator")
		matrix.clear_request()

	def register(self, user: str, last: str, **values) -> str:
		type(self).serial += 7
		frappe.set_user(user)
		doc = frappe.get_doc(
			{
				"doctype": PERSON,
				"first_name": "Aigerim",
				"last_name": f"Pd-{last}",
				"region": REGION_A,
				"iin": valid_iin(date(1990, 5, 17), self.serial),
				"phone": "+77011234567",
				**values,
			}
		).insert()
		frappe.set_user("Administrator")
		return doc.name

	def test_consent_is_recorded_as_the_law_asks(self):
		frappe.set_user(self.spec_a)
		base = {"doctype": PERSON, "first_name": "Aigerim", "last_name": "Pd-Consent", "region": REGION_A}
		for missing in ("consent_date", "consent_form", "consent_purpose"):
			values = {**base, **CONSENT, missing: None}
			self.assertRaises(frappe.ValidationError, frappe.get_doc(values).insert)
		future = {**base, **CONSENT, "consent_date": add_days(today(), 3)}
		self.assertRaises(ConsentError, frappe.get_doc(future).insert)
		written = {**base, **CONSENT, "consent_form": "Written"}
		self.assertRaises(ConsentError, frappe.get_doc(written).insert)
		withdrawn_before = {**base, **CONSENT, "consent_withdrawn_on": "2024-01-01"}
		self.assertRaises(ConsentError, frappe.get_doc(withdrawn_before).insert)
		ok = frappe.get_doc({**base, **CONSENT}).insert()
		self.assertEqual(ok.registered_by_office, kgu_office(REGION_A))

	def test_without_consent_the_person_stays_with_his_office(self):
		from frappe.api.v1 import read_doc

		name = self.register(self.spec_a, "NoConsent")
		self.assertEqual(frappe.db.get_value(PERSON, name, "registered_by_office"), kgu_office(REGION_A))
		for outsider in (self.coordinator, self.observer):
			frappe.set_user(outsider)
			self.assertFalse(frappe.has_permission(PERSON, "read", name), outsider)
			self.assertNotIn(name, frappe.get_list(PERSON, pluck="name", limit=0), outsider)
			self.assertRaises(frappe.PermissionError, read_doc, PERSON, name)
		frappe.set_user(self.head_a)
		self.assertTrue(frappe.has_permission(PERSON, "read", name))
		self.assertIn(name, frappe.get_list(PERSON, pluck="name", limit=0))
		# once he consents, the RGU sees him (without his IIN: the coordinator holds level 1, the observer not)
		frappe.set_user(self.spec_a)
		doc = frappe.get_doc(PERSON, name)
		doc.update(CONSENT)
		doc.save()
		for insider in (self.coordinator, self.observer):
			frappe.set_user(insider)
			self.assertTrue(frappe.has_permission(PERSON, "read", name), insider)
			self.assertIn(name, frappe.get_list(PERSON, pluck="name", limit=0), insider)
		# a withdrawn consent ends it
		frappe.set_user(self.spec_a)
		doc = frappe.get_doc(PERSON, name)
		doc.consent_withdrawn_on = today()
		doc.save()
		frappe.set_user(self.coordinator)
		self.assertFalse(frappe.has_permission(PERSON, "read", name))
		self.assertNotIn(name, frappe.get_list(PERSON, pluck="name", limit=0))

	def test_reads_of_confidential_fields_are_logged(self):
		from frappe.api.v1 import read_doc

		name = self.register(self.spec_a, "Audit", **CONSENT)
		frappe.db.delete("View Log", {"reference_doctype": PERSON, "reference_name": name})
		for user in (self.head_a, self.coordinator, self.observer):
			frappe.set_user(user)
			matrix.reset_request(method="GET")
			read_doc(PERSON, name)
			matrix.clear_request()
			frappe.flags.pop("kls_person_reads", None)
		frappe.set_user("Administrator")
		readers = set(
			frappe.get_all(
				"View Log",
				filters={"reference_doctype": PERSON, "reference_name": name},
				pluck="viewed_by",
			)
		)
		# the KGU Head and the coordinator hold level 1 (IIN, birth date); the observer does not
		self.assertEqual(readers, {self.head_a, self.coordinator})

	def test_anonymisation_on_request(self):
		structure = make_structure("Pd Council Astana", REGION_A, founded_on="2015-01-01")
		name = self.register(self.spec_a, "Erase", **CONSENT)
		make_membership(name, structure, from_date="2020-01-01")
		frappe.set_user(self.spec_a)
		doc = frappe.get_doc(PERSON, name)
		doc.phone = "+77017654321"
		doc.flags.ignore_version = False
		doc.save()
		frappe.set_user("Administrator")
		members_before = frappe.db.count("KLS Membership", {"structure": structure})
		# a specialist may not; nor without a reason
		frappe.set_user(self.spec_a)
		matrix.reset_request({"person": name, "reason": "His request"}, method="POST")
		with self.assertRaises(PersonalDataPermissionError) as refusal:
			execute_cmd("kelisim_app.kelisim_registry.personal_data.anonymise")
		self.assertEqual(refusal.exception.http_status_code, 403)
		frappe.set_user(self.head_a)
		matrix.reset_request({"person": name, "reason": " "}, method="POST")
		self.assertRaises(
			AnonymisationError, execute_cmd, "kelisim_app.kelisim_registry.personal_data.anonymise"
		)
		matrix.reset_request({"person": name, "reason": "Written request of 01.12.2026"}, method="POST")
		execute_cmd("kelisim_app.kelisim_registry.personal_data.anonymise")
		frappe.set_user("Administrator")
		doc = frappe.get_doc(PERSON, name)
		self.assertTrue(doc.anonymised)
		self.assertEqual(doc.anonymised_by, self.head_a)
		self.assertEqual(doc.anonymisation_reason, "Written request of 01.12.2026")
		self.assertFalse(doc.iin or doc.phone or doc.birth_date)
		self.assertNotIn("Aigerim", doc.full_name)
		self.assertNotIn("Erase", doc.full_name)
		# the row and the memberships stay: the counts of the reports are what they were
		self.assertEqual(frappe.db.count("KLS Membership", {"structure": structure}), members_before)
		# no copy of his name is left in the records that link him
		self.assertEqual(self.copies_naming(name, "Pd-Erase"), [])
		# his history is scrubbed; the anonymisation is logged, without the old values
		self.assertFalse(frappe.db.exists("Version", {"ref_doctype": PERSON, "docname": name}))
		log = frappe.get_all(
			"Comment",
			filters={"reference_doctype": PERSON, "reference_name": name, "comment_type": "Info"},
			pluck="content",
		)
		self.assertTrue(any("Written request of 01.12.2026" in c and self.head_a in c for c in log), log)
		self.assertFalse(any("Pd-Erase" in c or "+7701" in c for c in log))
		self.assertRaises(AnonymisationError, personal_data.erase, name, "again", self.head_a)

	def copies_naming(self, person: str, text: str) -> list[str]:
		"""Every copy of a person's data in the app (from the metadata) that still holds `text`."""
		found = []
		for doctype in personal_data.copying_doctypes():
			for link, copy in personal_data.copies_in(doctype):
				values = frappe.get_all(doctype, filters={link: person}, pluck=copy)
				found += [f"{doctype}.{copy}" for v in values if v and text in v]
		return found

	def test_every_copy_of_a_persons_name_is_found_in_the_metadata(self):
		"""The copies are read from the metadata: every field of the app fetched from a person's name."""
		modules = frappe.get_module_list("kelisim_app")
		expected = set()
		for doctype in frappe.get_all("DocType", filters={"module": ("in", modules)}, pluck="name"):
			meta = frappe.get_meta(doctype)
			for df in meta.fields:
				link, _dot, source = (df.fetch_from or "").partition(".")
				linked = meta.get_field(link) if link else None
				if linked and linked.options == PERSON and source == "full_name" and df.read_only:
					expected.add((doctype, df.fieldname))
		found = {
			(dt, copy) for dt in personal_data.copying_doctypes() for _l, copy in personal_data.copies_in(dt)
		}
		self.assertTrue(expected, "the app copies a person's name somewhere")
		self.assertLessEqual(expected, found)
		print(
			f"kelisim-metric: person name copies {len(found)} fields in {len(personal_data.copying_doctypes())} DocTypes"
		)

	def test_his_name_is_copied_only_while_he_consents(self):
		from frappe.desk.form.load import getdoc

		structure = make_structure("Pd Council Kosshy", REGION_A, founded_on="2016-01-01")
		name = self.register(self.spec_a, "Copied")
		membership = make_membership(name, structure, from_date="2021-01-01")
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.get_value("KLS Membership", membership, "person_name"))

		def titles_for(user: str) -> dict:
			frappe.set_user(user)
			frappe.local.response = frappe._dict(docs=[])
			getdoc("KLS Membership", membership)
			titles = dict(frappe.local.response.get("_link_titles") or {})
			frappe.set_user("Administrator")
			return titles

		# beyond his office neither the copy nor the link's title names him
		for outsider in (self.coordinator, self.observer):
			self.assertNotIn(f"{PERSON}::{name}", titles_for(outsider), outsider)
		self.assertIn("Pd-Copied", titles_for(self.head_a)[f"{PERSON}::{name}"])
		# consent given: the copies hold his name; withdrawn: emptied again, everywhere
		frappe.set_user(self.spec_a)
		doc = frappe.get_doc(PERSON, name)
		doc.update(CONSENT)
		doc.save()
		frappe.set_user("Administrator")
		self.assertIn("Pd-Copied", frappe.db.get_value("KLS Membership", membership, "person_name"))
		self.assertIn("Pd-Copied", titles_for(self.coordinator)[f"{PERSON}::{name}"])
		frappe.set_user(self.spec_a)
		doc = frappe.get_doc(PERSON, name)
		doc.consent_withdrawn_on = today()
		doc.save()
		self.assertEqual(self.copies_naming(name, "Pd-Copied"), [])
		self.assertNotIn(f"{PERSON}::{name}", titles_for(self.coordinator))

	def test_retention_of_people_who_left_every_structure(self):
		structure = make_structure("Pd Council Kostanay", REGION_A, founded_on="2010-01-01")
		gone = self.register(self.spec_a, "Gone", **CONSENT)
		make_membership(gone, structure, from_date="2012-01-01", to_date=add_years(today(), -6))
		staying = self.register(self.spec_a, "Staying", **CONSENT)
		make_membership(staying, structure, from_date="2012-01-01")
		settings = frappe.get_doc("KLS Registry Settings")
		settings.retention_years, settings.retention_action = 5, "Flag for review"
		settings.save()
		personal_data.daily()
		self.assertEqual(frappe.db.get_value(PERSON, gone, "retention_due"), 1)
		self.assertEqual(frappe.db.get_value(PERSON, staying, "retention_due"), 0)
		frappe.db.set_value(PERSON, gone, "retention_due", 0)
		settings.retention_action = "Anonymise"
		settings.save()
		personal_data.daily()
		self.assertEqual(frappe.db.get_value(PERSON, gone, "anonymised"), 1)
		self.assertEqual(frappe.db.get_value(PERSON, staying, "anonymised"), 0)
