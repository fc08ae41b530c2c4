"""Retention: closed cases older than `retention_days` lose their parties' personal data and free texts;
counts, categories, regions, dates and outcomes stay; the job is idempotent."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from kelisim_app.kelisim_mediation import retention
from kelisim_app.kelisim_mediation.report.mediation_statistics.mediation_statistics import execute
from kelisim_app.kelisim_mediation.testing import make_case
from kelisim_app.kelisim_registry.tests.factories import make_person

CASE, PARTY = retention.CASE, retention.PARTY
ON = getdate("2030-06-30")  # time moved: the run happens years from now


def closed_case(closed_on, state: str = "Closed", **values):
	case = make_case(
		narrative="Aigerim and Boris argue over the courtyard at Abay street 12.",
		parties=[
			{
				"party_name": "Aigerim Applicant",
				"role": "Applicant",
				"phone": "+77010000001",
				"email": "aigerim@example.kz",
				"person": make_person("Aigerim", "Retention"),
			},
			{"party_name": "Boris Otherparty", "role": "Other party", "phone": "+77010000002"},
		],
		**values,
	)
	frappe.get_doc(  # the history holds the old values (Frappe writes it on save outside tests)
		{
			"doctype": "Version",
			"ref_doctype": CASE,
			"docname": case.name,
			"data": frappe.as_json({"changed": [["narrative", case.narrative, "changed"]]}),
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value(
		CASE,
		case.name,
		{
			"workflow_state": state,
			"outcome": "Agreement reached",
			"agreement_terms": "Boris pays Aigerim 50 000 tenge.",
			"outcome_notes": "Both satisfied.",
			"resolved_on": closed_on,
			"closed_on": closed_on if state == "Closed" else None,
		},
		update_modified=False,
	)
	return case.name


def statistics():
	_columns, data, *_rest = execute({})
	return data


class TestRetention(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.set_single_value(retention.SETTINGS, "retention_days", 1095)
		frappe.clear_document_cache(retention.SETTINGS, retention.SETTINGS)

	def tearDown(self):
		frappe.db.rollback()
		frappe.clear_document_cache(retention.SETTINGS, retention.SETTINGS)

	def test_old_closed_case_is_anonymised_and_figures_stay(self):
		old = closed_case(add_days(ON, -1095))
		self.assertTrue(frappe.db.count("Version", {"ref_doctype": CASE, "docname": old}))
		before = frappe.get_doc(CASE, old)
		figures = statistics()

		counts = retention.anonymise_closed_cases(on=ON)
		self.assertGreaterEqual(counts["cases"], 1)
		self.assertEqual(counts["retention_days"], 1095)

		after = frappe.get_doc(CASE, old)
		self.assertEqual(getdate(after.anonymised_on), ON)
		# personal data gone
		self.assertEqual(len(after.parties), 2)
		for row in after.parties:
			self.assertEqual(row.party_name, retention.MARKER)
			self.assertFalse(row.phone or row.email or row.person)
		self.assertEqual([r.role for r in after.parties], [r.role for r in before.parties])
		self.assertEqual(after.narrative, retention.MARKER)
		self.assertEqual(after.agreement_terms, retention.MARKER)
		self.assertEqual(after.outcome_notes, retention.MARKER)
		self.assertFalse(after.risk_justification)  # was empty, stays empty
		self.assertFalse(frappe.db.count("Version", {"ref_doctype": CASE, "docname": old}))
		# what the statistics need stays
		for field in (
			"category",
			"region",
			"channel",
			"received_on",
			"closed_on",
			"outcome",
			"workflow_state",
		):
			self.assertEqual(str(after.get(field)), str(before.get(field)), field)
		self.assertEqual(statistics(), figures)
		# audited
		self.assertEqual(
			frappe.db.count(
				"Comment", {"reference_doctype": CASE, "reference_name": old, "comment_type": "Info"}
			),
			1,
		)

	def test_recent_and_unclosed_cases_are_kept(self):
		recent = closed_case(add_days(ON, -1094))
		resolved_only = closed_case(add_days(ON, -2000), state="Agreement reached")
		retention.anonymise_closed_cases(on=ON)
		for name in (recent, resolved_only):
			doc = frappe.get_doc(CASE, name)
			self.assertFalse(doc.anonymised_on, name)
			self.assertEqual(doc.parties[0].party_name, "Aigerim Applicant")
			self.assertEqual(doc.parties[0].phone, "+77010000001")
			self.assertIn("courtyard", doc.narrative)
		# the day the period ends, the recent one goes too
		retention.anonymise_closed_cases(on=add_days(ON, 1))
		self.assertEqual(getdate(frappe.db.get_value(CASE, recent, "anonymised_on")), add_days(ON, 1))

	def test_idempotent(self):
		old = closed_case(add_days(ON, -1200))
		retention.anonymise_closed_cases(on=ON)
		stamp = frappe.db.get_value(CASE, old, "anonymised_on")
		again = retention.anonymise_closed_cases(on=add_days(ON, 30))
		self.assertNotIn(old, retention.due_cases(add_days(ON, 30), 1095))
		self.assertEqual(again["cases"], 0)
		self.assertEqual(frappe.db.get_value(CASE, old, "anonymised_on"), stamp)
		self.assertEqual(frappe.db.count("Comment", {"reference_name": old, "comment_type": "Info"}), 1)

	def test_period_is_configurable_and_zero_keeps_everything(self):
		case = closed_case(add_days(ON, -40))
		frappe.db.set_single_value(retention.SETTINGS, "retention_days", 0)
		frappe.clear_document_cache(retention.SETTINGS, retention.SETTINGS)
		self.assertEqual(retention.anonymise_closed_cases(on=ON)["cases"], 0)
		self.assertFalse(frappe.db.get_value(CASE, case, "anonymised_on"))
		frappe.db.set_single_value(retention.SETTINGS, "retention_days", 30)
		frappe.clear_document_cache(retention.SETTINGS, retention.SETTINGS)
		self.assertEqual(retention.retention_days(), 30)
		retention.anonymise_closed_cases(on=ON)
		self.assertEqual(getdate(frappe.db.get_value(CASE, case, "anonymised_on")), ON)

	def test_default_period(self):
		self.assertEqual(retention.DEFAULT_RETENTION_DAYS, 1095)
		meta = frappe.get_meta(retention.SETTINGS).get_field("retention_days")
		self.assertEqual(meta.default, "1095")
		self.assertTrue(frappe.get_meta(CASE).get_field("anonymised_on").read_only)
