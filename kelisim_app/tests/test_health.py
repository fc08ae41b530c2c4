"""The health method: database, Redis, scheduler, queues; System Manager only; ping for everyone."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from kelisim_app.kelisim_core import health
from kelisim_app.kelisim_core import rules as core
from kelisim_app.tests.utils import make_user


class TestHealth(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_health_reports_every_part(self):
		frappe.set_user("Administrator")
		report = health.health()
		self.assertIn(report["status"], ("ok", "warning"))  # no worker runs in tests: at most a warning
		checks = report["checks"]
		for part in ("database", "redis_cache", "redis_queue"):
			self.assertTrue(checks[part]["ok"], checks[part])
			self.assertGreaterEqual(checks[part]["ms"], 0)
		self.assertTrue(checks["queues"]["ok"], checks["queues"])
		self.assertTrue({"default", "short", "long"} <= set(checks["queues"]["lengths"]))
		self.assertIsInstance(checks["queues"]["failed_jobs"], int)
		self.assertIsInstance(checks["queues"]["workers"], int)
		self.assertIn("enabled", checks["scheduler"])
		self.assertEqual(report["versions"]["frappe"], frappe.__version__)
		self.assertTrue(report["versions"]["kelisim_app"])
		self.assertEqual(report["site"], frappe.local.site)

	def test_scheduler_silence(self):
		frappe.get_doc(
			{"doctype": "Scheduled Job Log", "scheduled_job_type": self.job_type(), "status": "Complete"}
		).insert(ignore_permissions=True)
		fresh = health.check_scheduler()
		self.assertLess(fresh["minutes_since_last_run"], 5)
		later = health.check_scheduler(add_to_date(now_datetime(), hours=2))
		self.assertGreater(later["minutes_since_last_run"], health.SCHEDULER_SILENCE_MINUTES)
		self.assertFalse(later["ok"])

	def job_type(self) -> str:
		return frappe.db.get_value("Scheduled Job Type", {}, "name")

	def test_a_dead_database_is_an_error(self):
		def broken():
			raise ConnectionError("gone")

		result = health._timed(broken)
		self.assertFalse(result["ok"])
		self.assertIn("gone", result["error"])

	def test_only_system_managers(self):
		user = make_user("health-observer", [core.ROLE_MINISTRY_OBSERVER])
		frappe.set_user(user)
		self.assertRaises(frappe.PermissionError, health.health)
		frappe.set_user("Guest")
		self.assertRaises(frappe.PermissionError, health.health)
