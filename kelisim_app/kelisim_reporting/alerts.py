"""The reporting module's alerts (declared here, run by `kelisim_core.alerts`, changed by an administrator
in KLS Alert Rule): a national report ready for sign-off goes to the RGU Head; reports left waiting in the
RGU's queues are reminded, then escalated."""

from __future__ import annotations

from kelisim_app.kelisim_core import notice_rules as nr
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_reporting import rules
from kelisim_app.utils.i18n import N_

NATIONAL = "KLS National Report"
REGIONAL = "KLS Regional Report"


def report_context(report) -> dict:
	return {"values": {"period": report.get("period") or ""}}


ALERTS = [
	{
		"alert": "national-report-ready",
		"label": N_("National report ready for sign-off"),
		"document_type": NATIONAL,
		"trigger": nr.TRIGGER_STATE,
		"state": rules.SUBMITTED,
		"roles": [core.ROLE_RGU_HEAD],
		"subject": N_("National report {reference} for {period} is ready for your sign-off"),
		"placeholders": ["period"],
		"context": "kelisim_app.kelisim_reporting.alerts.report_context",
	},
	{
		"alert": "national-report-waiting-sign-off",
		"label": N_("National report waiting for sign-off"),
		"digest_label": N_("National reports waiting for your sign-off"),
		"document_type": NATIONAL,
		"trigger": nr.TRIGGER_WAITING,
		"state": rules.SUBMITTED,
		"roles": [core.ROLE_RGU_HEAD],
		"remind_after_days": 2,
		"escalate_after_days": 0,
		"escalation_roles": [],
		"subject": N_("National report {reference} has waited {days} days for your sign-off"),
		"escalation_subject": N_("Escalation: national report {reference} unsigned for {days} days"),
		"placeholders": ["period"],
		"context": "kelisim_app.kelisim_reporting.alerts.report_context",
	},
	{
		"alert": "regional-report-waiting-review",
		"label": N_("Regional report waiting for the RGU's review"),
		"digest_label": N_("Regional reports waiting for review"),
		"document_type": REGIONAL,
		"trigger": nr.TRIGGER_WAITING,
		"state": rules.SUBMITTED,
		"roles": [core.ROLE_RGU_COORDINATOR],
		"remind_after_days": 3,
		"escalate_after_days": 7,
		"escalation_roles": [core.ROLE_RGU_HEAD],
		"subject": N_("Regional report {reference} has waited {days} days for review"),
		"escalation_subject": N_("Escalation: regional report {reference} unreviewed for {days} days"),
		"placeholders": ["period"],
		"context": "kelisim_app.kelisim_reporting.alerts.report_context",
	},
	{
		"alert": "regional-report-waiting-sign-off",
		"label": N_("Regional report waiting for sign-off"),
		"digest_label": N_("Regional reports waiting for your sign-off"),
		"document_type": REGIONAL,
		"trigger": nr.TRIGGER_WAITING,
		"state": rules.REVIEWED,
		"roles": [core.ROLE_RGU_HEAD],
		"remind_after_days": 3,
		"escalate_after_days": 0,
		"escalation_roles": [],
		"subject": N_("Regional report {reference} has waited {days} days for your sign-off"),
		"escalation_subject": N_("Escalation: regional report {reference} unsigned for {days} days"),
		"placeholders": ["period"],
		"context": "kelisim_app.kelisim_reporting.alerts.report_context",
	},
]
