# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import alerts


class TestKLSAlertRule(FrappeTestCase):
	def setUp(self):
		alerts.sync_rules()

	def test_a_role_listed_twice_is_refused(self):
		rule = frappe.get_doc("KLS Alert Rule", "event-reported")
		rule.append("recipient_roles", {"role": rule.recipient_roles[0].role})
		self.assertRaises(frappe.ValidationError, rule.save)

	def test_a_saved_rule_is_read_fresh(self):
		rule = frappe.get_doc("KLS Alert Rule", "event-reported")
		self.assertTrue(alerts.rule("event-reported")["enabled"])
		rule.enabled = 0
		rule.save()
		self.assertFalse(alerts.rule("event-reported")["enabled"], "the rules' cache is cleared on save")
		rule.reload()
		rule.enabled = 1
		rule.save()
		self.assertTrue(alerts.rule("event-reported")["enabled"])
