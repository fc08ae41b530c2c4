"""Records hung on a document through REST or code rather than a whitelisted method (ToDo, Tag Link,
Document Follow, File) need the right to write the document (`document_access.check_reference`); a notification
of an app DocType may not render a confidential field (`confidential.check_notification`)."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.tests.security import matrix, world

EVENT = "KLS Event"
PERSON = "KLS Person"


class TestDocumentAccess(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.u = world.users()
		cls.records = world.records(cls.u, [EVENT, PERSON])

	def tearDown(self):
		frappe.set_user("Administrator")
		matrix.clear_request()

	def hung(self, doctype: str, name: str) -> list[dict]:
		return [
			{
				"doctype": "ToDo",
				"description": "sec",
				"allocated_to": frappe.session.user,
				"reference_type": doctype,
				"reference_name": name,
			},
			{"doctype": "Tag Link", "document_type": doctype, "document_name": name, "tag": "sec"},
			{
				"doctype": "Document Follow",
				"ref_doctype": doctype,
				"ref_docname": name,
				"user": frappe.session.user,
			},
			{
				"doctype": "File",
				"file_name": "sec.txt",
				"content": "sec",
				"is_private": 1,
				"attached_to_doctype": doctype,
				"attached_to_name": name,
			},
		]

	def test_nothing_hangs_on_another_regions_record(self):
		if not frappe.db.exists("Tag", "sec"):
			frappe.get_doc({"doctype": "Tag", "name": "sec"}).insert(ignore_permissions=True)
		frappe.set_user(self.u.kgu_other)
		for values in self.hung(EVENT, self.records[EVENT]):
			with self.subTest(values["doctype"]), self.assertRaises(frappe.PermissionError):
				frappe.get_doc(values).insert()
			frappe.clear_messages()

	def test_the_regions_own_staff_may_hang_them(self):
		frappe.set_user(self.u.kgu_same)
		self.assertTrue(frappe.has_permission(PERSON, "write", self.records[PERSON]))
		todo = frappe.get_doc(self.hung(PERSON, self.records[PERSON])[0]).insert()
		self.assertTrue(todo.name)

	def test_global_search_finds_only_records_the_user_reads(self):
		"""Frappe's global search checks the DocType, not the record: with the event DocType added to the
		Global Search Settings, region A's event is found by its own region, never by region B."""
		from frappe.handler import execute_cmd
		from frappe.utils.global_search import sync_global_search, update_global_search

		settings = frappe.get_single("Global Search Settings")
		if EVENT not in {row.document_type for row in settings.allowed_in_global_search}:
			settings.append("allowed_in_global_search", {"document_type": EVENT})
			settings.save(ignore_permissions=True)
		frappe.cache.hdel("global_search", "search_priorities")  # Frappe caches the allowed list
		name = self.records[EVENT]
		word = f"Glsrch{frappe.generate_hash(length=6)}"
		frappe.db.set_value(EVENT, name, "title", f"{word} festival")
		update_global_search(frappe.get_doc(EVENT, name))
		sync_global_search()

		def found(user: str) -> list[str]:
			frappe.set_user(user)
			matrix.reset_request({"text": word})
			try:
				result = execute_cmd("frappe.utils.global_search.search") or frappe.local.response.get(
					"message"
				)
			except frappe.PermissionError:  # a guest may not search at all
				result = []
			frappe.set_user("Administrator")
			return [r["name"] for r in result or []]

		self.assertIn(name, found(self.u.kgu_same), "the region's own staff find it (the search works)")
		# every kind of user finds it exactly when the permission matrix lets him read it
		for kind in world.kinds_with_users():
			expected = matrix.expected(kind, EVENT, world.REGION_A, "read")
			self.assertEqual(name in found(kind.user), expected, kind.key)

	def test_a_notification_may_not_show_a_confidential_field(self):
		values = {
			"doctype": "Notification",
			"name": "Sec person notice",
			"subject": "Person {{ doc.full_name }}",
			"document_type": PERSON,
			"event": "New",
			"channel": "System Notification",
			"recipients": [{"receiver_by_role": "Ministry Observer"}],
		}
		frappe.get_doc({**values, "message": "Registered {{ doc.full_name }}"}).insert()
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc({**values, "name": "Sec person iin", "message": "IIN {{ doc.iin }}"}).insert()
