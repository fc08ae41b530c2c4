# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase


class TestKLSAlertRole(FrappeTestCase):
	def test_a_role_that_does_not_exist_is_refused(self):
		rule = frappe.get_doc("KLS Alert Rule", frappe.get_all("KLS Alert Rule", pluck="name", limit=1)[0])
		rule.append("escalation_roles", {"role": "No Such Role Anywhere"})
		self.assertRaises(frappe.LinkValidationError, rule.save)
