# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""What Frappe itself extracts from the app (`frappe.translate.get_messages_for_app`: DocTypes, pages,
reports, workflows, custom fields, the app's JS and Python, the navbar's items, the module names) is all
translated in Kazakh and Russian on a site (#23): the layer-1 coverage counts the app's own catalogue; this
counts what the desk asks for, merged from every app as Frappe merges it."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.translate import get_all_translations, get_messages_for_app


class TestAppMessages(FrappeTestCase):
	def test_every_message_frappe_extracts_from_the_app_is_translated(self):
		frappe.clear_cache()
		messages = {m[1] for m in get_messages_for_app("kelisim_app") if m[1]}
		self.assertIn("Kelisim Core", messages)
		self.assertIn("My Profile", messages)
		for lang in ("kk", "ru"):
			translations = get_all_translations(lang)
			missing = sorted(m for m in messages if m not in translations)
			self.assertEqual(missing, [], f"{lang}: {len(missing)} of {len(messages)} untranslated")

	def test_module_names_and_user_menu_in_kazakh(self):
		translations = get_all_translations("kk")
		for message in ("Kelisim Core", "Kelisim Reporting", "My Profile", "Keyboard Shortcuts", "About"):
			self.assertNotEqual(translations.get(message, message), message, message)
