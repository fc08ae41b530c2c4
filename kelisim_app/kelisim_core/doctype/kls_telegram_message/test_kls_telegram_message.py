# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import telegram
from kelisim_app.tests.utils import make_user


class TestKLSTelegramMessage(FrappeTestCase):
	def test_a_message_to_a_user_without_a_chat_is_skipped(self):
		user = make_user("tg-message-nochat", ["Ministry Observer"], None)
		name = telegram.queue(user, "<b>Kelisim</b>", "Notification")
		self.assertEqual(telegram.deliver(name), "Skipped")
		row = frappe.db.get_value("KLS Telegram Message", name, ["status", "error"], as_dict=True)
		self.assertEqual(row.status, "Skipped")
		self.assertTrue(row.error)
		self.assertEqual(telegram.deliver(name), "Skipped", "a message is delivered once")

	def test_the_log_keeps_half_a_year(self):
		from frappe.utils import add_to_date, now_datetime

		user = make_user("tg-message-old", ["Ministry Observer"], None)
		old = telegram.queue(user, "old", "Notification")
		new = telegram.queue(user, "new", "Notification")
		frappe.db.set_value("KLS Telegram Message", old, "creation", add_to_date(now_datetime(), days=-181))
		telegram.clear_old_messages()
		self.assertFalse(frappe.db.exists("KLS Telegram Message", old))
		self.assertTrue(frappe.db.exists("KLS Telegram Message", new))
