# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase


class TestKLSProjectSettings(FrappeTestCase):
	def test_defaults(self):
		settings = frappe.get_cached_doc("KLS Project Settings")
		self.assertEqual(
			(settings.budget_tolerance, settings.kpi_tolerance, settings.high_risk_score), (20, 10, 15)
		)
