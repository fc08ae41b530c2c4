# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class KLSRegistrySettings(Document):
	def on_update(self):
		"""A new inactivity period applies at once, not at the next daily run."""
		from kelisim_app.kelisim_registry import activity

		if self.has_value_changed("inactivity_months"):
			activity.refresh()
