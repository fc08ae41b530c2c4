# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""The settings' default steps: sign-offs require a signature on a new site; migrate adds a missing default
row and keeps the administrator's choices."""

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import signing


class TestKLSSignatureSettings(FrappeTestCase):
	def test_default_steps_are_added_once_and_choices_kept(self):
		frappe.set_user("Administrator")
		conf = frappe.get_doc(signing.SETTINGS)
		conf.set("steps", [{"document_type": "KLS Regional Report", "action": "Sign off", "required": 0}])
		conf.save()
		signing.ensure_default_steps()
		signing.ensure_default_steps()
		conf.reload()
		rows = {(r.document_type, r.action): r.required for r in conf.steps}
		self.assertEqual(len(rows), len(conf.steps), "no row twice")
		self.assertEqual(rows[("KLS Regional Report", "Sign off")], 0, "the administrator's choice is kept")
		self.assertEqual(rows[("KLS National Report", "Sign off")], 1)
		self.assertEqual(rows[("KLS Instruction Execution", "Accept")], 1)
		self.assertEqual(rows[("KLS Regional Report", "Submit to RGU")], 0)
		self.assertEqual(conf.ncalayer_url, "wss://127.0.0.1:13579")
