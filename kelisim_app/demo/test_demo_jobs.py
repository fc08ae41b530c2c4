# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Demo generation from the desk: a background job on the "long" queue, only on demo sites, only for the
System Manager, with progress for the user who asked."""

from __future__ import annotations

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.background_jobs import get_job, get_queue

from kelisim_app.demo import jobs
from kelisim_app.demo.generator import STAGES
from kelisim_app.kelisim_core import rules as core
from kelisim_app.tests.utils import make_user, unwatched_queues


class TestDemoJobs(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.conf.pop(jobs.SITE_CONFIG_KEY, None)
		job = get_job(jobs.JOB_ID)
		if job:
			job.delete()
		frappe.db.rollback()

	def demo_site(self):
		frappe.local.conf[jobs.SITE_CONFIG_KEY] = 1

	def test_refused_on_a_site_that_is_not_a_demo_site(self):
		frappe.local.conf.pop(jobs.SITE_CONFIG_KEY, None)
		with self.assertRaises(jobs.DemoNotAllowedError):
			jobs.enqueue_demo(0.1)
		self.assertIsNone(get_job(jobs.JOB_ID))

	def test_refused_to_anyone_but_the_system_manager(self):
		self.demo_site()
		user = make_user("demo-jobs-admin", [core.ROLE_ADMINISTRATOR, core.ROLE_RGU_HEAD])
		frappe.set_user(user)
		self.assertRaises(frappe.PermissionError, jobs.enqueue_demo, 0.1)
		self.assertIsNone(get_job(jobs.JOB_ID))

	def test_bad_scales_are_refused_before_anything_is_queued(self):
		self.demo_site()
		for scale in (0, -1, "abc", jobs.MAX_SCALE + 1):
			with self.assertRaises(jobs.DemoScaleError, msg=scale):
				jobs.enqueue_demo(scale)
		self.assertIsNone(get_job(jobs.JOB_ID))

	def test_one_job_on_the_long_queue(self):
		self.demo_site()
		with unwatched_queues() as asked:
			job_id = jobs.enqueue_demo("0.5", "11")
			self.assertEqual(jobs.enqueue_demo(0.5), job_id)  # asked again while it waits: the same job
		self.assertEqual(asked, [jobs.QUEUE])
		self.assertTrue(job_id.endswith(jobs.JOB_ID))
		job = get_job(jobs.JOB_ID)
		self.assertEqual(job.kwargs["method"], "kelisim_app.demo.jobs.run_demo")
		self.assertTrue(job.origin.endswith(get_queue(jobs.QUEUE).name))
		self.assertEqual(job.timeout, jobs.TIMEOUT)
		self.assertEqual(job.kwargs["kwargs"]["scale"], 0.5)
		self.assertEqual(job.kwargs["kwargs"]["seed"], 11)
		self.assertEqual(job.kwargs["kwargs"]["user"], "Administrator")

	def test_overall_progress_runs_from_0_to_100(self):
		self.assertEqual(jobs.overall_percent(STAGES, STAGES[0], 0, 10), 0)
		self.assertEqual(jobs.overall_percent(STAGES, STAGES[-1], 10, 10), 100)
		self.assertEqual(jobs.overall_percent(STAGES, STAGES[1], 5, 10), round(1.5 * 100 / len(STAGES), 1))
		self.assertEqual(jobs.overall_percent(STAGES, "unknown", 5, 10), 0)

	def test_the_job_generates_and_reports_progress_to_the_user_who_asked(self):
		before = frappe.db.count("KLS Public Structure")
		# the base set (53 users) is the CLI's and test_demo's concern; here: one stage of the generator
		with patch("frappe.publish_realtime") as realtime, patch("kelisim_app.demo.load") as load:
			created = jobs.run_demo(0.01, seed=5, user="Administrator", stages=("structures",))
		load.assert_called_once()
		self.assertEqual(set(created), {"structures"})
		self.assertGreater(created["structures"], 0)
		self.assertEqual(frappe.db.count("KLS Public Structure") - before, created["structures"])
		events = [c for c in realtime.call_args_list if c.args[0] == "progress"]
		self.assertTrue(events)
		percents = [c.args[1]["percent"] for c in events]
		self.assertEqual(percents, sorted(percents))
		self.assertTrue(all(c.kwargs["user"] == "Administrator" for c in events))
		self.assertEqual(realtime.call_args_list[-1].args[0], "msgprint")
