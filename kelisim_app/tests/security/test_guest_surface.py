"""What a visitor without a login can reach: the public appeal form and the status check, both rate-limited
and silent about other cases; nothing else of the app (no other allow_guest method, no Guest permission on
any DocType, no list or document of the app)."""

from __future__ import annotations

import json
import random

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_mediation import rules
from kelisim_app.kelisim_mediation.exceptions import AppealError
from kelisim_app.kelisim_mediation.testing import REGION_A, make_case
from kelisim_app.tests.security import matrix, scan

STATUS = "kelisim_app.kelisim_mediation.appeals.check_status"
# #21: Telegram's webhook, refused without the secret token header (kelisim_app/tests/test_telegram.py)
WEBHOOK = "kelisim_app.kelisim_core.telegram.webhook"
GUEST_METHODS = {STATUS, WEBHOOK}
STATUS_KEYS = {
	"found",
	"reference",
	"status",
	"status_label",
	"received_on",
	"due_date",
	"resolved_on",
	"closed_on",
}
LIMITED = (frappe.RateLimitExceededError, AppealError)


class TestGuestSurface(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.case = make_case(region=REGION_A)
		self.contact = self.case.parties[0].phone
		self.new_address()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.request_ip = None
		matrix.clear_request()

	def new_address(self):
		frappe.local.request_ip = (
			f"10.{random.randint(0, 250)}.{random.randint(0, 250)}.{random.randint(1, 250)}"
		)

	def check(self, reference, contact):
		from kelisim_app.kelisim_mediation.appeals import check_status

		frappe.set_user("Guest")
		matrix.reset_request({"cmd": STATUS, "reference": reference, "contact": contact}, method="POST")
		return check_status(reference=reference, contact=contact)

	def test_the_app_exposes_no_other_guest_method_or_permission(self):
		guest = {m.path for m in scan.whitelisted_methods() if m.allow_guest}
		self.assertEqual(guest, GUEST_METHODS)
		doctypes = frappe.get_all("DocType", filters={"module": ["in", scan.app_modules()]}, pluck="name")
		for doctype in doctypes:
			for perm in frappe.get_meta(doctype).permissions:
				self.assertNotIn(perm.role, ("Guest", "All"), f"{doctype} grants {perm.role}")
		frappe.set_user("Guest")
		for doctype in doctypes:
			if frappe.get_meta(doctype).istable:
				continue
			self.assertRaises(frappe.PermissionError, frappe.get_list, doctype, limit=1)
			self.assertFalse(frappe.has_permission(doctype, "read"))

	def test_the_status_check_reveals_only_the_status_and_only_to_the_author(self):
		right = self.check(self.case.name, self.contact)
		self.assertTrue(right["found"])
		self.assertEqual(set(right), STATUS_KEYS, "no names, narrative, mediator or region")
		wrong_contact = self.check(self.case.name, "+77000000000")
		no_case = self.check("MED-1900-99999", self.contact)
		self.assertEqual(wrong_contact, no_case, "a wrong contact and a missing case look the same")
		self.assertEqual(set(wrong_contact), {"found", "message"})
		# the public page neither says more nor echoes the contact back
		from kelisim_app.www import appeal_status

		frappe.form_dict.update({"reference": self.case.name, "contact": "+77000000000"})
		context = appeal_status.get_context(frappe._dict())
		self.assertIsNone(context.status)
		self.assertEqual(context.contact, "")

	def test_the_status_check_is_rate_limited(self):
		frappe.cache.delete_keys("rl:")
		frappe.cache.delete_keys("kls-mediation:")
		for _i in range(rules.STATUS_CHECKS_PER_HOUR):
			self.check("MED-1900-99999", self.contact)
		self.assertRaises(LIMITED, self.check, self.case.name, self.contact)
		self.new_address()
		frappe.cache.delete_keys("rl:")
		self.assertTrue(self.check(self.case.name, self.contact)["found"], "another address is not blocked")

	def test_the_appeal_form_is_rate_limited_and_writes_nothing_else(self):
		from frappe.website.doctype.web_form.web_form import accept

		web_form = frappe.get_doc("Web Form", {"doc_type": "KLS Mediation Appeal"})
		self.assertFalse(web_form.login_required)
		for flag in ("allow_edit", "allow_multiple", "show_list", "allow_delete", "allow_print", "anonymous"):
			self.assertFalse(web_form.get(flag), f"the public form may not {flag}")
		frappe.cache.delete_keys("rl:")
		before = frappe.db.count("KLS Mediation Appeal")
		sent = 0
		with self.assertRaises(LIMITED):
			for i in range(rules.APPEALS_PER_HOUR + 1):
				frappe.set_user("Guest")
				data = {
					"doctype": "KLS Mediation Appeal",
					"applicant_name": "Sec Guest",
					"phone": f"+7701555{i:04d}",
					"region": REGION_A,
					"category": "Neighbours",
					"description": "Sec: the neighbours block the passage.",
					"consent": 1,
				}
				matrix.reset_request({"web_form": web_form.name, "data": json.dumps(data)}, method="POST")
				accept(web_form.name, json.dumps(data))
				sent += 1
		frappe.set_user("Administrator")
		self.assertEqual(sent, rules.APPEALS_PER_HOUR)
		self.assertEqual(frappe.db.count("KLS Mediation Appeal"), before + sent)
