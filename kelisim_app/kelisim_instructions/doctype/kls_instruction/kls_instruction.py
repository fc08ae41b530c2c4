# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from kelisim_app.kelisim_instructions import control, rules
from kelisim_app.kelisim_instructions.rules import InstructionError


class KLSInstruction(Document):
	def validate(self):
		self.check_basis()
		self.check_addressees()

	def before_submit(self):
		self.check_deadline()

	def on_submit(self):
		self.create_executions()

	def before_cancel(self):
		self.check_no_reports()

	def on_cancel(self):
		self.withdraw_executions()

	def check_basis(self):
		rules.check_basis(
			self.source,
			self.basis_number,
			getdate(self.basis_date) if self.basis_date else None,
			getdate(today()),
		)

	def check_addressees(self):
		self.addressees()

	def check_deadline(self):
		rules.check_deadline_on_issue(getdate(self.deadline), getdate(self.issued_on), getdate(today()))

	def addressees(self) -> list[str]:
		return rules.addressed_regions(
			bool(self.all_regions),
			[row.region for row in self.regions],
			frappe.get_all("KLS Region", pluck="name"),
		)

	def create_executions(self):
		"""One execution per addressed region, opened at the instruction's deadline."""
		for region in self.addressees():
			execution = frappe.get_doc(
				{
					"doctype": "KLS Instruction Execution",
					"instruction": self.name,
					"region": region,
					"original_deadline": self.deadline,
					"deadline": self.deadline,
					"days_left": (getdate(self.deadline) - getdate(today())).days,
				}
			)
			execution.flags.ignore_permissions = True
			execution.insert()
		control.refresh_instruction_counts([self.name])
		for region in self.addressees():
			control.notify(
				control.region_staff(region, ("KGU Head", "KGU Specialist")),
				lambda: _("New instruction «{0}», due {1}").format(
					self.title, frappe.format(self.deadline, "Date")
				),
				frappe._dict(doctype="KLS Instruction Execution", name=f"{self.name}-{region}"),
			)

	def check_no_reports(self):
		reported = frappe.get_all(
			"KLS Instruction Execution",
			filters={"instruction": self.name, "workflow_state": ["!=", rules.STATE_OPEN]},
			pluck="region",
		)
		if reported:
			frappe.throw(
				_("Regions {0} have already reported on this instruction; it cannot be cancelled").format(
					", ".join(reported)
				),
				InstructionError,
			)

	def withdraw_executions(self):
		for name in frappe.get_all(
			"KLS Instruction Execution", filters={"instruction": self.name}, pluck="name"
		):
			frappe.delete_doc("KLS Instruction Execution", name, ignore_permissions=True, force=True)
		self.db_set({"executions_total": 0, "executions_accepted": 0, "executions_overdue": 0})
