# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Hand-over to the ministry (#20), as the real users: the RGU coordinator hands a signed-off regional or
national report over under the office's outgoing number and date (required, not in the future, frozen once
handed over); nobody else takes the step; the ministry observer acknowledges the receipt once; the report
exports as an Excel workbook in the ministry's layout in the user's language."""

from __future__ import annotations

import io

import frappe
from frappe.handler import execute_cmd
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_reporting.rules import HandOverError
from kelisim_app.kelisim_reporting.tests.factories import NARRATIVE, quarter, regional_report
from kelisim_app.tests.security import matrix
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REGION = "KZ-47"  # Mangystau
REFUSED = (WorkflowPermissionError, WorkflowTransitionError, frappe.PermissionError)


def signed_off(doctype: str, name: str) -> None:
	"""The report as its workflow leaves it once signed off (the chain itself is tested elsewhere)."""
	frappe.db.set_value(
		doctype, name, {"workflow_state": "Signed off", "docstatus": 1}, update_modified=False
	)
	for table in frappe.get_meta(doctype).get_table_fields():
		frappe.db.set_value(table.options, {"parent": name, "parenttype": doctype}, "docstatus", 1)


class TestHandOver(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.specialist = make_user("ho-kgu-spec-47", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION))
		cls.kgu_head = make_user("ho-kgu-head-47", [core.ROLE_KGU_HEAD], kgu_office(REGION))
		cls.coordinator = make_user("ho-rgu-coord", [core.ROLE_RGU_COORDINATOR], rgu_office())
		cls.rgu_head = make_user("ho-rgu-head", [core.ROLE_RGU_HEAD], rgu_office())
		cls.observer = make_user("ho-observer", [core.ROLE_MINISTRY_OBSERVER])
		frappe.db.set_value("User", cls.observer, "language", "ru")
		frappe.set_user("Administrator")
		cls.period = quarter(2024, 2)
		frappe.db.delete("KLS Regional Report", {"period": cls.period, "region": REGION})
		frappe.db.delete("KLS National Report", {"period": ["in", [cls.period, quarter(2024, 1)]]})

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.delete("KLS Regional Report", {"period": self.period, "region": REGION})
		report = regional_report(self.period, REGION, self.specialist, **NARRATIVE)
		frappe.set_user("Administrator")
		frappe.get_doc("KLS Regional Report", report.name).compile()
		signed_off("KLS Regional Report", report.name)
		self.report = report.name

	def tearDown(self):
		frappe.set_user("Administrator")
		matrix.clear_request()

	def hand_over(self, user: str, name: str, doctype: str = "KLS Regional Report", **values):
		"""As the desk does it: the outgoing number and date saved on the signed-off report, then the step
		(Frappe's apply_workflow reloads the document from the database)."""
		frappe.set_user(user)
		if values:
			frappe.get_doc(doctype, name).update(values).save()
		return apply_workflow(frappe.get_doc(doctype, name), "Hand over")

	def test_the_rgu_hands_over_under_its_outgoing_number(self):
		with self.assertRaises(HandOverError):  # no number yet
			self.hand_over(self.coordinator, self.report)
		with self.assertRaises(HandOverError):  # a date in the future
			self.hand_over(
				self.coordinator, self.report, outgoing_number="01-12/345", outgoing_date=add_days(today(), 3)
			)
		# entered on the signed-off report first, then the step
		frappe.set_user(self.coordinator)
		doc = frappe.get_doc("KLS Regional Report", self.report)
		doc.update({"outgoing_number": " 01-12/345 ", "outgoing_date": today()})
		doc.save()
		done = self.hand_over(self.coordinator, self.report)
		self.assertEqual(done.workflow_state, "Handed over")
		self.assertEqual(done.docstatus, 1)
		self.assertEqual(done.outgoing_number, "01-12/345")
		self.assertEqual(done.handed_over_by, self.coordinator)
		self.assertTrue(done.handed_over_on)
		# frozen from then on
		frappe.set_user(self.coordinator)
		doc = frappe.get_doc("KLS Regional Report", self.report)
		doc.outgoing_number = "01-12/999"
		self.assertRaises(HandOverError, doc.save)

	def test_nobody_else_takes_the_step(self):
		values = {"outgoing_number": "01-12/346", "outgoing_date": today()}
		for user in (self.specialist, self.kgu_head, self.observer):
			frappe.db.savepoint("ho")
			with self.subTest(user), self.assertRaises(REFUSED):
				self.hand_over(user, self.report, **values)
			frappe.db.rollback(save_point="ho")
			frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("KLS Regional Report", self.report, "workflow_state"), "Signed off"
		)

	def acknowledge(self, user: str, name: str, doctype: str = "KLS Regional Report"):
		frappe.set_user(user)
		matrix.reset_request({"doctype": doctype, "name": name}, method="POST")
		try:
			return execute_cmd("kelisim_app.kelisim_reporting.handover.acknowledge_receipt")
		finally:
			frappe.set_user("Administrator")

	def test_the_ministry_acknowledges_the_receipt_once(self):
		self.assertRaises(HandOverError, self.acknowledge, self.observer, self.report)  # not handed over yet
		self.hand_over(self.coordinator, self.report, outgoing_number="01-12/347", outgoing_date=today())
		self.assertRaises(frappe.PermissionError, self.acknowledge, self.kgu_head, self.report)
		self.assertRaises(frappe.PermissionError, self.acknowledge, self.observer, "RR-NO-SUCH-REPORT")
		self.acknowledge(self.observer, self.report)
		doc = frappe.get_doc("KLS Regional Report", self.report)
		self.assertEqual(doc.received_by, self.observer)
		self.assertTrue(doc.received_on)
		self.assertEqual(doc.workflow_state, "Handed over")
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "KLS Regional Report",
					"reference_name": self.report,
					"comment_type": "Info",
				},
			)
		)
		self.assertRaises(HandOverError, self.acknowledge, self.observer, self.report)

	def export(self, user: str, name: str, doctype: str = "KLS Regional Report") -> list[list]:
		from openpyxl import load_workbook

		frappe.set_user(user)
		lang = frappe.local.lang
		frappe.local.lang = frappe.db.get_value("User", user, "language") or "en"  # as a request of his
		matrix.reset_request({"doctype": doctype, "name": name})
		try:
			execute_cmd("kelisim_app.kelisim_reporting.handover.export_for_ministry")
			content = frappe.response["filecontent"]
		finally:
			frappe.local.lang = lang
			frappe.set_user("Administrator")
		sheet = load_workbook(io.BytesIO(content)).active
		return [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]

	def test_the_report_exports_in_the_ministrys_layout(self):
		self.hand_over(self.coordinator, self.report, outgoing_number="01-12/348", outgoing_date=today())
		rows = self.export(self.observer, self.report)
		text = [str(c) for row in rows for c in row]
		self.assertIn("01-12/348", text)
		self.assertIn("Волонтёры", text, "figure labels in the reader's language")
		self.assertIn("Мангистауская область", text, "the region by its name")
		numbered = [row for row in rows if row and isinstance(row[0], int)]
		self.assertGreaterEqual(len(numbered), 25, "every figure numbered")
		# another region's KGU reads nothing of it, as for a report that does not exist
		other = make_user("ho-kgu-spec-55", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-55"))
		self.assertRaises(frappe.PermissionError, self.export, other, self.report)

	def test_the_national_report_is_handed_over_too(self):
		frappe.set_user(self.coordinator)
		national = frappe.get_doc(
			{"doctype": "KLS National Report", "period": self.period, "language": "kk", **NARRATIVE}
		).insert()
		national.compile()
		frappe.set_user("Administrator")
		signed_off("KLS National Report", national.name)
		done = self.hand_over(
			self.coordinator,
			national.name,
			"KLS National Report",
			outgoing_number="01-12/400",
			outgoing_date=today(),
		)
		self.assertEqual(done.workflow_state, "Handed over")
		rows = self.export(self.observer, national.name, "KLS National Report")
		text = [str(c) for row in rows for c in row]
		self.assertIn("Мангистауская область", text, "one row per region")
		self.acknowledge(self.observer, national.name, "KLS National Report")
		self.assertEqual(
			frappe.db.get_value("KLS National Report", national.name, "received_by"), self.observer
		)

	def test_the_national_hand_over_asks_for_a_signature_when_the_settings_do(self):
		"""With signatures on, «Hand over» of a national report is a signed step (a step between two submitted
		states runs no validate: the guard runs before the update after submit too)."""
		from kelisim_app.exceptions import SignatureRequiredError
		from kelisim_app.kelisim_core import signing

		frappe.set_user(self.coordinator)
		national = frappe.get_doc(
			{"doctype": "KLS National Report", "period": quarter(2024, 1), "language": "kk", **NARRATIVE}
		).insert()
		frappe.set_user("Administrator")
		signed_off("KLS National Report", national.name)
		signing.ensure_default_steps()
		frappe.db.set_single_value("KLS Signature Settings", "enabled", 1)
		try:
			self.assertTrue(signing.is_required("KLS National Report", "Hand over"))
			with self.assertRaises(SignatureRequiredError):
				self.hand_over(
					self.coordinator,
					national.name,
					"KLS National Report",
					outgoing_number="01-12/401",
					outgoing_date=today(),
				)
		finally:
			frappe.set_user("Administrator")
			frappe.db.set_single_value("KLS Signature Settings", "enabled", 0)
		state = frappe.db.get_value("KLS National Report", national.name, "workflow_state")
		self.assertEqual(state, "Signed off")
