"""Who is told what: in-app notifications (and the email Frappe sends with them) to the people of an office."""

from __future__ import annotations

from collections.abc import Callable

import frappe

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.localization import in_language, users_by_language


def region_staff(region: str, roles: tuple[str, ...]) -> list[str]:
	"""Enabled users of the region's KGU office who hold one of `roles`."""
	office = frappe.db.get_value("KLS Office", {"office_type": core.OFFICE_KGU, "region": region})
	if not office:
		return []
	users = frappe.get_all("User", filters={"kelisim_office": office, "enabled": 1}, pluck="name")
	return [u for u in users if set(frappe.get_roles(u)) & set(roles)]


def rgu_staff(roles: tuple[str, ...]) -> list[str]:
	has_role = frappe.get_all(
		"Has Role", filters={"role": ["in", roles], "parenttype": "User"}, pluck="parent", distinct=True
	)
	return frappe.get_all("User", filters={"name": ["in", has_role or [""]], "enabled": 1}, pluck="name")


def notify(users: list[str], subject: str | Callable[[], str], doc) -> None:
	"""In-app notification (and the email Frappe sends with it, per the user's settings). `subject` is best
	given as `lambda: _("…").format(…)`: it is then made in each recipient's language."""
	users = sorted(set(users) - {frappe.session.user})
	for lang, group in users_by_language(users).items():
		create_logs(
			group,
			{
				"type": "Alert",
				"subject": in_language(subject, lang),
				"document_type": doc.doctype,
				"document_name": doc.name,
				"from_user": frappe.session.user,
			},
		)


def create_logs(users: list[str], log: dict) -> None:
	"""Notification Logs for `users`, made once the transaction commits (a save that fails tells nobody,
	neither in the desk nor on Telegram); in tests at once, as Frappe's own enqueue_create_notification."""
	if frappe.flags.in_install or not users:
		return
	frappe.enqueue(
		"frappe.desk.doctype.notification_log.notification_log.make_notification_logs",
		doc=frappe._dict(log),
		users=list(users),
		queue="short",
		now=bool(frappe.flags.in_test),
		enqueue_after_commit=True,
	)
