# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kelisim_app.kelisim_core import alerts
from kelisim_app.kelisim_core import notice_rules as nr


class KLSAlertRule(Document):
	def validate(self):
		self.check_texts()
		self.check_roles()

	def on_update(self):
		alerts.clear_cache()

	def on_trash(self):
		alerts.clear_cache()

	def check_texts(self):
		"""An administrator's text uses only the placeholders this alert fills."""
		spec = alerts.declarations().get(self.alert) or {}
		allowed = alerts.allowed_placeholders(spec) if spec else list(nr.COMMON_PLACEHOLDERS)
		for field in ("subject_kk", "subject_ru", "subject_en"):
			nr.check_alert_text(self.get(field), allowed)

	def check_roles(self):
		for table in ("recipient_roles", "escalation_roles"):
			roles = [row.role for row in self.get(table)]
			if len(roles) != len(set(roles)):
				frappe.throw(_("A role is listed twice in {0}").format(_(self.meta.get_label(table))))
