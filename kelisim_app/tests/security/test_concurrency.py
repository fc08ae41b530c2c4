"""Two users at once, each on his own database connection (a thread with its own Frappe context):
two approvers acting on one document, two specialists creating the same region's report for one period.

The records these tests race on must be committed to be seen by the other connections; the tests delete
them (and commit) when done."""

from __future__ import annotations

import threading

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_reporting.tests.factories import quarter
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REPORT = "KLS Regional Report"
REGION = "KZ-63"


def race(site: str, sites_path: str, jobs: list) -> list:
	"""Run each `(user, fn)` in its own thread and connection, released together; return what each raised
	(None: it went through and committed)."""
	barrier = threading.Barrier(len(jobs))
	results: list = [None] * len(jobs)

	def run(i, user, fn):
		frappe.init(site=site, sites_path=sites_path)
		frappe.connect()
		try:
			frappe.set_user(user)
			prepared = fn("prepare")
			barrier.wait(timeout=30)
			fn("act", prepared)
			frappe.db.commit()  # nosemgrep: each racer is a request of its own
		except Exception as e:
			frappe.db.rollback()
			results[i] = e
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=run, args=(i, user, fn)) for i, (user, fn) in enumerate(jobs)]
	for t in threads:
		t.start()
	for t in threads:
		t.join(timeout=120)
	return results


class TestConcurrency(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.coordinators = [
			make_user(f"sec-race-coord-{i}", [core.ROLE_RGU_COORDINATOR], rgu_office()) for i in (1, 2)
		]
		cls.specialists = [
			make_user(f"sec-race-spec-{i}", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION)) for i in (1, 2)
		]
		cls.period = quarter(2030, 4)
		frappe.db.commit()  # nosemgrep: the racing connections see these users and the period

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.delete(REPORT, {"period": self.period, "region": REGION})
		frappe.db.commit()  # nosemgrep: the race committed its records; remove them for good

	def site(self):
		return frappe.local.site, frappe.local.sites_path

	def test_two_approvers_at_once_one_wins_the_other_is_told_the_document_changed(self):
		frappe.db.delete(REPORT, {"period": self.period, "region": REGION})
		report = frappe.get_doc(
			{"doctype": REPORT, "period": self.period, "region": REGION, "language": "ru"}
		).insert(ignore_permissions=True)
		frappe.db.set_value(REPORT, report.name, "workflow_state", "Submitted", update_modified=False)
		frappe.db.commit()  # nosemgrep: the racers read it from their own connections

		def pass_on(step, doc=None):
			if step == "prepare":
				return frappe.get_doc(REPORT, report.name)  # both open the form at the same version
			apply_workflow(doc, "Pass for sign-off")

		results = race(*self.site(), [(user, pass_on) for user in self.coordinators])
		through = [r for r in results if r is None]
		refused = [r for r in results if r is not None]
		self.assertEqual(len(through), 1, f"exactly one approver acts: {results!r}")
		self.assertEqual(len(refused), 1)
		self.assertIsInstance(refused[0], frappe.TimestampMismatchError, repr(refused[0]))
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value(REPORT, report.name, "workflow_state"), "Reviewed")

	def test_no_second_report_for_a_region_and_period_even_in_parallel(self):
		frappe.db.delete(REPORT, {"period": self.period, "region": REGION})
		frappe.db.commit()  # nosemgrep: a clean slate for the racers
		self.assertTrue(
			frappe.db.sql(
				"show index from `tabKLS Regional Report` where Column_name = 'report_key' and Non_unique = 0"
			),
			"the database itself refuses a second report (a unique index, not only a check)",
		)

		def create(step, doc=None):
			if step == "prepare":
				return frappe.get_doc(
					{"doctype": REPORT, "period": self.period, "region": REGION, "language": "ru"}
				)
			doc.insert()

		results = race(*self.site(), [(user, create) for user in self.specialists])
		refused = [r for r in results if r is not None]
		self.assertEqual(len(refused), 1, f"exactly one report is created: {results!r}")
		self.assertIsInstance(refused[0], frappe.DuplicateEntryError | frappe.UniqueValidationError)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.count(REPORT, {"period": self.period, "region": REGION, "docstatus": 0}), 1
		)
