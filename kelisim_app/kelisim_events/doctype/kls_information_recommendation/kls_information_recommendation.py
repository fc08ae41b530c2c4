# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from frappe.utils import getdate, today

from kelisim_app.kelisim_events import rules


def _date(value):
	return getdate(value) if value else None


class KLSInformationRecommendation(Document):
	"""A recommendation of the information policy (content for speakers, bloggers, ethnic media), issued by
	the RGU (no region) or a KGU, with its recipients and the day each read it."""

	def validate(self):
		self.name_recipients()
		self.check_recipients()
		self.set_status()

	def recipients_list(self) -> list[rules.Recipient]:
		return [
			rules.Recipient(r.person, r.outlet, _date(r.sent_on), _date(r.read_on)) for r in self.recipients
		]

	def name_recipients(self):
		for row in self.recipients:
			if row.person:
				row.recipient_name = frappe.db.get_value("KLS Person", row.person, "full_name")
			elif row.outlet:
				row.recipient_name = frappe.db.get_value("KLS Public Structure", row.outlet, "structure_name")
			if self.issued_on and not row.sent_on:
				row.sent_on = self.issued_on

	def check_recipients(self):
		rules.check_recommendation(_date(self.issued_on), getdate(today()), self.recipients_list())

	def set_status(self):
		self.status, self.read_count = rules.recommendation_status(
			_date(self.issued_on), self.recipients_list()
		)
