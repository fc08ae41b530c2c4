"""The mediation module's alerts (declared here, run by `kelisim_core.alerts`, changed by an administrator
in KLS Alert Rule). Their texts carry the case's reference and category, never a party, a contact or the
narrative."""

from __future__ import annotations

import frappe

from kelisim_app.kelisim_core import notice_rules as nr
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_mediation import rules
from kelisim_app.utils.i18n import N_

CASE = "KLS Mediation Case"
APPEAL = "KLS Mediation Appeal"


def _mediator_user(case) -> str | None:
	return frappe.db.get_value("KLS Mediator", case.get("mediator"), "user") if case.get("mediator") else None


def case_context(case) -> dict | None:
	"""A case registered in the desk (one from the public form is told as an appeal)."""
	if case.get("appeal"):
		return None
	return {"values": {"category": case.category or "Other"}, "assignee": _mediator_user(case)}


def waiting_case_context(case) -> dict:
	return {"values": {"category": case.category or "Other"}, "assignee": _mediator_user(case)}


def appeal_context(appeal) -> dict | None:
	"""An appeal sent on the public form: the link opens its case (where the office works it)."""
	case = appeal.get("case") or frappe.db.get_value(APPEAL, appeal.name, "case")
	if not case:
		return None
	row = frappe.db.get_value(CASE, case, ["category", "mediator"], as_dict=True) or frappe._dict()
	return {
		"values": {"category": row.category or appeal.category or "Other"},
		"target": (CASE, case),
		"assignee": _mediator_user(row),
	}


ALERTS = [
	{
		"alert": "mediation-case-new",
		"label": N_("New mediation case"),
		"document_type": CASE,
		"trigger": nr.TRIGGER_CREATED,
		"roles": [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST],
		"include_assignee": 1,
		"subject": N_("New mediation case {reference} ({category})"),
		"placeholders": ["category"],
		"translate": ["category"],
		"context": "kelisim_app.kelisim_mediation.alerts.case_context",
	},
	{
		"alert": "mediation-appeal-new",
		"label": N_("New appeal from the public form"),
		"document_type": APPEAL,
		"trigger": nr.TRIGGER_CREATED,
		"roles": [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST],
		"include_assignee": 1,
		"subject": N_("A citizen's appeal arrived online: mediation case {reference} ({category})"),
		"placeholders": ["category"],
		"translate": ["category"],
		"context": "kelisim_app.kelisim_mediation.alerts.appeal_context",
	},
	{
		"alert": "mediation-case-unassigned",
		"label": N_("Mediation case waiting for a mediator"),
		"digest_label": N_("Mediation cases waiting for a mediator"),
		"document_type": CASE,
		"trigger": nr.TRIGGER_WAITING,
		"state": rules.STATE_REGISTERED,
		"roles": [core.ROLE_KGU_SPECIALIST],
		"remind_after_days": 2,
		"escalate_after_days": 5,
		"escalation_roles": [core.ROLE_KGU_HEAD],
		"subject": N_("Mediation case {reference} ({category}) has waited {days} days for a mediator"),
		"escalation_subject": N_(
			"Escalation: mediation case {reference} ({category}) has waited {days} days for a mediator"
		),
		"placeholders": ["category"],
		"translate": ["category"],
		"context": "kelisim_app.kelisim_mediation.alerts.waiting_case_context",
	},
]
