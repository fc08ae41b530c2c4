# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import notice_rules as nr
from kelisim_app.kelisim_core import telegram
from kelisim_app.tests.utils import make_user


class TestKLSTelegramAccount(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_a_guest_has_no_telegram_page(self):
		frappe.set_user("Guest")
		self.assertRaises(frappe.PermissionError, telegram.my_status)
		self.assertRaises(frappe.PermissionError, telegram.unlink_me)

	def test_an_unknown_choice_is_refused_and_unlinking_nothing_is_harmless(self):
		user = make_user("tg-account-plain", ["Ministry Observer"], None)
		frappe.set_user(user)
		self.assertRaises(frappe.ValidationError, telegram.set_preference, "Pigeon post")
		self.assertEqual(telegram.unlink_me()["status"], "Not linked")
		self.assertEqual(telegram.set_preference(nr.PREF_DESK)["preference"], nr.PREF_DESK)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("KLS Telegram Account", user, "status"), "Not linked")
