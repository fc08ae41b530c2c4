# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model import no_value_fields, table_fields
from frappe.model.document import Document
from frappe.utils import getdate, strip_html, today

from kelisim_app.kelisim_core import approval
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_projects import rules

CHAIN_FIELDS = frozenset({"workflow_state", "reviewed_by", "published_on", "return_reason"})


class KLSEthnoculturalMaterial(Document):
	"""A material collected for base project 3 («Polyethnic Kazakhstan: ethnocultural genesis»): recorded by
	the KGU, reviewed by its head (another person than its author) before publication; published materials
	count in the project's KPI «Ethnocultural materials published»."""

	def validate(self):
		self.check_district()
		self.check_material()
		self.check_unchanged()
		self.on_state_change()

	def check_district(self):
		if self.district:
			core.check_district_region(
				frappe.db.get_value("KLS District", self.district, "region"), self.region
			)

	def check_material(self):
		if not self.workflow_state:
			self.workflow_state = rules.MATERIAL_DRAFT
		rules.check_material(
			self.workflow_state,
			approval.previous_state(self),
			getdate(self.collected_on) if self.collected_on else None,
			getdate(today()),
			bool(self.files) or bool(strip_html(self.description or "").strip()),
			self.informant_name,
			bool(self.informant_consent),
		)

	def check_unchanged(self):
		before = self.get_doc_before_save()
		if not before or {"System Manager", core.ROLE_ADMINISTRATOR} & set(frappe.get_roles()):
			return
		fields = [
			df.fieldname
			for df in self.meta.fields
			if df.fieldtype not in no_value_fields
			and df.fieldtype not in table_fields
			and df.fieldname not in CHAIN_FIELDS
		]
		changed = any(str(before.get(f) or "") != str(self.get(f) or "") for f in fields)
		rules.check_material_unchanged(approval.previous_state(self), changed)

	def on_state_change(self):
		state, previous = self.workflow_state, approval.previous_state(self)
		if not previous or state == previous:
			return
		if state == rules.MATERIAL_PUBLISHED:
			self.reviewed_by, self.published_on = frappe.session.user, today()
		elif state == rules.MATERIAL_RETURNED:
			approval.record_return(self, rules.check_material_return_reason(self.return_reason))
			self.reviewed_by = frappe.session.user
		elif state == rules.MATERIAL_UNDER_REVIEW:
			self.return_reason = None
