# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document
from frappe.utils import getdate

from kelisim_app.kelisim_reporting import rules


class KLSReportingPeriod(Document):
	def before_naming(self):
		self.set_dates()

	def validate(self):
		self.set_dates()
		self.check_due_date()

	def set_dates(self):
		start, end = rules.period_dates(self.period_type, int(self.year), int(self.number or 1))
		self.start_date, self.end_date = start, end
		self.title = rules.period_title(self.period_type, int(self.year), int(self.number or 1))

	def check_due_date(self):
		rules.check_due_date(getdate(self.due_date), getdate(self.end_date))
