# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase


class TestKLSFAQEntry(FrappeTestCase):
	def test_public_page_shows_published_entries_only_sanitised(self):
		from kelisim_app.www import mediation_faq

		def entry(question, published, language="ru"):
			return frappe.get_doc(
				{
					"doctype": "KLS FAQ Entry",
					"question": question,
					"answer": "<p>Answer</p><script>alert(1)</script>",
					"category": "Discrimination",
					"language": language,
					"published": published,
				}
			).insert()

		entry("Published question?", 1)
		entry("Draft question?", 0)
		frappe.set_user("Guest")
		try:
			rows = mediation_faq.faq_entries("ru")
			context = mediation_faq.get_context(frappe._dict())
		finally:
			frappe.set_user("Administrator")
		questions = [r.question for r in rows]
		self.assertIn("Published question?", questions)
		self.assertNotIn("Draft question?", questions)
		self.assertNotIn("<script", frappe.as_json(rows))
		self.assertTrue(context.title)
