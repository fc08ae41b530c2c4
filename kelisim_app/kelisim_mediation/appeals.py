"""The public side of mediation: a citizen's appeal becomes a registered case, and its status can be
checked with the reference number and the phone or e-mail given, nothing more (no enumeration: any
mismatch gets the same "not found")."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import add_to_date, cstr, now_datetime

from kelisim_app.kelisim_mediation import rules
from kelisim_app.kelisim_mediation.exceptions import AppealRateLimitError

CASE = "KLS Mediation Case"
APPEAL = "KLS Mediation Appeal"


def clean_text(value: str | None, limit: int | None = None) -> str:
	"""Plain text: markup removed (a script tag is kept inert as nothing), whitespace trimmed."""
	from bs4 import BeautifulSoup

	if not value:
		return ""
	soup = BeautifulSoup(cstr(value), "html.parser")
	for tag in soup(["script", "style", "iframe", "object", "embed"]):
		tag.decompose()
	text = soup.get_text(" ").replace("<", "").replace(">", "").strip()
	return text[:limit] if limit else text


def request_ip() -> str | None:
	return getattr(frappe.local, "request_ip", None)


def recent_appeals(ip: str | None, phone: str | None, email: str | None, since) -> int:
	"""Appeals from the same address, phone or e-mail since `since`."""
	conditions = []
	if ip:
		conditions.append(["ip_address", "=", ip])
	if phone:
		conditions.append(["phone", "=", phone])
	if email:
		conditions.append(["email", "=", email])
	count = 0
	for condition in conditions:
		count = max(
			count,
			frappe.db.count(APPEAL, filters=[condition, ["creation", ">=", since]]),
		)
	return count


def hit_limit(key: str, limit: int, seconds: int = 3600) -> None:
	"""A counter in the cache: refuse the call once `limit` calls with `key` fell in the window."""
	cache_key = frappe.cache.make_key(f"kls-mediation:{key}")
	if not frappe.cache.get(cache_key):
		frappe.cache.setex(cache_key, seconds, 0)
	if frappe.cache.incrby(cache_key, 1) > limit:
		frappe.throw(_("Too many attempts. Please try again in an hour."), AppealRateLimitError)


def case_status(reference: str | None, contact: str | None) -> dict | None:
	"""Status and dates of the case `reference` if `contact` is the phone or e-mail of its appeal (or of its
	applicant); None otherwise, whichever part did not match."""
	reference = cstr(reference).strip().upper()[:40]
	contact = cstr(contact).strip()[:140]
	if not reference or not contact:
		return None
	case = frappe.db.get_value(
		CASE,
		reference,
		["name", "workflow_state", "received_on", "due_date", "resolved_on", "closed_on", "appeal"],
		as_dict=True,
	)
	if not case:
		return None
	contacts = []
	if case.appeal:
		contacts.append(frappe.db.get_value(APPEAL, case.appeal, ["phone", "email"], as_dict=True))
	contacts += frappe.get_all(
		"KLS Case Party",
		filters={"parent": case.name, "parenttype": CASE, "role": rules.ROLE_APPLICANT},
		fields=["phone", "email"],
	)
	if not any(c and rules.contact_matches(contact, c.phone, c.email) for c in contacts):
		return None
	return {
		"reference": case.name,
		"status": case.workflow_state,
		"status_label": _(case.workflow_state),
		"received_on": case.received_on,
		"due_date": case.due_date,
		"resolved_on": case.resolved_on,
		"closed_on": case.closed_on,
	}


def check_status_limited(reference: str | None, contact: str | None) -> dict | None:
	"""`case_status`, limited per address (a guest cannot try reference numbers in bulk)."""
	hit_limit(f"status:{request_ip() or 'local'}", rules.STATUS_CHECKS_PER_HOUR)
	return case_status(reference, contact)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=rules.STATUS_CHECKS_PER_HOUR, seconds=60 * 60)
def check_status(reference: str | None = None, contact: str | None = None) -> dict:
	"""The status of an appeal for its author: `{"found": false}` whatever did not match."""
	status = check_status_limited(reference, contact)
	if not status:
		return {"found": False, "message": not_found_message()}
	return {"found": True, **status}


def not_found_message() -> str:
	return _("No appeal matches this reference number and phone or e-mail.")


def since_an_hour_ago():
	return add_to_date(now_datetime(), hours=-1)
