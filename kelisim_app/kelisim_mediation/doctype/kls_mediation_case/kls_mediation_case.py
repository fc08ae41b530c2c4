# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import json

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, today

from kelisim_app.exceptions import ApproverRoleError
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.permissions import ADMIN_ROLES
from kelisim_app.kelisim_mediation import control, permissions, referrals, rules
from kelisim_app.kelisim_mediation.exceptions import MediatorAssignmentError

NO_VALUE_TYPES = frozenset(no_value_fields) | frozenset(table_fields)
# who may choose or change a case's mediator
ASSIGNING_ROLES = ADMIN_ROLES | core.KGU_ROLES | core.RGU_ROLES


def confidential_fields(meta) -> list[str]:
	"""The fields of a case that hold personal data: those above permlevel 0."""
	return [df.fieldname for df in meta.fields if (df.permlevel or 0) > 0]


def _date(value):
	return getdate(value) if value else None


class KLSMediationCase(Document):
	def validate(self):
		self.check_transition()
		self.check_risk()
		self.check_parties()
		self.check_structures()
		self.check_bullying()
		self.check_co_handler_changes()
		self.check_mediator()
		self.set_due_date()
		self.on_state_change()
		self.check_outcome()
		self.check_dates()
		self.check_referrals()

	def after_insert(self):
		if self.mediator and self.workflow_state == rules.STATE_REGISTERED:
			# registered with its mediator: assigned at once (a new record starts in the first state)
			self.db_set("workflow_state", rules.STATE_ASSIGNED, update_modified=False)

	def on_update(self):
		self.report_high_risk()
		self.give_case_to_mediator()

	def onload(self):
		self.log_view()

	# ------------------------------------------------------------------ checks
	def previous(self, field: str):
		before = self.get_doc_before_save()
		return before.get(field) if before else None

	def check_transition(self):
		if not self.workflow_state:
			self.workflow_state = rules.STATE_REGISTERED
		previous = None if self.is_new() else (self.previous("workflow_state") or rules.STATE_REGISTERED)
		rules.check_transition(previous, self.workflow_state)

	def check_risk(self):
		rules.check_risk(self.risk, self.risk_justification)

	def party_list(self) -> list[rules.Party]:
		return [
			rules.Party(p.party_name or "", p.role or "", bool(p.is_minor), p.ethnic_group or "")
			for p in self.parties
		]

	def check_parties(self):
		parties = self.party_list()
		self.minors_involved = int(rules.minors_involved(bool(self.minors_involved), parties))
		rules.check_parties(parties, bool(self.minors_involved))
		self.is_interethnic = int(rules.is_interethnic(parties))

	def check_structures(self):
		def kind_region(name):
			if not name:
				return None, None
			row = frappe.db.get_value(
				"KLS Public Structure", name, ["structure_kind", "region"], as_dict=True
			)
			return (row.structure_kind, row.region) if row else (None, None)

		kind, region = kind_region(self.handling_structure)
		rules.check_handling_structure(self.handling_structure, kind, region, self.region)
		kind, _region = kind_region(self.co_handler)
		rules.check_co_handler(self.co_handler, kind, bool(self.minors_involved), self.handling_structure)

	def check_bullying(self):
		if not self.minors_involved:
			self.is_bullying = 0
		if not self.is_bullying:
			self.bullying_ground = self.school = None
		rules.check_bullying(
			bool(self.is_bullying), bool(self.minors_involved), self.bullying_ground, self.school
		)

	def check_co_handler_changes(self):
		"""A council's secretary sees the cases his council handles or co-handles and records what it did;
		everything else of the case is the mediator's and the regional office's."""
		if self.is_new() or not permissions.is_council_secretary_only(frappe.session.user):
			return
		fields = [df.fieldname for df in self.meta.fields if df.fieldtype not in NO_VALUE_TYPES]
		before = self.get_doc_before_save()
		rules.check_council_changes(
			{f: before.get(f) for f in fields},
			{f: self.get(f) for f in fields},
			fields,
			permissions.COUNCIL_EDITABLE,
		)

	def check_mediator(self):
		rules.check_state_needs_mediator(self.workflow_state, self.mediator)
		previous = self.previous("mediator")
		if self.mediator == previous or not self.mediator:
			if previous and not self.mediator and not self.is_new():
				self.check_may_assign()
			return
		self.check_may_assign()
		rules.check_mediator(control.mediator_info(self.mediator), self.region)
		self.record_assignment(self.flags.assignment_reason or _("Chosen by {0}").format(frappe.session.user))

	def check_may_assign(self):
		if not ASSIGNING_ROLES & set(frappe.get_roles()):
			frappe.throw(_("Only the regional office assigns a mediator"), ApproverRoleError)

	def record_assignment(self, reason: str):
		now = now_datetime()
		for row in self.assignments:
			if not row.ended_on:
				row.ended_on = now
		loads = control.open_loads([self.mediator], exclude_case=self.name)
		self.append(
			"assignments",
			{
				"mediator": self.mediator,
				"mediator_name": frappe.db.get_value("KLS Mediator", self.mediator, "full_name"),
				"assigned_on": now,
				"assigned_by": frappe.session.user,
				"open_cases": loads.get(self.mediator, 0),
				"reason": reason,
			},
		)
		self.assigned_on = today()
		self.flags.mediator_changed = True
		if self.workflow_state == rules.STATE_REGISTERED and not self.is_new():
			self.workflow_state = rules.STATE_ASSIGNED

	def set_due_date(self):
		if self.received_on and (
			not self.due_date
			or self.is_new()
			or self.category != self.previous("category")
			or str(self.received_on) != str(self.previous("received_on"))
		):
			self.due_date = control.due_date_for(self.category, self.received_on)

	def on_state_change(self):
		state, previous = self.workflow_state, self.previous("workflow_state")
		if state == previous:
			return
		if state in rules.OUTCOME_STATES:
			self.outcome = rules.outcome_for(state)
			self.resolved_on = self.resolved_on or today()
			self.is_overdue = 0
		elif state == rules.STATE_CLOSED:
			self.closed_on = today()

	def check_outcome(self):
		rules.check_outcome(self.workflow_state, self.outcome, self.agreement_terms, _date(self.follow_up_on))

	def check_dates(self):
		rules.check_dates(
			_date(self.received_on),
			getdate(today()),
			_date(self.assigned_on),
			_date(self.resolved_on),
			_date(self.closed_on),
			_date(self.follow_up_on),
		)

	def check_referrals(self):
		referrals.check_referrals(self, "received_on")

	# ------------------------------------------------------------------ after save
	def report_high_risk(self):
		if self.risk != rules.RISK_HIGH:
			if self.high_risk_notified:
				self.db_set("high_risk_notified", 0, update_modified=False)
			return
		if self.high_risk_notified or self.workflow_state not in rules.OPEN_STATES:
			return
		control.notify_high_risk(self)
		self.db_set("high_risk_notified", 1, update_modified=False)

	def give_case_to_mediator(self):
		"""The mediator's user gets the case as a Frappe assignment (a ToDo and its notification); a previous
		mediator's open assignment is cancelled."""
		if not self.flags.mediator_changed:
			return
		from frappe.desk.form import assign_to

		previous_user = control.mediator_user(self.previous("mediator"))
		user = control.mediator_user(self.mediator)
		if previous_user and previous_user != user:
			assign_to.remove(self.doctype, self.name, previous_user, ignore_permissions=True)
		if not user:
			return
		assign_to.add(
			{
				"assign_to": [user],
				"doctype": self.doctype,
				"name": self.name,
				"description": _("Mediation case {0} ({1})").format(self.name, _(self.category)),
				"date": self.due_date,
			},
			ignore_permissions=True,
		)  # Frappe tells the assignee (in-app and by e-mail)

	# ------------------------------------------------------------------ audit
	def save_version(self):
		"""Frappe's change history without confidential values: the form gives every reader of the case its
		last changes (the Ministry Observer too), so the values of the personal-data fields (permlevel 1:
		parties, narrative, agreement terms, outcome notes) are kept out; the history still shows that they
		changed, when and by whom."""
		before = self._doc_before_save
		if not before or self.flags.ignore_version or frappe.flags.in_install:
			return super().save_version()
		version = frappe.new_doc("Version")
		if version.update_version_info(before, self):
			diff = rules.redact_diff(json.loads(version.data), confidential_fields(self.meta))
			version.data = frappe.as_json(diff, indent=None, separators=(",", ":"))
			version.insert(ignore_permissions=True)

	def log_view(self):
		"""Every opening by someone other than the assigned mediator is in the View Log (reads through
		REST, print or a method are logged by the permission check, `permissions.audit_read`)."""
		from kelisim_app.kelisim_mediation.permissions import audit_read

		audit_read(self, frappe.session.user)

	# ------------------------------------------------------------------ actions
	@frappe.whitelist()
	def assign_mediator(self) -> str:
		"""The regional office assigns the least-loaded certified mediator of the region specialised in the
		case's category; an earlier assignment stays in the history."""
		self.check_permission("write")
		self.check_may_assign()
		if self.workflow_state not in (
			rules.STATE_REGISTERED,
			rules.STATE_ASSIGNED,
			rules.STATE_IN_MEDIATION,
		):
			frappe.throw(_("Only an open case can be assigned"), MediatorAssignmentError)
		candidates = [m for m in control.candidates(self.region, self.name) if m.name != self.mediator]
		chosen = rules.choose_mediator(candidates, self.region, self.category)
		self.mediator = chosen.name
		self.flags.assignment_reason = _("Fewest open cases ({0})").format(chosen.open_cases)
		self.save()
		return chosen.name
