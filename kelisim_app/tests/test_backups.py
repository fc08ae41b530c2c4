# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Scheduled backups from the scheduler (kelisim_app.utils.backups): off by default; when on, a database dump
with the site config and the public and private files, taken only when the last one is older than the
interval; Frappe's retention deletes the sets older than keep_backups_for_hours."""

from __future__ import annotations

import os
import tarfile
import time
from datetime import datetime, timedelta
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.backups import get_backup_path

from kelisim_app.utils import backups


def later(hours: int):
	"""`datetime` as Frappe's backup module sees it, `hours` from now (time moved forward)."""

	class Later(datetime):
		@classmethod
		def today(cls):
			return datetime.today() + timedelta(hours=hours)

		@classmethod
		def now(cls, tz=None):
			return datetime.now(tz) + timedelta(hours=hours)

	return Later


class TestScheduledBackups(FrappeTestCase):
	def setUp(self):
		self.conf = {key: frappe.local.conf.get(key) for key in self.keys()}

	def tearDown(self):
		for key, value in self.conf.items():
			if value is None:
				frappe.local.conf.pop(key, None)
			else:
				frappe.local.conf[key] = value
		frappe.db.rollback()

	@staticmethod
	def keys():
		return (backups.CONF_INTERVAL, backups.CONF_WITH_FILES, "keep_backups_for_hours")

	def backup_files(self) -> set[str]:
		path = get_backup_path()
		return set(os.listdir(path)) if os.path.isdir(path) else set()

	def test_off_unless_the_site_config_sets_an_interval(self):
		frappe.local.conf.pop(backups.CONF_INTERVAL, None)
		before = self.backup_files()
		self.assertIsNone(backups.hourly())
		frappe.local.conf[backups.CONF_INTERVAL] = 0
		self.assertIsNone(backups.hourly())
		self.assertEqual(self.backup_files(), before)

	def test_database_and_private_files_then_nothing_until_the_interval_passed(self):
		private = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "kelisim-backup-probe.txt",
				"is_private": 1,
				"content": b"backup probe",
			}
		).insert(ignore_permissions=True)  # written to private/files at once: the tar takes it from there
		try:
			frappe.local.conf[backups.CONF_INTERVAL] = 6
			frappe.local.conf["keep_backups_for_hours"] = 168
			paths = backups.hourly()
			self.assertEqual(set(paths), {"database", "config", "public", "private"})
			for path in paths.values():
				self.assertTrue(os.path.exists(path), path)
			self.assertTrue(paths["database"].endswith("-database.sql.gz"))
			with tarfile.open(paths["private"]) as tar:
				names = [os.path.basename(n) for n in tar.getnames()]
			self.assertIn("kelisim-backup-probe.txt", names)
			# an hour later: the set is younger than the interval, Frappe reuses it
			with patch("frappe.utils.backups.datetime", later(1)):
				self.assertEqual(backups.hourly()["database"], paths["database"])
		finally:
			private.delete(ignore_permissions=True)

	def test_retention_deletes_sets_older_than_keep_backups_for_hours(self):
		frappe.local.conf[backups.CONF_INTERVAL] = 6
		frappe.local.conf[backups.CONF_WITH_FILES] = 0
		frappe.local.conf["keep_backups_for_hours"] = 24
		first = backups.hourly()
		self.assertEqual(set(first), {"database", "config"})
		self.assertTrue(os.path.exists(first["database"]))
		time.sleep(1.1)  # backup names carry the second they were taken in
		# a day and a half later: due again, and the first set is past the retention
		with patch("frappe.utils.backups.datetime", later(36)):
			second = backups.hourly()
		self.assertNotEqual(second["database"], first["database"])
		self.assertTrue(os.path.exists(second["database"]))
		self.assertFalse(os.path.exists(first["database"]))
		self.assertFalse(os.path.exists(first["config"]))
