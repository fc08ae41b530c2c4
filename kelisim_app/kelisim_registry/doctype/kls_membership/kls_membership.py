# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from frappe.utils import getdate

from kelisim_app.kelisim_registry import members, rules


class KLSMembership(Document):
	def validate(self):
		self.check_dates()
		self.check_structure_accepts_members()
		self.check_no_overlap()

	def check_dates(self):
		rules.check_membership_dates(getdate(self.from_date), getdate(self.to_date) if self.to_date else None)

	def check_structure_accepts_members(self):
		if not self.is_new() and not self.has_value_changed("structure"):
			return
		row = frappe.db.get_value("KLS Public Structure", self.structure, ["status", "structure_name"])
		if row:  # a missing or unknown structure is Frappe's mandatory / link error
			rules.check_accepts_new_records(*row)

	def check_no_overlap(self):
		others = frappe.get_all(
			"KLS Membership",
			filters={"person": self.person, "structure": self.structure, "name": ["!=", self.name or ""]},
			fields=["name", "role", "from_date", "to_date"],
		)
		rules.check_no_overlap(
			self.role,
			getdate(self.from_date),
			getdate(self.to_date) if self.to_date else None,
			[
				rules.Tenure(o.name, o.role, getdate(o.from_date), getdate(o.to_date) if o.to_date else None)
				for o in others
			],
		)

	def on_update(self):
		self.refresh_counts()

	def after_delete(self):
		self.refresh_counts()

	def refresh_counts(self):
		before = self.get_doc_before_save()
		structures = {self.structure} | ({before.structure} if before and before.structure else set())
		members.refresh_member_counts(sorted(structures))
