"""Data of the browser journeys, created on a THROWAWAY site before the browser starts (dev/e2e runs it).

Run with the bench's Python from the bench's `sites` folder:

    ../env/bin/python /path/to/e2e/setup_site.py SITE OUT.json

It refuses a site without `allow_tests` in its site_config (the dev site kelisim.localhost has none), so it
cannot seed users with known passwords on a real site. Idempotent: a second run reuses what exists and
gives the users a new password. Writes OUT.json: logins, passwords and the names of the seeded records.
"""

from __future__ import annotations

import json
import os
import secrets
import sys

import frappe
from frappe.utils import add_days, add_to_date, get_datetime, getdate, now_datetime, today

REGION_A = "KZ-71"  # Astana
REGION_B = "KZ-75"  # Almaty
DOMAIN = "e2e.kelisim.kz"
MARK = "E2E"  # every seeded title starts with it
SIGNING_DIR = ""  # where journey 6's test key goes: beside OUT.json (main)

# key: (first name, last name, role profile, office, language)
USERS = {
	"spec_a": ("Дана", "Е2Е-Маман", "Kelisim KGU Specialist", f"KGU-{REGION_A}", "kk"),
	"head_a": ("Бауыржан", "Е2Е-Басшы", "Kelisim KGU Head", f"KGU-{REGION_A}", "kk"),
	"spec_b": ("Тимур", "Е2Е-Алматы", "Kelisim KGU Specialist", f"KGU-{REGION_B}", "kk"),
	"rgu_coord": ("Ерлан", "Е2Е-Үйлестіруші", "Kelisim RGU Coordinator", "RGU", "kk"),
	"rgu_head": ("Айгүл", "Е2Е-РММ", "Kelisim RGU Head", "RGU", "kk"),
	"mediator_a": ("Сәуле", "Е2Е-Медиатор", "Kelisim Mediator", None, "kk"),
	# #19: the field app's secretary; #23: every role's desk (j9), in Kazakh and in Russian
	"secretary_a": ("Жанар", "Е2Е-Хатшы", "Kelisim Structure Secretary", None, "kk"),
	"tg_user": ("Жанар", "Е2Е-Телеграм", "Kelisim KGU Specialist", f"KGU-{REGION_A}", "kk"),  # #21
	"observer": ("Марат", "Е2Е-Бақылаушы", "Kelisim Ministry Observer", None, "ru"),
	"head_b_ru": ("Ольга", "Е2Е-Руководитель", "Kelisim KGU Head", f"KGU-{REGION_B}", "ru"),
}


def email(key: str) -> str:
	return f"{key.replace('_', '.')}@{DOMAIN}"


def ensure_user(key: str, password: str) -> str:
	first, last, profile, office, language = USERS[key]
	name = email(key)
	user = frappe.get_doc("User", name) if frappe.db.exists("User", name) else frappe.new_doc("User")
	user.update(
		{
			"email": name,
			"first_name": first,
			"last_name": last,
			"language": language,
			"time_zone": frappe.db.get_single_value("System Settings", "time_zone"),
			"user_type": "System User",
			"send_welcome_email": 0,
			"enabled": 1,
			"role_profile_name": profile,
			"kelisim_office": office,
			"new_password": password,
		}
	)
	user.flags.ignore_permissions = True
	user.flags.ignore_password_policy = True
	user.save() if not user.is_new() else user.insert()
	return name


def ensure(doctype: str, filters: dict, values: dict) -> str:
	name = frappe.db.get_value(doctype, filters)
	if name:
		return name
	doc = frappe.get_doc({"doctype": doctype, **filters, **values})
	doc.insert(ignore_permissions=True)
	return doc.name


def structure(title: str, region: str) -> str:
	return ensure(
		"KLS Public Structure",
		{"structure_name": title},
		{"structure_kind": "Council of Public Consent", "level": "Oblast", "region": region},
	)


def period(period_type: str, year: int, number: int) -> str:
	"""A period whose reports fall due ten days after it ends."""
	from kelisim_app.kelisim_reporting.rules import period_dates

	_start, end = period_dates(period_type, year, number)
	return ensure(
		"KLS Reporting Period",
		{"period_type": period_type, "year": year, "number": number},
		{"due_date": add_days(end, 10)},
	)


def event(title: str, region: str, organiser: str, days_ago: int, *actions: str) -> str:
	from frappe.model.workflow import apply_workflow

	name = frappe.db.get_value("KLS Event", {"title": title})
	if name:
		return name
	if days_ago:
		start = add_to_date(now_datetime(), days=-days_ago).replace(
			hour=10, minute=0, second=0, microsecond=0
		)
	else:  # today, already over: the quarter being reported has a held event whatever the date
		start = add_to_date(now_datetime(), hours=-3).replace(second=0, microsecond=0)
	doc = frappe.get_doc(
		{
			"doctype": "KLS Event",
			"title": title,
			"event_type": frappe.db.get_value("KLS Event Type", {}, "name", order_by="name asc"),
			# events count in the base-project charts (the RGU workspace of journey 5)
			"base_project": frappe.db.get_value("KLS Base Project", {}, "name", order_by="name asc"),
			"organiser": organiser,
			"start": start,
			"end": add_to_date(start, hours=2),
			"region": region,
			"participants_total": 40,
			"participants_youth": 12,
			"ethnic_groups_count": 5,
			# held in the state language: verified ones draw the Kazakh share chart (journey 5)
			"languages": [
				{"language": lang}
				for lang in frappe.get_all("KLS Language", filters={"is_state_language": 1}, pluck="name")
			],
		}
	)
	doc.insert(ignore_permissions=True)
	for action in actions:
		doc = apply_workflow(doc, action)
	return doc.name


def mediator(user: str, region: str) -> str:
	existing = frappe.db.get_value("KLS Mediator", {"user": user})
	if existing:
		return existing
	person = frappe.get_doc(
		{
			"doctype": "KLS Person",
			"first_name": "Сәуле",
			"last_name": "Е2Е-Медиатор",
			"region": region,
			# a mediator consented to the processing of his data (the registry shows him beyond his KGU)
			"consent_given": 1,
			"consent_date": add_days(today(), -300),
			"consent_form": "Electronic",
			"consent_purpose": "Реестр медиаторов",
		}
	).insert(ignore_permissions=True)
	doc = frappe.get_doc(
		{
			"doctype": "KLS Mediator",
			"person": person.name,
			"region": region,
			"user": user,
			"status": "Active",
			"certificate_number": "MC-E2E-1",
			"certificate_issued_on": add_days(today(), -200),
			"issuing_body": "Mediation Training Centre",
			"certificate_valid_until": add_days(today(), 365),
			"specialisations": "Household\nNeighbours\nFamily\nOther",
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def case(region: str, narrative: str) -> str:
	name = frappe.db.get_value("KLS Mediation Case", {"narrative": narrative})
	if name:
		return name
	doc = frappe.get_doc(
		{
			"doctype": "KLS Mediation Case",
			"received_on": today(),
			"channel": "Walk-in",
			"category": "Land",
			"region": region,
			"risk": "Low",
			"narrative": narrative,
			"parties": [{"party_name": f"{MARK} Applicant", "role": "Applicant", "phone": "+77010009999"}],
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def resolved_case(region: str, mediator_name: str, narrative: str) -> str:
	"""A case already resolved without agreement (the outcome chart of the workspaces has something to show)."""
	name = case(region, narrative)
	if not frappe.db.get_value("KLS Mediation Case", name, "outcome"):
		frappe.db.set_value(
			"KLS Mediation Case",
			name,
			{
				"mediator": mediator_name,
				"assigned_on": today(),
				"workflow_state": "No agreement",
				"outcome": "No agreement",
				"resolved_on": today(),
			},
		)
	return name


def project_plan(region: str) -> str:
	"""A regional plan of this year, behind on its KPI and a third of its budget spent (the plan charts)."""
	year = getdate(today()).year
	project = frappe.db.get_value("KLS Base Project", {}, "name", order_by="name asc")
	filters = {"region": region, "base_project": project, "year": year}
	name = frappe.db.get_value("KLS Project Plan", {**filters, "docstatus": ["<", 2]})
	if name:
		return name
	doc = frappe.get_doc(
		{
			"doctype": "KLS Project Plan",
			"plan_level": "Regional",
			**filters,
			"goals": "<p>E2E: a shared civic identity</p>",
			"expected_results": "<p>Forty round tables</p>",
			"kpis": [{"indicator": "Round tables held", "unit": "events", "baseline": 0, "target": 40}],
			"activities": [
				{"activity": "Round tables", "start_date": f"{year}-01-15", "end_date": f"{year}-11-30"},
			],
			"budget": [{"budget_line": "Venues", "planned_amount": 1_500_000, "actual_amount": 500_000}],
			"risks": [{"risk": "Low turnout", "probability": 2, "impact": 3}],
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def regional_report(period_name: str, region: str) -> str:
	return ensure("KLS Regional Report", {"period": period_name, "region": region}, {"language": "kk"})


def clear_journey_report(period_name: str, region: str) -> None:
	"""Journey 2 writes the report of the current period for region A: a report of an earlier run goes (with
	its corrections and notifications) so the journey starts from nothing again."""
	for name in frappe.get_all(
		"KLS Regional Report",
		filters={"period": period_name, "region": region},
		pluck="name",
		order_by="creation desc",
	):
		if frappe.db.get_value("KLS Regional Report", name, "docstatus") == 1:
			frappe.db.set_value("KLS Regional Report", name, "docstatus", 2)  # a test site's leftover
		frappe.db.delete("Notification Log", {"document_type": "KLS Regional Report", "document_name": name})
		frappe.delete_doc("KLS Regional Report", name, ignore_permissions=True, force=True)


def field_app_structures(secretary: str) -> dict:
	"""#19: the secretary's own council in region A, and a region-B council he is secretary of when the
	journey starts (the journey's KGU of region B hands it to nobody while the secretary is offline)."""
	own = structure(f"{MARK} Астана аналар кеңесі", REGION_A)
	moved = structure(f"{MARK} Алматы жастар кеңесі", REGION_B)
	frappe.db.set_value("KLS Public Structure", own, "secretary_user", secretary)
	frappe.db.set_value("KLS Public Structure", moved, "secretary_user", secretary)
	return {
		"own": own,
		"own_name": frappe.db.get_value("KLS Public Structure", own, "structure_name"),
		"moved": moved,
		"moved_name": frappe.db.get_value("KLS Public Structure", moved, "structure_name"),
	}


def age_old_appeals() -> None:
	"""Appeals of earlier runs from this machine no longer count against the hourly limit per address."""
	appeal = frappe.qb.DocType("KLS Mediation Appeal")
	frappe.qb.update(appeal).set(appeal.creation, add_to_date(now_datetime(), hours=-2)).where(
		appeal.applicant_name.like(f"{MARK}%")
	).run()


def complete_setup_wizard() -> None:
	"""The setup wizard finished as for a demo site; the onboarding tours stay off for the journeys."""
	from kelisim_app.demo import finish_setup_wizard

	finish_setup_wizard()
	frappe.db.set_single_value("System Settings", "enable_onboarding", 0)


def free_port() -> int:
	import socket

	with socket.socket() as sock:
		sock.bind(("127.0.0.1", 0))
		return sock.getsockname()[1]


def telegram(user: str) -> dict:
	"""#21: the site speaks to a fake Bot API (kelisim_app/tests/fake_telegram.py, started by journey j8 on
	this port) in webhook mode; the journey's user starts unlinked."""
	from frappe.installer import update_site_config

	from kelisim_app.kelisim_core import alerts

	conf = {
		"kelisim_telegram_bot_token": f"{secrets.randbelow(10**9)}:E2E-{secrets.token_urlsafe(16)}",
		"kelisim_telegram_bot_username": "kelisim_test_bot",
		"kelisim_telegram_mode": "webhook",
		"kelisim_telegram_webhook_secret": secrets.token_hex(16),
	}
	port = free_port()
	conf["kelisim_telegram_api_base"] = f"http://127.0.0.1:{port}"
	for key, value in conf.items():
		update_site_config(key, value)
	alerts.sync_rules()
	frappe.db.delete("KLS Telegram Account", {"user": user})
	return {
		"port": port,
		"token": conf["kelisim_telegram_bot_token"],
		"secret": conf["kelisim_telegram_webhook_secret"],
		"bot": conf["kelisim_telegram_bot_username"],
	}


def setup() -> dict:
	from kelisim_app.install import setup_site

	frappe.clear_cache()  # hooks, forms and scripts of the current code, in this process and in the desk
	setup_site()
	complete_setup_wizard()
	frappe.db.set_single_value("System Settings", "enable_password_policy", 0)
	password = "E2e-" + secrets.token_urlsafe(12)
	users = {key: ensure_user(key, password) for key in USERS}

	now = getdate(today())
	quarter = (now.month - 1) // 3 + 1
	current = period("Quarter", now.year, quarter)
	prev_year, prev_q = (now.year, quarter - 1) if quarter > 1 else (now.year - 1, 4)
	previous = period("Quarter", prev_year, prev_q)

	struct_a = structure(f"{MARK} Астана қоғамдық келісім кеңесі", REGION_A)
	struct_b = structure(f"{MARK} Алматы қоғамдық келісім кеңесі", REGION_B)
	secret_event = event(f"{MARK} SECRET Astana dialogue", REGION_A, struct_a, 3)
	visible_event = event(f"{MARK} VISIBLE Almaty festival", REGION_B, struct_b, 3, "Mark as held")
	for i, days in enumerate((0, 2, 35, 70)):
		event(f"{MARK} Astana round table {i + 1}", REGION_A, struct_a, days, "Mark as held")
	# verified: the workspaces' charts of verified events draw it without journey 1 having run first
	event(f"{MARK} Astana festival of languages", REGION_A, struct_a, 40, "Mark as held", "Report", "Verify")
	secret_case = case(REGION_A, f"{MARK} SECRET Astana land dispute")
	visible_case = case(REGION_B, f"{MARK} VISIBLE Almaty land dispute")
	secret_report = regional_report(previous, REGION_A)
	visible_report = regional_report(previous, REGION_B)
	mediator_a = mediator(users["mediator_a"], REGION_A)
	resolved_case(REGION_A, mediator_a, f"{MARK} Astana household dispute, resolved")
	project_plan(REGION_A)
	frappe.db.set_value("KLS Public Structure", struct_a, "secretary_user", users["secretary_a"])
	clear_journey_report(current, REGION_A)
	age_old_appeals()
	field = field_app_structures(users["secretary_a"])
	from setup_signing import setup_signing  # journey (#22): electronic signature of a sign-off

	signing = setup_signing(users["rgu_head"], SIGNING_DIR)
	return {
		"field": field,
		"signing": signing,
		"password": password,
		"users": users,
		"region_a": REGION_A,
		"region_b": REGION_B,
		"period": current,
		"period_title": frappe.db.get_value("KLS Reporting Period", current, "title"),
		"structure_a": struct_a,
		"structure_a_name": frappe.db.get_value("KLS Public Structure", struct_a, "structure_name"),
		"event_type": frappe.db.get_value("KLS Event Type", {}, "name", order_by="name asc"),
		"event_type_kk": frappe.db.get_value(
			"KLS Event Type",
			frappe.db.get_value("KLS Event Type", {}, "name", order_by="name asc"),
			"type_name_kk",
		),
		"mediator_a": mediator_a,
		"secret": {"event": secret_event, "case": secret_case, "report": secret_report},
		"visible": {"event": visible_event, "case": visible_case, "report": visible_report},
		"vocabulary": app_vocabulary(),
		"today": str(now),
		"now": str(get_datetime(now_datetime())),
		"telegram": telegram(users["tg_user"]),
	}


def app_vocabulary() -> dict:
	"""What a Kazakh or Russian desk must never show (j9, j10): the app's English workflow states and Select
	options that the catalogues translate, and the English names of the regions (their codes are matched by
	pattern). {"kk": [...], "ru": [...]}: the words whose translation in that language differs from them."""
	from frappe.translate import get_all_translations

	words = set()
	for workflow in frappe.get_all("Workflow", filters={"document_type": ["like", "KLS %"]}, pluck="name"):
		words.update(frappe.get_all("Workflow Document State", filters={"parent": workflow}, pluck="state"))
	for doctype in frappe.get_all("DocType", filters={"name": ["like", "KLS %"]}, pluck="name"):
		for df in frappe.get_meta(doctype).fields:
			if df.fieldtype == "Select" and df.options:
				words.update(o.strip() for o in df.options.split("\n") if o.strip())
	words.update(
		name for name in frappe.get_all("KLS Region", pluck="region_name") if name.endswith(" Region")
	)
	out = {}
	for lang in ("kk", "ru"):
		translated = get_all_translations(lang)
		# a word needs at least four letters to be told from a fragment of a longer word or a name
		out[lang] = sorted(w for w in words if len(w) >= 4 and translated.get(w, w) != w and w.isascii())
	return out


def main() -> int:
	global SIGNING_DIR
	site, out = sys.argv[1], sys.argv[2]
	SIGNING_DIR = os.path.join(os.path.dirname(os.path.abspath(out)), "signing")
	frappe.init(site=site)
	frappe.connect()
	try:
		if not frappe.conf.get("allow_tests"):
			print(f"e2e setup refused: {site} has no allow_tests in its site_config (a throwaway site only)")
			return 2
		frappe.set_user("Administrator")
		data = setup()
		frappe.db.commit()  # nosemgrep: a CLI script owns its transaction
	finally:
		frappe.destroy()
	with open(out, "w", encoding="utf-8") as fh:
		json.dump(data, fh, ensure_ascii=False, indent=1)
	print(f"e2e setup: {len(data['users'])} users, records seeded on {site}")
	return 0


if __name__ == "__main__":
	sys.exit(main())
