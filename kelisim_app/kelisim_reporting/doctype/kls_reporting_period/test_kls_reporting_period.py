# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_reporting.rules import ReportingError


class TestKLSReportingPeriod(FrappeTestCase):
	def test_dates_title_and_due_date(self):
		doc = frappe.get_doc(
			{
				"doctype": "KLS Reporting Period",
				"period_type": "Quarter",
				"year": 2031,
				"number": 2,
				"due_date": "2031-07-10",
			}
		).insert()
		self.assertEqual(
			(str(doc.start_date), str(doc.end_date), doc.title), ("2031-04-01", "2031-06-30", "Q2 2031")
		)
		self.assertEqual(doc.name, "Quarter-2031-2")
		early = frappe.get_doc(
			{
				"doctype": "KLS Reporting Period",
				"period_type": "Month",
				"year": 2031,
				"number": 2,
				"due_date": "2031-02-20",
			}
		)
		self.assertRaises(ReportingError, early.insert)
		bad = frappe.get_doc(
			{
				"doctype": "KLS Reporting Period",
				"period_type": "Quarter",
				"year": 2031,
				"number": 5,
				"due_date": "2032-01-10",
			}
		)
		self.assertRaises(ReportingError, bad.insert)
