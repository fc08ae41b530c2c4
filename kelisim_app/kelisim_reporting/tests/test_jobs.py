"""Report compilation for all regions of a period runs as one background job per period on the "long"
queue: it creates the missing drafts, compiles every draft or returned report and leaves the submitted and
signed-off ones alone; the drafts it creates are the regions' to prepare and the RGU's to sign off."""

from __future__ import annotations

from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today
from frappe.utils.background_jobs import get_job, get_queue

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry.tests.factories import make_structure
from kelisim_app.kelisim_reporting import compile as compiler
from kelisim_app.kelisim_reporting import jobs, rules
from kelisim_app.kelisim_reporting.doctype.kls_regional_report.test_kls_regional_report import verified_event
from kelisim_app.kelisim_reporting.tests.factories import NARRATIVE, current_quarter, regional_report
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office, unwatched_queues

REPORT = "KLS Regional Report"
OLD = "2001-01-01 10:00:00"


class TestCompileAllRegions(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.period = current_quarter()
		frappe.db.delete(REPORT, {"period": self.period})
		self.rgu_head = make_user(
			"rgu-head-jobs", [core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR], rgu_office()
		)
		self.coordinator = make_user("rgu-coord-jobs", [core.ROLE_RGU_COORDINATOR], rgu_office())
		self.regions = frappe.get_all("KLS Region", pluck="name", order_by="name")

	def tearDown(self):
		frappe.set_user("Administrator")

	def report_in_state(self, region: str, state: str, docstatus: int = 0) -> str:
		"""A compiled report of `region` put in `state`, its compilation dated long ago."""
		specialist = make_user(f"kgu-spec-jobs-{region[-2:]}", [core.ROLE_KGU_SPECIALIST], kgu_office(region))
		report = regional_report(self.period, region, specialist, **NARRATIVE)
		report.compile()
		frappe.set_user("Administrator")
		figures = frappe.get_doc(REPORT, report.name).figures()
		frappe.db.set_value(
			REPORT,
			report.name,
			{
				"workflow_state": state,
				"docstatus": docstatus,
				"compiled_on": OLD,
				"snapshot": rules.snapshot(figures) if state != rules.RETURNED else None,
			},
			update_modified=False,
		)
		return report.name

	def astana_figures(self) -> tuple[int, int]:
		"""Astana's verified events of the period, and those of them in Kazakh, as a compilation counts them."""
		start, end = frappe.db.get_value("KLS Reporting Period", self.period, ["start_date", "end_date"])
		figures, tables = compiler.compile_region("KZ-71", getdate(start), getdate(end), getdate(today()))
		kazakh = sum(
			row["count"]
			for row in tables["breakdowns"]
			if row["breakdown"] == compiler.BY_EVENT_LANGUAGE and row["language"] == "Kazakh"
		)
		return figures["events_verified"], kazakh

	def run_job(self, user: str) -> dict:
		frappe.set_user(user)
		with patch("frappe.publish_progress") as progress, patch("frappe.publish_realtime") as realtime:
			done = jobs.compile_all_regions(self.period)
		self.progress, self.realtime = progress, realtime
		return done

	def test_every_region_gets_its_report_compiled_and_submitted_ones_stay_as_they_are(self):
		signed = self.report_in_state("KZ-55", rules.SIGNED_OFF, 1)
		submitted = self.report_in_state("KZ-59", rules.SUBMITTED)
		returned = self.report_in_state("KZ-63", rules.RETURNED)
		before = {
			name: frappe.db.get_value(
				REPORT, name, ["compiled_on", "modified", "events_verified", "snapshot"]
			)
			for name in (signed, submitted)
		}
		# what Astana's figures were before the new event (other tests may have verified events there too)
		astana_before = self.astana_figures()
		# new records after those reports were compiled: only the drafts may count them
		council = make_structure("Jobs Council Pavlodar", "KZ-55", founded_on="2015-01-01")
		verified_event(council, "Jobs round table Pavlodar")
		astana = make_structure("Jobs Council Astana", "KZ-71", founded_on="2015-01-01")
		verified_event(astana, "Jobs round table Astana")

		done = self.run_job(self.rgu_head)

		self.assertEqual(done["failed"], [])
		self.assertEqual(sorted(done["left"]), ["KZ-55", "KZ-59"])
		self.assertEqual(done["compiled"], ["KZ-63"])
		self.assertEqual(sorted(done["created"]), sorted(set(self.regions) - {"KZ-55", "KZ-59", "KZ-63"}))
		reports = frappe.get_all(
			REPORT,
			filters={"period": self.period},
			fields=["name", "region", "owner", "workflow_state", "compiled_on", "docstatus"],
		)
		self.assertEqual(sorted(r.region for r in reports), self.regions, "one report per region")
		for r in reports:
			if r.name in (signed, submitted):
				continue
			self.assertEqual(r.workflow_state, rules.RETURNED if r.name == returned else rules.DRAFT)
			self.assertGreater(str(r.compiled_on), OLD, r.region)
			if r.name != returned:
				self.assertEqual(r.owner, "Administrator", "the RGU user who asked does not prepare it")
		events, kazakh = astana_before
		astana = frappe.get_doc(REPORT, {"period": self.period, "region": "KZ-71"})
		self.assertEqual(astana.events_verified, events + 1)
		self.assertIn(
			("Verified events by language", "Kazakh", kazakh + 1),
			[(b.breakdown, b.language, b.count) for b in astana.breakdowns],
		)
		# the submitted and the signed-off reports are untouched, the new event is not in them
		for name, values in before.items():
			self.assertEqual(
				frappe.db.get_value(REPORT, name, ["compiled_on", "modified", "events_verified", "snapshot"]),
				values,
				name,
			)
		# progress per region, then one message
		self.assertEqual(self.progress.call_count, len(self.regions))
		self.assertAlmostEqual(self.progress.call_args_list[-1].args[0], 100)
		self.assertEqual(self.realtime.call_args.args[0], "msgprint")
		self.assertEqual(self.realtime.call_args.kwargs["user"], self.rgu_head)

		# asked again: nothing new, the drafts are compiled again
		done = self.run_job(self.coordinator)
		self.assertEqual((len(done["created"]), len(done["left"])), (0, 2))

	def test_a_draft_of_the_job_is_the_region_s_to_prepare_and_the_rgu_head_s_to_sign_off(self):
		"""The RGU Head who ran the job is not its preparer: the KGU edits and submits it, he signs it off."""
		self.run_job(self.rgu_head)
		name = frappe.db.get_value(REPORT, {"period": self.period, "region": "KZ-71"})
		specialist = make_user("kgu-spec-jobs-71", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		head = make_user(
			"kgu-head-jobs-71", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71")
		)
		outsider = make_user("kgu-spec-jobs-59", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-59"))
		frappe.set_user(outsider)
		self.assertRaises(frappe.PermissionError, frappe.get_doc(REPORT, name).check_permission, "write")
		frappe.set_user(specialist)
		doc = frappe.get_doc(REPORT, name)
		doc.update(NARRATIVE)
		doc.save()
		doc.compile()
		frappe.set_user(head)
		apply_workflow(frappe.get_doc(REPORT, name), "Submit to RGU")
		frappe.set_user(self.coordinator)
		apply_workflow(frappe.get_doc(REPORT, name), "Pass for sign-off")
		frappe.set_user(self.rgu_head)
		signed = apply_workflow(frappe.get_doc(REPORT, name), "Sign off")
		self.assertEqual((signed.docstatus, signed.workflow_state), (1, rules.SIGNED_OFF))

	def test_enqueue_puts_one_job_per_period_on_the_long_queue(self):
		frappe.set_user(self.coordinator)
		with unwatched_queues() as asked:
			self.check_enqueue(asked)
		self.assertFalse(frappe.db.exists(REPORT, {"period": self.period}), "the request compiles nothing")

	def check_enqueue(self, asked):
		job_id = jobs.enqueue_compile_all_regions(self.period)
		try:
			self.assertTrue(job_id.endswith(jobs.job_id(self.period)))
			job = get_job(jobs.job_id(self.period))
			self.assertEqual(job.kwargs["method"], "kelisim_app.kelisim_reporting.jobs.compile_all_regions")
			self.assertEqual(job.kwargs["kwargs"]["period"], self.period)
			self.assertEqual(job.kwargs["user"], self.coordinator)
			self.assertEqual(asked, [jobs.QUEUE])
			self.assertTrue(job.origin.endswith(get_queue(jobs.QUEUE).name))
			self.assertEqual(job.timeout, jobs.TIMEOUT)
			# asked again while it waits: the same job
			frappe.set_user(self.rgu_head)
			self.assertEqual(jobs.enqueue_compile_all_regions(self.period), job_id)
		finally:
			job = get_job(jobs.job_id(self.period))
			if job:
				job.delete()

	def test_only_the_rgu_and_administrators_may_enqueue(self):
		for key, roles in (
			("jobs-kgu-head-71", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST]),
			("jobs-kgu-spec-71", [core.ROLE_KGU_SPECIALIST]),
		):
			frappe.set_user(make_user(key, roles, kgu_office("KZ-71")))
			self.assertRaises(frappe.PermissionError, jobs.enqueue_compile_all_regions, self.period)
		frappe.set_user(make_user("jobs-observer", [core.ROLE_MINISTRY_OBSERVER]))
		self.assertRaises(frappe.PermissionError, jobs.enqueue_compile_all_regions, self.period)
		self.assertIsNone(get_job(jobs.job_id(self.period)))
		frappe.set_user(self.coordinator)
		self.assertRaises(frappe.DoesNotExistError, jobs.enqueue_compile_all_regions, "Quarter-1900-1")
