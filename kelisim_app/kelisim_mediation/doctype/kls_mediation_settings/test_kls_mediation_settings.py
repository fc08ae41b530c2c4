# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_mediation import control
from kelisim_app.kelisim_mediation.exceptions import MediationSettingsError


class TestKLSMediationSettings(FrappeTestCase):
	def test_defaults_and_checks(self):
		conf = control.settings()
		self.assertEqual((conf.approach_days, conf.rgu_extra_days), (3, 5))
		for sla, default in (
			([{"category": "Land", "days": 0}], 30),
			([{"category": "Land", "days": 20}, {"category": "Land", "days": 10}], 30),
			([{"category": "Land", "days": 20}], 0),
		):
			settings = frappe.get_doc("KLS Mediation Settings")
			settings.set("sla", sla)
			settings.default_sla_days = default
			self.assertRaises(MediationSettingsError, settings.save)
