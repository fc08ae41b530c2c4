# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import json
import random

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_mediation import appeals
from kelisim_app.kelisim_mediation.exceptions import AppealError, AppealRateLimitError
from kelisim_app.kelisim_mediation.testing import REGION_A, make_case

APPEAL = "KLS Mediation Appeal"
CASE = "KLS Mediation Case"


def appeal(**values):
	return {
		"doctype": APPEAL,
		"applicant_name": "Guest Citizen",
		"phone": "8 (701) 555-11-22",
		"region": REGION_A,
		"category": "Neighbours",
		"description": "The neighbours block the passage.",
		"consent": 1,
		**values,
	}


def submit_as_guest(**values):
	"""What the public web form does: insert as Guest, ignoring permissions."""
	return frappe.get_doc(appeal(**values)).insert(ignore_permissions=True)


class TestKLSMediationAppeal(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Guest")
		self.ip = f"10.{random.randint(0, 250)}.{random.randint(0, 250)}.{random.randint(1, 250)}"
		frappe.local.request_ip = self.ip
		frappe.cache.delete_keys("kls-mediation:")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.request_ip = None

	def test_guest_appeal_registers_a_case_and_checks_its_status(self):
		doc = submit_as_guest()
		self.assertTrue(doc.reference_number.startswith("MED-"))
		frappe.set_user("Administrator")
		case = frappe.get_doc(CASE, doc.reference_number)
		self.assertEqual(
			(case.workflow_state, case.channel, case.region), ("Registered", "Online form", REGION_A)
		)
		self.assertEqual(case.parties[0].party_name, "Guest Citizen")
		self.assertEqual(case.narrative, "The neighbours block the passage.")
		frappe.set_user("Guest")

		status = appeals.check_status(doc.reference_number, "+7 701 555 1122")
		self.assertTrue(status["found"])
		self.assertEqual(status["status"], "Registered")
		self.assertNotIn("narrative", status)
		self.assertNotIn("party_name", frappe.as_json(status))

		wrong_phone = appeals.check_status(doc.reference_number, "+7 701 000 0000")
		other_case = appeals.check_status(make_case_as_admin().name, "+7 701 555 1122")
		no_case = appeals.check_status("MED-1999-99999", "+7 701 555 1122")
		self.assertEqual(wrong_phone, other_case)
		self.assertEqual(wrong_phone, no_case)
		self.assertFalse(wrong_phone["found"])

	def test_abusive_input(self):
		doc = submit_as_guest(
			applicant_name="<b>Eve</b><script>alert('x')</script>",
			description="Help <script>document.location='http://evil'</script><img src=x onerror=alert(1)>",
			email="eve@example.com",
		)
		self.assertNotIn("<script", doc.description)
		self.assertNotIn("<img", doc.description)
		self.assertNotIn("<", doc.applicant_name)
		frappe.set_user("Administrator")
		self.assertNotIn("<script", frappe.db.get_value(CASE, doc.reference_number, "narrative"))
		frappe.set_user("Guest")

		before = frappe.db.count(APPEAL), frappe.db.count(CASE)
		self.assertRaisesRegex(AppealError, "too long", submit_as_guest, description="x" * 1_000_000)
		self.assertRaisesRegex(AppealError, "too long", submit_as_guest, description="x" * 5001)
		self.assertRaisesRegex(AppealError, "consent", submit_as_guest, consent=0)
		self.assertRaises(AppealError, submit_as_guest, phone="", email="")
		self.assertRaises(frappe.ValidationError, submit_as_guest, description="<script></script>")
		self.assertEqual((frappe.db.count(APPEAL), frappe.db.count(CASE)), before)  # nothing half-saved

	def test_rate_limits(self):
		for i in range(5):
			submit_as_guest(phone=f"+7701777000{i}")
		self.assertRaises(AppealRateLimitError, submit_as_guest, phone="+77017770099")

		frappe.local.request_ip = self.ip + "9"
		for _i in range(20):
			appeals.check_status_limited("MED-1999-00001", "+77010000000")
		self.assertRaises(AppealRateLimitError, appeals.check_status_limited, "MED-1999-00001", "+7701")

	def test_status_page_answers_only_with_a_match(self):
		from kelisim_app.www import appeal_status

		doc = submit_as_guest(email="citizen@example.com", phone="")
		frappe.form_dict.update({"reference": doc.reference_number, "contact": "Citizen@Example.com"})
		context = appeal_status.get_context(frappe._dict())
		self.assertEqual(context.status["reference"], doc.reference_number)
		frappe.form_dict.update({"reference": doc.reference_number, "contact": "other@example.com"})
		context = appeal_status.get_context(frappe._dict())
		self.assertIsNone(context.status)
		self.assertEqual(context.error, appeals.not_found_message())
		frappe.form_dict.clear()


class TestAppealWebForm(FrappeTestCase):
	"""The public form as a guest posts it: Frappe's web form endpoint, not the DocType."""

	def setUp(self):
		frappe.set_user("Guest")
		frappe.local.request_ip = (
			f"10.{random.randint(0, 250)}.{random.randint(0, 250)}.{random.randint(1, 250)}"
		)
		frappe.cache.delete_keys("kls-mediation:")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.request_ip = None

	def post(self, **values):
		from frappe.website.doctype.web_form.web_form import accept

		data = appeal(**values)
		data.pop("doctype")
		return accept("mediation-appeal", json.dumps(data))

	def test_the_form_is_public_and_registers_a_case(self):
		form = frappe.get_doc("Web Form", "mediation-appeal")
		self.assertEqual((form.published, form.login_required, form.allow_edit), (1, 0, 0))
		self.assertEqual(form.doc_type, APPEAL)
		doc = self.post(phone="", email="guest.form@example.com")
		self.assertEqual(frappe.session.user, "Guest")
		self.assertTrue(doc.reference_number.startswith("MED-"))
		self.assertTrue(appeals.check_status(doc.reference_number, "Guest.Form@example.com")["found"])
		frappe.set_user("Administrator")
		case = frappe.get_doc(CASE, doc.reference_number)
		self.assertEqual((case.channel, case.parties[0].email), ("Online form", "guest.form@example.com"))

	def test_abusive_posts(self):
		earlier = self.post(phone="+77015550001")
		frappe.set_user("Administrator")
		other_case = make_case()
		frappe.set_user("Guest")
		before = frappe.db.count(APPEAL), frappe.db.count(CASE)
		# another appeal cannot be overwritten through the form
		self.assertRaises(frappe.ValidationError, self.post, name=earlier.name, description="Replaced")
		# fields outside the form are not taken: no linking to another case, no forged reference or address
		forged = self.post(
			phone="+77015550002",
			case=other_case.name,
			reference_number="MED-1999-00001",
			ip_address="1.2.3.4",
			description="<p onclick=alert(1)>Help</p><script>steal()</script>",
		)
		self.assertNotEqual(forged.case, other_case.name)
		self.assertNotEqual(forged.reference_number, "MED-1999-00001")
		self.assertNotEqual(forged.ip_address, "1.2.3.4")
		self.assertEqual(forged.description, "Help")
		after = frappe.db.count(APPEAL), frappe.db.count(CASE)
		self.assertEqual(after, (before[0] + 1, before[1] + 1))
		for values in (
			{"consent": 0},
			{"description": "y" * 20_000},
			{"applicant_name": "n" * 500},
			{"phone": "", "email": ""},
			{"category": "Everything"},
			{"region": "KZ-00"},
			{"description": "<script>only()</script>"},
		):
			with self.subTest(values=list(values)):
				self.assertRaises(frappe.ValidationError, self.post, **values)
		self.assertEqual((frappe.db.count(APPEAL), frappe.db.count(CASE)), after, "nothing half-saved")
		# the guest reads no appeal and no case
		self.assertRaises(frappe.PermissionError, frappe.get_list, APPEAL)
		self.assertRaises(frappe.PermissionError, frappe.get_list, CASE)
		self.assertFalse(frappe.has_permission(CASE, "read", other_case.name))


def make_case_as_admin():
	frappe.set_user("Administrator")
	try:
		return make_case()
	finally:
		frappe.set_user("Guest")
