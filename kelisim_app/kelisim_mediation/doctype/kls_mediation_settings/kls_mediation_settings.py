# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from kelisim_app.kelisim_mediation import rules


class KLSMediationSettings(Document):
	def validate(self):
		self.check_periods()

	def check_periods(self):
		rules.check_sla_rows(
			[(row.category, int(row.days or 0)) for row in self.sla],
			int(self.default_sla_days or 0),
			int(self.approach_days or 0),
			int(self.rgu_extra_days or 0),
		)
		rules.check_default_sla(int(self.default_sla_days or 0))
