# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from frappe.utils import getdate, today

from kelisim_app.kelisim_registry import activity, rules


class KLSPublicStructure(Document):
	def validate(self):
		self.strip_name()
		self.check_territory()
		rules.check_kind_level(self.structure_kind, self.level)
		self.check_parent()
		self.check_status()
		self.check_accreditation()
		self.set_activity_status()

	def strip_name(self):
		self.structure_name = " ".join((self.structure_name or "").split())

	def check_territory(self):
		district_region = (
			frappe.db.get_value("KLS District", self.district, "region") if self.district else None
		)
		rules.check_territory(self.level, self.region, self.district, district_region)

	def check_parent(self):
		expected = frappe.db.get_value("KLS Structure Kind", self.structure_kind, "parent_kind")
		parent_kind = (
			frappe.db.get_value("KLS Public Structure", self.parent_structure, "structure_kind")
			if self.parent_structure
			else None
		)
		rules.check_parent(self.name, self.structure_kind, self.parent_structure, parent_kind, expected)

	def check_status(self):
		rules.check_status(
			self.status,
			getdate(self.status_date) if self.status_date else None,
			self.status_reason,
			getdate(today()),
		)

	def check_accreditation(self):
		rules.check_accreditation(
			self.structure_kind,
			bool(self.is_accredited),
			self.accreditation_number,
			getdate(self.accreditation_date) if self.accreditation_date else None,
			getdate(today()),
		)

	def set_activity_status(self):
		self.activity_status = rules.activity_status(
			getdate(self.last_activity_on) if self.last_activity_on else None,
			getdate(self.founded_on) if self.founded_on else None,
			getdate(today()),
			activity.inactivity_months(),
		)
