# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_reporting.rules import ReportingError
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office


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

	def test_the_rgu_sets_the_calendar_and_the_regions_only_read_it(self):
		values = {"doctype": "KLS Reporting Period", "period_type": "Month", "year": 2032, "number": 3}
		frappe.db.delete("KLS Reporting Period", {"name": "Month-2032-3"})
		kgu = make_user(
			"kgu-head-period", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71")
		)
		frappe.set_user(kgu)
		self.assertRaises(frappe.PermissionError, frappe.get_doc({**values, "due_date": "2032-04-10"}).insert)
		frappe.set_user(make_user("rgu-coord-period", [core.ROLE_RGU_COORDINATOR], rgu_office()))
		period = frappe.get_doc({**values, "due_date": "2032-04-10"}).insert()
		period.due_date = "2032-04-15"
		period.save()
		frappe.set_user(kgu)
		doc = frappe.get_doc("KLS Reporting Period", period.name)
		self.assertEqual(str(doc.due_date), "2032-04-15")
		doc.locked = 1
		self.assertRaises(frappe.PermissionError, doc.save)
		# the RGU locks the period and reopens it
		frappe.set_user(period.owner)
		for locked in (1, 0):
			doc = frappe.get_doc("KLS Reporting Period", period.name)
			doc.locked = locked
			doc.save()
			self.assertEqual(frappe.db.get_value("KLS Reporting Period", period.name, "locked"), locked)
		frappe.set_user("Administrator")
