# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from datetime import date

import frappe
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import getdate

from kelisim_app.kelisim_registry import mediators


class KLSMediator(Document):
	def validate(self):
		self.check_certification()
		self.check_mediation_structure()
		self.set_certification_state()

	def check_certification(self):
		mediators.check_certification(
			self.certificate_number,
			getdate(self.certificate_issued_on) if self.certificate_issued_on else None,
			getdate(self.certificate_valid_until) if self.certificate_valid_until else None,
			getdate(),
		)

	def check_mediation_structure(self):
		structure = (
			frappe.db.get_value(
				"KLS Public Structure", self.mediation_structure, ["structure_kind", "region"], as_dict=True
			)
			if self.mediation_structure
			else None
		)
		mediators.check_mediation_structure(
			self.mediation_structure,
			structure.structure_kind if structure else None,
			structure.region if structure else None,
			self.region,
		)

	def set_certification_state(self, today: date | None = None):
		valid_until = getdate(self.certificate_valid_until) if self.certificate_valid_until else None
		self.certification_state = mediators.certification_state(
			valid_until, today or getdate(), mediators.CERTIFICATE_WARNING_DAYS
		)


def refresh_certification_states(today: date | None = None) -> int:
	"""Daily: move every mediator whose certificate crossed a boundary to its new state (Valid → Expiring →
	Expired), in four bulk updates; returns how many mediators changed state."""
	today = getdate(today)
	first_valid, last_expiring = mediators.state_bounds(today, mediators.CERTIFICATE_WARNING_DAYS)
	mediator = DocType("KLS Mediator")
	until = mediator.certificate_valid_until
	conditions = {
		mediators.NOT_CERTIFIED: until.isnull(),
		mediators.EXPIRED: until < first_valid,
		mediators.EXPIRING: (until >= first_valid) & (until <= last_expiring),
		mediators.VALID: until > last_expiring,
	}
	changed = 0
	for state, condition in conditions.items():
		stale = condition & (mediator.certification_state.isnull() | (mediator.certification_state != state))
		changed += frappe.qb.from_(mediator).select(Count(mediator.name)).where(stale).run()[0][0]
		frappe.qb.update(mediator).set(mediator.certification_state, state).where(stale).run()
	return changed
