"""The events module's alerts (declared here, run by `kelisim_core.alerts`, changed by an administrator in
KLS Alert Rule): a reported event goes to the KGU staff who verify it; one left unverified is reminded, then
escalated. Texts carry the event's number and type, never its participants or narrative."""

from __future__ import annotations

from kelisim_app.kelisim_core import notice_rules as nr
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_events import rules
from kelisim_app.utils.i18n import N_

EVENT = "KLS Event"


def event_context(event) -> dict:
	return {"values": {"event_type": event.get("event_type") or ""}}


ALERTS = [
	{
		"alert": "event-reported",
		"label": N_("Event reported, to verify"),
		"document_type": EVENT,
		"trigger": nr.TRIGGER_STATE,
		"state": rules.REPORTED,
		"roles": [core.ROLE_KGU_HEAD],
		"subject": N_("Event {reference} ({event_type}) is reported and awaits your verification"),
		"placeholders": ["event_type"],
		"translate": ["event_type"],
		"context": "kelisim_app.kelisim_events.alerts.event_context",
	},
	{
		"alert": "event-waiting-verification",
		"label": N_("Event waiting for verification"),
		"digest_label": N_("Events waiting for verification"),
		"document_type": EVENT,
		"trigger": nr.TRIGGER_WAITING,
		"state": rules.REPORTED,
		"roles": [core.ROLE_KGU_HEAD],
		"remind_after_days": 3,
		"escalate_after_days": 7,
		"escalation_roles": [core.ROLE_RGU_COORDINATOR],
		"subject": N_("Event {reference} ({event_type}) has waited {days} days for verification"),
		"escalation_subject": N_("Escalation: event {reference} ({event_type}) unverified for {days} days"),
		"placeholders": ["event_type"],
		"translate": ["event_type"],
		"context": "kelisim_app.kelisim_events.alerts.event_context",
	},
]
