"""What a structure's yearly work plan and its quarterly reports share: the structure and its region, one
record per period, the chain Draft → Submitted (Structure Secretary) → Accepted / Returned with a reason (the
KGU of the structure's region, the RGU for a republican structure), the notifications, the lock once accepted,
and who sees them (a Structure Secretary: his structures' only; a KGU: his region's, by the Link to KLS
Region). The rules are in `rules.py`."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.utils import getdate, today

from kelisim_app.kelisim_core import approval
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.notify import notify, region_staff, rgu_staff
from kelisim_app.kelisim_registry import rules
from kelisim_app.kelisim_registry.permissions import secretary_only, structures_of_secretary

WORK_DOCTYPES = ("KLS Structure Plan", "KLS Structure Report")
# fields the chain itself writes: they may move on an accepted record
CHAIN_FIELDS = frozenset(
	{"workflow_state", "submitted_by", "submitted_on", "accepted_by", "accepted_on", "return_reason"}
)


class StructureWorkDocument(approval.ApprovalDocument):
	PERIOD_FIELDS: tuple[str, ...] = ("structure", "year")

	def validate(self):
		self.check_structure()
		self.check_duplicate()
		self.set_title_and_due_date()
		self.check_content()
		self.check_submission()
		self.check_not_accepted()
		self.on_state_change()

	# ------------------------------------------------------------------ checks
	def check_structure(self):
		status = frappe.db.get_value("KLS Public Structure", self.structure, "status")
		if self.is_new() and status == rules.STATUS_DISSOLVED:
			frappe.throw(_("{0} is dissolved").format(self.structure), rules.StructureWorkError)

	def check_duplicate(self):
		filters = {f: self.get(f) for f in self.PERIOD_FIELDS} | {"name": ["!=", self.name or ""]}
		other = frappe.db.get_value(self.doctype, filters)
		if other:
			frappe.throw(
				_("{0} already has one for this period: {1}").format(
					self.structure_name or self.structure, other
				),
				rules.StructureWorkError,
			)

	def set_title_and_due_date(self):
		raise NotImplementedError

	def check_content(self):
		"""The record's own content (activities, figures)."""

	def has_content(self) -> bool:
		raise NotImplementedError

	def missing_content_message(self) -> str:
		raise NotImplementedError

	def check_submission(self):
		if not self.workflow_state:
			self.workflow_state = rules.WORK_DRAFT
		rules.check_work_submission(
			self.workflow_state, self.previous_state(), self.has_content(), self.missing_content_message()
		)

	def check_not_accepted(self):
		before = self.get_doc_before_save()
		if not before:
			return
		if core.ROLE_ADMINISTRATOR in frappe.get_roles() or "System Manager" in frappe.get_roles():
			return
		fields = [
			df.fieldname
			for df in self.meta.fields
			if df.fieldtype not in no_value_fields
			and df.fieldtype not in table_fields
			and df.fieldname not in CHAIN_FIELDS
		]
		changed = any(str(before.get(f) or "") != str(self.get(f) or "") for f in fields)
		rules.check_not_accepted(self.previous_state(), self.workflow_state, changed)

	# ------------------------------------------------------------------ chain

	def on_state_change(self):
		state = self.entered_state()
		if not state:
			return
		if state == rules.WORK_SUBMITTED:
			self.submitted_by, self.submitted_on = frappe.session.user, today()
			self.return_reason = None
			self.tell_reviewers(lambda: _("{0} is submitted for your review").format(self.title))
		elif state == rules.WORK_RETURNED:
			reason = rules.check_work_return_reason(self.return_reason)
			approval.record_return(self, reason)
			self.tell_secretary(lambda: _("{0} is returned: {1}").format(self.title, reason))
		elif state == rules.WORK_ACCEPTED:
			self.accepted_by, self.accepted_on = frappe.session.user, today()
			self.tell_secretary(lambda: _("{0} is accepted").format(self.title))

	def tell_reviewers(self, subject):
		if self.region:
			users = region_staff(self.region, (core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST))
		else:
			users = rgu_staff((core.ROLE_RGU_COORDINATOR,))
		notify(users, subject, self)

	def tell_secretary(self, subject):
		secretary = frappe.db.get_value("KLS Public Structure", self.structure, "secretary_user")
		if secretary:
			notify([secretary], subject, self)


def date_or_none(value):
	return getdate(value) if value else None


# ---------------------------------------------------------------------------------------------- permissions
def work_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""A Structure Secretary lists the plans and reports of his structures only."""
	user = user or frappe.session.user
	if not secretary_only(user):
		return ""
	table = doctype or frappe.form_dict.get("doctype") or WORK_DOCTYPES[0]
	return (
		f"`tab{table}`.`structure` in (select `name` from `tabKLS Public Structure` "
		f"where `secretary_user` = {frappe.db.escape(user)})"
	)


def plan_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	return work_query_conditions(user, "KLS Structure Plan")


def report_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	return work_query_conditions(user, "KLS Structure Report")


def work_has_permission(doc, ptype=None, user=None, debug=False):
	"""… and opens, creates and changes only those (a new one only for a structure of his)."""
	user = user or frappe.session.user
	if secretary_only(user) and doc.get("structure") not in structures_of_secretary(user):
		return False
	return None


def initiative_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""A Structure Secretary lists the youth initiatives of his headquarters only."""
	user = user or frappe.session.user
	if not secretary_only(user):
		return ""
	return (
		"`tabKLS Youth Initiative`.`proposing_structure` in (select `name` from `tabKLS Public Structure` "
		f"where `secretary_user` = {frappe.db.escape(user)})"
	)


def initiative_has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if secretary_only(user) and doc.get("proposing_structure") not in structures_of_secretary(user):
		return False
	return None
