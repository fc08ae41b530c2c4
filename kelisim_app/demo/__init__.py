"""The demo data: the base set (users of every role, offices, districts; `load`) and the national-scale
generator (`generate`, see generator.py). Idempotent and resumable: running it again adds only what is
missing. Demo passwords are for demonstration sites only.
"""

from __future__ import annotations

from kelisim_app.demo.users import BASE_USERS as USERS
from kelisim_app.demo.users import DEMO_DOMAIN, DEMO_PASSWORD, all_users, email_of, ensure_users

# (region, English, Russian, Kazakh, kind)
DISTRICTS: tuple[tuple[str, str, str, str, str], ...] = (
	("KZ-71", "Almaty District", "район Алматы", "Алматы ауданы", "District"),
	("KZ-71", "Baikonyr District", "район Байконыр", "Байқоңыр ауданы", "District"),
	("KZ-71", "Yesil District", "район Есиль", "Есіл ауданы", "District"),
	("KZ-71", "Saryarka District", "район Сарыарка", "Сарыарқа ауданы", "District"),
	("KZ-71", "Nura District", "район Нура", "Нұра ауданы", "District"),
	("KZ-75", "Alatau District", "Алатауский район", "Алатау ауданы", "District"),
	("KZ-75", "Almaly District", "Алмалинский район", "Алмалы ауданы", "District"),
	("KZ-75", "Auezov District", "Ауэзовский район", "Әуезов ауданы", "District"),
	("KZ-75", "Bostandyk District", "Бостандыкский район", "Бостандық ауданы", "District"),
	("KZ-75", "Zhetysu District", "Жетысуский район", "Жетісу ауданы", "District"),
	("KZ-75", "Medeu District", "Медеуский район", "Медеу ауданы", "District"),
	("KZ-75", "Nauryzbay District", "Наурызбайский район", "Наурызбай ауданы", "District"),
	("KZ-75", "Turksib District", "Турксибский район", "Түрксіб ауданы", "District"),
	("KZ-11", "Stepnogorsk", "Степногорск", "Степногор", "City of regional significance"),
	("KZ-11", "Burabay District", "Бурабайский район", "Бурабай ауданы", "District"),
)

OFFICE_CARDS = {
	"RGU": {"staff_count": 35, "phone": "+7 7172 74 00 00", "email": "rgu@kelisim.kz", "head": "rgu.head"},
	"KGU-KZ-71": {
		"staff_count": 48,
		"phone": "+7 7172 55 00 00",
		"email": "astana@kelisim.kz",
		"head": "kgu.head.astana",
	},
	"KGU-KZ-75": {
		"staff_count": 61,
		"phone": "+7 727 272 00 00",
		"email": "almaty@kelisim.kz",
		"head": "kgu.head.almaty",
	},
}


def finish_setup_wizard() -> bool:
	"""What Frappe's setup wizard does at its end, for a demo site: until an administrator finishes the wizard,
	every other user (the demo logins too) is sent to the wizard's page and refused. Country and time zone
	are Kazakhstan's where still unset. A real site's administrator goes through the wizard himself.
	Returns True when it finished the wizard, False when it was already finished."""
	import frappe
	from frappe.desk.page.setup_wizard.setup_wizard import disable_future_access

	if frappe.db.get_single_value("System Settings", "setup_complete"):
		return False
	for field, value in (("country", "Kazakhstan"), ("time_zone", "Asia/Almaty")):
		if not frappe.db.get_single_value("System Settings", field):
			frappe.db.set_single_value("System Settings", field, value)
	disable_future_access()
	return True


def load(verbose: bool = True) -> dict[str, int]:
	"""Create the demo set; returns how many records of each kind it created."""
	import frappe

	finish_setup_wizard()
	created = {"District": 0, "User": 0}
	for region, en, ru, kk, kind in DISTRICTS:
		if frappe.db.exists("KLS District", {"region": region, "district_name": en}):
			continue
		frappe.get_doc(
			{
				"doctype": "KLS District",
				"region": region,
				"district_name": en,
				"district_name_ru": ru,
				"district_name_kk": kk,
				"kind": kind,
			}
		).insert(ignore_permissions=True)
		created["District"] += 1
	created["User"] = ensure_users()
	for office, card in OFFICE_CARDS.items():
		doc = frappe.get_doc("KLS Office", office)
		if doc.head_user:
			continue
		head = frappe.get_doc("User", email_of(card["head"]))
		doc.update(
			{
				"head_user": head.name,
				"head_name": head.full_name,
				"staff_count": card["staff_count"],
				"phone": card["phone"],
				"email": card["email"],
			}
		)
		doc.save(ignore_permissions=True)
	if verbose:
		print("Kelisim demo: created {District} districts and {User} users".format(**created))
	return created


def login_table() -> None:
	"""Print the demo logins (bench --site SITE execute kelisim_app.demo.login_table)."""
	import frappe

	print(f"Demo logins (password for all: {DEMO_PASSWORD})")
	for spec in all_users():
		region = frappe.db.get_value("KLS Office", spec.office, "region") if spec.office else None
		print(f"  {email_of(spec.key):40} {spec.profile:30} {region or '-':6} {spec.language}")


def generate(
	scale: float, seed: int = 2020, commit=None, progress=None, verbose: bool = True, stages=None, **kwargs
):
	"""The national-scale data set on top of the base set (see generator.py); returns the Generator."""
	from kelisim_app.demo.generator import STAGES, Generator

	gen = Generator(scale=scale, seed=seed, commit=commit, progress=progress, verbose=verbose, **kwargs)
	gen.run(tuple(stages) if stages is not None else STAGES)
	return gen
