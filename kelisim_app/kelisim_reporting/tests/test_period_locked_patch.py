# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""A site from before the rename keeps its locked periods: the patch copies `is_locked` into `locked` and
drops the old column; run again, it does nothing."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_reporting.tests.factories import quarter
from kelisim_app.patches import reporting_period_locked as patch

PERIOD = "KLS Reporting Period"


class TestPeriodLockedPatch(FrappeTestCase):
	def test_locked_periods_stay_locked(self):
		locked, open_ = quarter(2033, 1), quarter(2033, 2)
		# the table as an older release left it (DDL commits: the periods are removed at the end)
		frappe.db.sql_ddl(f"alter table `tab{PERIOD}` add column `is_locked` int(1) not null default 0")
		try:
			frappe.db.sql(f"update `tab{PERIOD}` set `is_locked` = 1, `locked` = 0 where name = %s", locked)
			patch.execute()
			self.assertEqual(frappe.db.get_value(PERIOD, locked, "locked"), 1)
			self.assertEqual(frappe.db.get_value(PERIOD, open_, "locked"), 0)
			self.assertFalse(frappe.db.has_column(PERIOD, "is_locked"))
			patch.execute()  # idempotent
			self.assertEqual(frappe.db.get_value(PERIOD, locked, "locked"), 1)
		finally:
			patch.forget_columns()
			if frappe.db.has_column(PERIOD, "is_locked"):
				frappe.db.sql_ddl(f"alter table `tab{PERIOD}` drop column `is_locked`")
				patch.forget_columns()
			for name in (locked, open_):
				frappe.delete_doc(PERIOD, name, force=True, ignore_permissions=True)
			frappe.db.commit()  # nosemgrep: the DDL above committed the periods; remove them for good
		self.assertIn(
			patch.__name__, frappe.get_file_items(frappe.get_app_path("kelisim_app", "patches.txt"))
		)
