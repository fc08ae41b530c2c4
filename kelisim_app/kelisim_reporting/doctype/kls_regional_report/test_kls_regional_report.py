# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import json

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, getdate, now_datetime

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_events.doctype.kls_event.test_kls_event import event_values
from kelisim_app.kelisim_registry.tests.factories import make_structure
from kelisim_app.kelisim_reporting import control
from kelisim_app.kelisim_reporting.rules import ReportApprovalError, ReportingError
from kelisim_app.kelisim_reporting.tests.factories import NARRATIVE, current_quarter, regional_report
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

NOT_ALLOWED = (WorkflowPermissionError, WorkflowTransitionError, ReportApprovalError, frappe.PermissionError)
REGION = "KZ-55"


def verified_event(structure, title):
	frappe.set_user("Administrator")
	start = add_to_date(now_datetime(), hours=-5)
	event = frappe.get_doc(
		event_values(structure, title=title, start=start, end=add_to_date(start, hours=2))
	).insert()
	frappe.db.set_value("KLS Event", event.name, "workflow_state", "Verified")
	return event.name


class TestKLSRegionalReport(FrappeTestCase):
	def setUp(self):
		self.specialist = make_user("kgu-spec-report-55", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION))
		self.head = make_user(
			"kgu-head-report-55", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(REGION)
		)
		self.other_head = make_user(
			"kgu-head-report-59", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-59")
		)
		self.coordinator = make_user("rgu-coord-report", [core.ROLE_RGU_COORDINATOR], rgu_office())
		self.rgu_head = make_user(
			"rgu-head-report", [core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR], rgu_office()
		)
		frappe.set_user("Administrator")
		self.period = current_quarter()
		frappe.db.delete("KLS Regional Report", {"period": self.period})
		self.council = make_structure("Report Council Pavlodar", REGION, founded_on="2015-01-01")
		self.event = verified_event(self.council, "Report round table")

	def tearDown(self):
		frappe.set_user("Administrator")

	def act(self, user, name, action, reason=None):
		frappe.set_user(user)
		if reason:
			doc = frappe.get_doc("KLS Regional Report", name)
			doc.return_reason = reason
			doc.save()
		return apply_workflow(frappe.get_doc("KLS Regional Report", name), action)

	def prepared(self, region=REGION, user=None):
		report = regional_report(self.period, region, user or self.specialist, **NARRATIVE)
		frappe.get_doc("KLS Regional Report", report.name).compile()
		return frappe.get_doc("KLS Regional Report", report.name)

	def test_prepare_submit_return_resubmit_sign_off_and_the_frozen_snapshot(self):
		report = regional_report(self.period, REGION, self.specialist)
		self.assertRaises(ReportingError, self.act, self.head, report.name, "Submit to RGU")  # not compiled
		frappe.set_user(self.specialist)
		frappe.get_doc("KLS Regional Report", report.name).compile()
		self.assertRaises(ReportingError, self.act, self.head, report.name, "Submit to RGU")  # no narrative
		frappe.set_user(self.specialist)
		doc = frappe.get_doc("KLS Regional Report", report.name)
		doc.update(NARRATIVE)
		doc.save()
		self.assertGreaterEqual(doc.events_verified, 1)
		self.assertGreaterEqual(doc.structures_registered, 1)
		compiled = doc.events_verified

		self.assertRaises(NOT_ALLOWED, self.act, self.specialist, report.name, "Submit to RGU")
		self.assertRaises(frappe.PermissionError, self.act, self.other_head, report.name, "Submit to RGU")
		self.assertEqual(self.act(self.head, report.name, "Submit to RGU").workflow_state, "Submitted")
		self.assertRaises(ReportApprovalError, self.act, self.coordinator, report.name, "Return")
		self.act(self.coordinator, report.name, "Return", reason="Explain the low turnout")
		frappe.set_user(self.specialist)
		self.assertEqual(
			frappe.get_doc("KLS Regional Report", report.name).returns[0].reason, "Explain the low turnout"
		)
		self.act(self.head, report.name, "Submit to RGU")
		self.assertRaises(NOT_ALLOWED, self.act, self.head, report.name, "Pass for sign-off")
		self.act(self.coordinator, report.name, "Pass for sign-off")
		self.assertRaises(NOT_ALLOWED, self.act, self.coordinator, report.name, "Sign off")
		signed = self.act(self.rgu_head, report.name, "Sign off")
		self.assertEqual((signed.docstatus, signed.workflow_state), (1, "Signed off"))
		self.assertEqual(len(signed.returns), 1)

		# a later event changes nothing in the signed-off report
		verified_event(self.council, "After sign-off")
		frappe.set_user(self.rgu_head)
		doc = frappe.get_doc("KLS Regional Report", report.name)
		self.assertEqual(doc.events_verified, compiled)
		self.assertEqual(json.loads(doc.snapshot)["figures"]["events_verified"], compiled)
		self.assertRaises(ReportingError, doc.compile)
		doc.events_verified = 999
		self.assertRaises(frappe.UpdateAfterSubmitError, doc.save)

	def test_figures_are_never_typed(self):
		report = self.prepared()
		frappe.set_user(self.specialist)
		doc = frappe.get_doc("KLS Regional Report", report.name)
		doc.events_verified = (doc.events_verified or 0) + 10
		self.assertRaises(ReportingError, doc.save)

	def test_a_whole_share_sent_as_an_integer_is_not_typing(self):
		"""The desk sends a Percent of 50.0 back as 50: the same figure, saved; a changed one is refused."""
		report = self.prepared()
		frappe.db.set_value("KLS Regional Report", report.name, "kazakh_share", 50.0)
		frappe.set_user(self.specialist)
		doc = frappe.get_doc("KLS Regional Report", report.name)
		doc.kazakh_share = 50
		doc.achievements = "<p>The share as the desk sends it</p>"
		doc.save()
		doc.kazakh_share = 51
		self.assertRaises(ReportingError, doc.save)

	def test_one_report_per_region_and_period_is_a_database_constraint(self):
		self.prepared()
		frappe.set_user(self.specialist)
		twin = frappe.get_doc({"doctype": "KLS Regional Report", "period": self.period, "region": REGION})
		twin.flags.ignore_validate = True
		self.assertRaises(frappe.DuplicateEntryError, twin.insert)
		self.assertEqual(frappe.db.count("KLS Regional Report", {"period": self.period, "region": REGION}), 1)

	def test_a_locked_period_takes_no_submission(self):
		report = self.prepared()
		frappe.db.set_value("KLS Reporting Period", self.period, "locked", 1)
		self.assertRaises(ReportingError, self.act, self.head, report.name, "Submit to RGU")
		frappe.db.set_value("KLS Reporting Period", self.period, "locked", 0)
		self.assertEqual(self.act(self.head, report.name, "Submit to RGU").workflow_state, "Submitted")

	def test_correction_is_cancel_and_amend_with_a_reason(self):
		report = self.prepared()
		self.act(self.head, report.name, "Submit to RGU")
		self.act(self.coordinator, report.name, "Pass for sign-off")
		self.act(self.rgu_head, report.name, "Sign off")
		self.act(self.rgu_head, report.name, "Cancel for correction")
		frappe.set_user(self.specialist)
		amendment = frappe.copy_doc(frappe.get_doc("KLS Regional Report", report.name), ignore_no_copy=False)
		amendment.amended_from = report.name
		amendment.docstatus = 0
		self.assertRaises((ReportingError, frappe.MandatoryError), amendment.insert)
		amendment.amendment_reason = "Two events were counted in the wrong quarter"
		amendment.insert()
		self.assertFalse(amendment.events_verified, "an amendment compiles its figures again")
		self.assertFalse(amendment.snapshot)

	def test_national_report_is_the_sum_of_the_signed_off_snapshots(self):
		other = make_structure("Report Council Petropavl", "KZ-59", founded_on="2015-01-01")
		verified_event(other, "Petropavl round table")
		verified_event(other, "Petropavl festival")
		other_specialist = make_user("kgu-spec-report-59", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-59"))
		signed = []
		for region, specialist, head in (
			(REGION, self.specialist, self.head),
			("KZ-59", other_specialist, self.other_head),
		):
			report = self.prepared(region, specialist)
			self.act(head, report.name, "Submit to RGU")
			self.act(self.coordinator, report.name, "Pass for sign-off")
			signed.append(self.act(self.rgu_head, report.name, "Sign off"))
		pending = self.prepared(
			"KZ-63", make_user("kgu-spec-report-63", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-63"))
		)
		frappe.set_user(self.coordinator)
		frappe.db.delete("KLS National Report", {"period": self.period})
		national = frappe.get_doc({"doctype": "KLS National Report", "period": self.period}).insert()
		national.compile()
		national.reload()
		for field in ("events_verified", "participants", "structures_registered", "members"):
			self.assertEqual(national.get(field), sum(s.get(field) for s in signed), field)
		self.assertEqual(national.regions_signed_off, 2)
		rows = {r.region: r for r in national.regions}
		self.assertEqual(len(rows), 20)
		self.assertEqual(rows["KZ-63"].regional_report, pending.name)
		self.assertFalse(rows["KZ-71"].regional_report)
		self.assertEqual(national.regions_missing, 17)
		apply_workflow(national, "Submit for sign-off")
		frappe.set_user(self.rgu_head)
		self.assertEqual(
			apply_workflow(frappe.get_doc("KLS National Report", national.name), "Sign off").docstatus, 1
		)

	def test_reminders_before_the_due_date_and_escalation_after_it(self):
		def notified(user):
			return frappe.db.count("Notification Log", {"for_user": user, "document_name": self.period})

		frappe.set_user("Administrator")
		frappe.db.set_value("KLS Reporting Period", self.period, "reminders_sent", None)
		due = getdate(frappe.db.get_value("KLS Reporting Period", self.period, "due_date"))
		before = notified(self.specialist), notified(self.head), notified(self.coordinator)
		control.run_compliance(add_days(due, -2))
		self.assertEqual(
			notified(self.specialist),
			before[0] + 1,
			frappe.get_all("Notification Log", filters={"for_user": self.specialist}, pluck="subject"),
		)
		control.run_compliance(add_days(due, -1))
		self.assertEqual(notified(self.specialist), before[0] + 1, "one reminder")
		control.run_compliance(add_days(due, 1))
		self.assertEqual(notified(self.head), before[1] + 2, "reminder, then overdue")
		self.assertEqual(notified(self.coordinator), before[2])
		control.run_compliance(add_days(due, 6))
		self.assertEqual(notified(self.coordinator), before[2] + 1)
		control.run_compliance(add_days(due, 7))
		self.assertEqual(notified(self.coordinator), before[2] + 1, "escalated once")

	def test_breakdowns_by_type_language_and_outcome_and_the_drill_down_stays_in_scope(self):
		from frappe.utils import today

		from kelisim_app.kelisim_events.media_testing import publication
		from kelisim_app.kelisim_mediation.testing import make_case

		frappe.set_user("Administrator")
		publication(
			outlet_name="Pavlodar news", region=REGION, published_on=today(), publication_type="Interview"
		).insert()
		case = make_case(region=REGION, risk="High", risk_justification="Threats between two families")
		frappe.db.set_value(
			"KLS Mediation Case",
			case.name,
			{"workflow_state": "Agreement reached", "outcome": "Agreement reached"},
		)
		report = self.prepared()
		rows = [(b.breakdown, b.category, b.language) for b in report.breakdowns]
		self.assertIn(("Publications by type and language", "Interview", "Kazakh"), rows)
		self.assertIn(("Verified events by language", None, "Kazakh"), rows)
		self.assertIn(("Verified events by language", None, "Russian"), rows)
		self.assertIn(("Mediation cases by outcome", "Agreement reached", None), rows)
		self.assertIn("Round table", [e.event_type for e in report.events])
		self.assertIn(
			frappe.db.get_value("KLS Public Structure", self.council, "structure_kind"),
			[s.structure_kind for s in report.structures],
		)
		self.assertGreaterEqual(report.cases_high_risk, 1)
		self.assertGreaterEqual(report.cases_agreement, 1)
		# the print shows the breakdowns in the document's language
		frappe.set_user("Administrator")
		for language, words in (
			("kk", ("Сұхбат", "Келісімге қол жеткізілді")),
			("ru", ("Соглашение достигнуто",)),
		):
			frappe.db.set_value("KLS Regional Report", report.name, "language", language)
			html = frappe.get_print("KLS Regional Report", report.name, "Regional Report")
			for word in words:
				self.assertIn(word, html, language)
			self.assertNotIn("Agreement reached", html)
		# the drill-down opens the lists with these filters (kls_regional_report.js): the region's user finds
		# the records behind each figure, a user of another region none of them
		start, end = frappe.db.get_value("KLS Reporting Period", self.period, ["start_date", "end_date"])
		drill = {
			"events_verified": (
				"KLS Event",
				{"region": REGION, "workflow_state": "Verified", "event_date": ["between", [start, end]]},
			),
			"publications": (
				"KLS Media Publication",
				{"region": REGION, "published_on": ["between", [start, end]]},
			),
			"cases_received": (
				"KLS Mediation Case",
				{"region": REGION, "received_on": ["between", [start, end]]},
			),
			"structures_registered": (
				"KLS Public Structure",
				{"region": REGION, "status": ["!=", "Dissolved"]},
			),
		}
		for figure, (doctype, filters) in drill.items():
			frappe.set_user(self.head)
			self.assertEqual(
				len(frappe.get_list(doctype, filters=filters, pluck="name")), report.get(figure), figure
			)
			frappe.set_user(self.other_head)
			self.assertEqual(frappe.get_list(doctype, filters=filters, pluck="name"), [], figure)

	def test_the_region_attaches_files_that_other_regions_cannot_read(self):
		report = self.prepared()
		frappe.set_user(self.specialist)
		attachment = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "report-annex.txt",
				"content": b"Annex: list of round tables",
				"is_private": 1,
				"attached_to_doctype": "KLS Regional Report",
				"attached_to_name": report.name,
			}
		).insert()
		self.assertIn(
			attachment.name,
			frappe.get_list("File", filters={"attached_to_name": report.name}, pluck="name"),
		)
		frappe.set_user(self.other_head)
		self.assertFalse(frappe.has_permission("File", "read", attachment.name))
		frappe.set_user(self.coordinator)
		self.assertTrue(frappe.has_permission("File", "read", attachment.name))

	def test_nobody_signs_off_a_report_he_prepared(self):
		frappe.set_user(self.rgu_head)
		report = frappe.get_doc(
			{"doctype": "KLS Regional Report", "period": self.period, "region": REGION, **NARRATIVE}
		).insert()
		report.compile()
		self.act(self.head, report.name, "Submit to RGU")
		self.act(self.coordinator, report.name, "Pass for sign-off")
		self.assertRaises(
			(*NOT_ALLOWED, frappe.ValidationError), self.act, self.rgu_head, report.name, "Sign off"
		)
		self.assertEqual(frappe.db.get_value("KLS Regional Report", report.name, "docstatus"), 0)
		other_head = make_user("rgu-head-report-2", [core.ROLE_RGU_HEAD], rgu_office())
		self.assertEqual(self.act(other_head, report.name, "Sign off").docstatus, 1)

	def test_print_format_in_kazakh_and_russian(self):
		report = self.prepared()
		for language, heading in (("kk", "Өңірлік есеп"), ("ru", "Региональный отчёт")):
			frappe.db.set_value("KLS Regional Report", report.name, "language", language)
			html = frappe.get_print("KLS Regional Report", report.name, "Regional Report")
			self.assertIn(heading, html)
			self.assertNotIn("Structures registered", html)
