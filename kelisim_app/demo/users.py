"""The demo users: every role, a KGU Head and Specialist in every region, secretaries and mediators in three.

Passwords are for demonstration sites only (`DEMO_PASSWORD`, documented in the README and docs/setup.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from kelisim_app.demo import figures

DEMO_DOMAIN = "demo.kelisim.kz"
DEMO_PASSWORD = "Kelisim-Demo-2026"
LOADER = f"demo.loader@{DEMO_DOMAIN}"  # owns the generated records; has no password, cannot log in
LOADER_ROLES = ("System Manager", "Kelisim Administrator")


@dataclass(frozen=True)
class DemoUser:
	key: str
	first_name: str
	last_name: str
	profile: str
	office: str | None
	language: str


BASE_USERS: tuple[DemoUser, ...] = (
	DemoUser("rgu.head", "Айгүл", "Сапарова", "Kelisim RGU Head", "RGU", "kk"),
	DemoUser("rgu.coordinator", "Ерлан", "Жұмабаев", "Kelisim RGU Coordinator", "RGU", "ru"),
	DemoUser("kgu.head.astana", "Бауыржан", "Омаров", "Kelisim KGU Head", "KGU-KZ-71", "kk"),
	DemoUser("kgu.specialist.astana", "Дана", "Серікқызы", "Kelisim KGU Specialist", "KGU-KZ-71", "kk"),
	DemoUser("kgu.head.almaty", "Ольга", "Ким", "Kelisim KGU Head", "KGU-KZ-75", "ru"),
	DemoUser("kgu.specialist.almaty", "Тимур", "Ахметов", "Kelisim KGU Specialist", "KGU-KZ-75", "ru"),
	DemoUser("observer", "Марат", "Исаев", "Kelisim Ministry Observer", None, "ru"),
	DemoUser("admin", "Kelisim", "Admin", "Kelisim Administrator", None, "en"),
)
# regions whose structures get a secretary user and whose first mediator gets a mediator user
FIELD_REGIONS = ("KZ-71", "KZ-75", "KZ-79")
CITY_SLUGS = {"KZ-71": "astana", "KZ-75": "almaty", "KZ-79": "shymkent"}


def email_of(key: str) -> str:
	return f"{key}@{DEMO_DOMAIN}"


def region_slug(region: figures.Region) -> str:
	if region.code in CITY_SLUGS:
		return CITY_SLUGS[region.code]
	slug = region.name_en.lower().removesuffix(" region").replace(" ", "-")
	return f"{slug}-region" if slug in CITY_SLUGS.values() else slug


def all_users() -> list[DemoUser]:
	"""The base users, then a KGU Head and Specialist in every other region, then a Structure Secretary
	and a Mediator in each field region."""
	users = list(BASE_USERS)
	known = {u.key for u in users}
	for region in figures.regions():
		slug = region_slug(region)
		for role, profile, first, last in (
			("head", "Kelisim KGU Head", "Нұрлан", "Бекова"),
			("specialist", "Kelisim KGU Specialist", "Асель", "Тоқтарова"),
		):
			key = f"kgu.{role}.{slug}"
			if key not in known:
				users.append(
					DemoUser(key, first, f"{last} ({region.code})", profile, f"KGU-{region.code}", "ru")
				)
	for code in FIELD_REGIONS:
		slug = CITY_SLUGS[code]
		users.append(
			DemoUser(f"secretary.{slug}", "Жанар", "Ермекова", "Kelisim Structure Secretary", None, "kk")
		)
		users.append(DemoUser(f"mediator.{slug}", "Серік", "Медиаторов", "Kelisim Mediator", None, "ru"))
	return users


def kgu_head(region: str) -> str:
	return email_of(f"kgu.head.{_slug_of(region)}")


def kgu_specialist(region: str) -> str:
	return email_of(f"kgu.specialist.{_slug_of(region)}")


RGU_HEAD = email_of("rgu.head")
RGU_COORDINATOR = email_of("rgu.coordinator")


def _slug_of(code: str) -> str:
	return next(region_slug(r) for r in figures.regions() if r.code == code)


def ensure_loader(email: str = LOADER) -> str:
	import frappe

	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "Demo",
				"last_name": "Loader",
				"user_type": "System User",
				"send_welcome_email": 0,
				"roles": [{"role": r} for r in LOADER_ROLES],
			}
		)
		user.insert(ignore_permissions=True)
	return email


def ensure_users() -> int:
	import frappe

	created = 0
	for spec in all_users():
		if frappe.db.exists("User", email_of(spec.key)):
			continue
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email_of(spec.key),
				"first_name": spec.first_name,
				"last_name": spec.last_name,
				"language": spec.language,
				"user_type": "System User",
				"send_welcome_email": 0,
				"role_profile_name": spec.profile,
				"kelisim_office": spec.office,
				"new_password": DEMO_PASSWORD,
			}
		).insert(ignore_permissions=True)
		created += 1
	return created
