"""Helpers of the layer-2 (Frappe) tests: users of each kind, made idempotently."""

from __future__ import annotations

import frappe

from kelisim_app.install import setup_site

TEST_DOMAIN = "test.kelisim.kz"


def before_tests() -> None:
	"""bench run-tests: the site has the app's base data (roles, regions, offices)."""
	frappe.clear_cache()
	setup_site()
	frappe.db.commit()  # nosemgrep: base data must outlive the test classes' rollbacks


def make_user(key: str, roles: list[str], office: str | None = None, language: str = "en") -> str:
	"""A user `<key>@test.kelisim.kz` with exactly these roles and this office."""
	email = f"{key}@{TEST_DOMAIN}"
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.new_doc("User")
		user.update({"email": email, "first_name": key, "send_welcome_email": 0, "user_type": "System User"})
	user.language = language
	user.kelisim_office = office
	user.set("roles", [{"role": r} for r in roles])
	user.flags.ignore_permissions = True
	user.save() if not user.is_new() else user.insert()
	return email


def kgu_office(region: str) -> str:
	return frappe.db.get_value("KLS Office", {"office_type": "KGU", "region": region})


def rgu_office() -> str:
	return frappe.db.get_value("KLS Office", {"office_type": "RGU"})
