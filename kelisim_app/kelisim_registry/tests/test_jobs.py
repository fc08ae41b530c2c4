"""The activity recompute runs as a background job on the "long" queue, with progress, one per site."""

from __future__ import annotations

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.background_jobs import get_job, get_queue

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry import jobs
from kelisim_app.kelisim_registry.tests.factories import make_structure
from kelisim_app.tests.utils import kgu_office, make_user, unwatched_queues

STRUCTURE = "KLS Public Structure"


class TestActivityJob(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def stale_structure(self) -> str:
		name = make_structure("Jobs test council", "KZ-71")
		frappe.db.set_value(
			STRUCTURE, name, {"last_activity_on": "2001-01-01", "activity_status": "Stale test"}
		)
		return name

	def test_the_job_recomputes_with_progress(self):
		name = self.stale_structure()
		with patch("frappe.publish_progress") as progress, patch("frappe.publish_realtime") as realtime:
			changed = frappe.enqueue(
				"kelisim_app.kelisim_registry.jobs.run_activity_refresh", now=True, chunk=2
			)
		self.assertGreaterEqual(changed, 1)
		self.assertNotEqual(frappe.db.get_value(STRUCTURE, name, "activity_status"), "Stale test")
		self.assertTrue(progress.called)
		self.assertAlmostEqual(progress.call_args_list[-1].args[0], 100)
		percents = [c.args[0] for c in progress.call_args_list]
		self.assertEqual(percents, sorted(percents))
		self.assertEqual(realtime.call_args.args[0], "msgprint")
		# a second run finds nothing to change
		with patch("frappe.publish_progress"), patch("frappe.publish_realtime"):
			self.assertEqual(jobs.run_activity_refresh(), 0)

	def test_enqueue_puts_one_job_on_the_long_queue(self):
		frappe.set_user("Administrator")
		with unwatched_queues() as asked:
			self.check_enqueue(asked)

	def check_enqueue(self, asked):
		job_id = jobs.enqueue_activity_refresh()
		try:
			self.assertTrue(job_id.endswith(jobs.JOB_ID))
			self.assertTrue(job_id.startswith(frappe.local.site))
			job = get_job(jobs.JOB_ID)
			self.assertEqual(job.func_name, "frappe.utils.background_jobs.execute_job")
			self.assertEqual(job.kwargs["method"], "kelisim_app.kelisim_registry.jobs.run_activity_refresh")
			self.assertEqual(asked, [jobs.QUEUE])
			self.assertTrue(job.origin.endswith(get_queue(jobs.QUEUE).name))
			self.assertEqual(job.timeout, jobs.TIMEOUT)
			# asked again while it waits: the same job
			self.assertEqual(jobs.enqueue_activity_refresh(), job_id)
		finally:
			job = get_job(jobs.JOB_ID)
			if job:
				job.delete()

	def test_only_admins_and_the_rgu_may_enqueue(self):
		user = make_user("jobs-kgu-spec", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		frappe.set_user(user)
		self.assertRaises(frappe.PermissionError, jobs.enqueue_activity_refresh)
