# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import telegram
from kelisim_app.tests.utils import make_user


class TestKLSTelegramMessage(FrappeTestCase):
	def test_a_message_to_a_user_without_a_chat_is_skipped(self):
		user = make_user("tg-message-nochat", ["KGU Specialist"], None)
		name = telegram.queue(user, "<b>Kelisim</b>", "Notification")
		self.assertEqual(telegram.deliver(name), "Skipped")
		row = frappe.db.get_value("KLS Telegram Message", name, ["status", "error"], as_dict=True)
		self.assertEqual(row.status, "Skipped")
		self.assertTrue(row.error)
		self.assertEqual(telegram.deliver(name), "Skipped", "a message is delivered once")
