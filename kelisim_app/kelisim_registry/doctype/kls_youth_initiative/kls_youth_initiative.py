# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from frappe.utils import getdate, today

from kelisim_app.kelisim_registry import rules
from kelisim_app.kelisim_registry.doctype.kls_structure_plan.kls_structure_plan import current_members


def _date(value):
	return getdate(value) if value else None


class KLSYouthInitiative(Document):
	"""An initiative of a youth headquarters or one of its members. The secretary of the headquarters proposes
	it and records its results; the regional office decides (the decision fields are at permlevel 1, which
	only the offices write)."""

	def validate(self):
		self.clear_unused()
		self.check_initiative()

	def clear_unused(self):
		if self.decision != rules.INITIATIVE_REFUSED:
			self.decision_reason = None
		if self.decision != rules.INITIATIVE_SUPPORTED:
			self.support = None

	def check_initiative(self):
		kind = frappe.db.get_value("KLS Public Structure", self.proposing_structure, "structure_kind")
		rules.check_youth_initiative(
			kind,
			not self.proposer or self.proposer in current_members(self.proposing_structure),
			_date(self.proposed_on),
			self.decision or rules.INITIATIVE_PENDING,
			_date(self.decided_on),
			self.decision_reason,
			_date(self.completed_on),
			getdate(today()),
		)
