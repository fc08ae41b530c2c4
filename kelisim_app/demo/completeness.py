"""The demo's records of the DocTypes no other stage fills (issue #20: the demo fills every DocType of the
app): the books of base project 2 (published and in translation), the mediation FAQ, the methodological
documents, citizens' appeals sent through the public web form's own path (as a guest), and the people of
events and publications (speakers, co-organisers, named participants, decisions, authors).

Idempotent like the other stages: each part looks at what it already made."""

from __future__ import annotations

import json
from datetime import timedelta

import frappe

from kelisim_app.kelisim_mediation import rules as mediation

BOOKS = (
	("Қазақ ертегілері", "Tale", "Published"),
	("Абай жолы", "Classic", "Published"),
	("Батырлар жыры", "Epic", "In translation"),
)
FAQ = (
	("Что такое медиация?", "<p>Добровольный способ урегулировать спор при участии медиатора.</p>"),
	("Сколько стоит медиация в кабинете медиации?", "<p>Для граждан бесплатно.</p>"),
	("Медиация дегеніміз не?", "<p>Дауды медиатордың қатысуымен ерікті түрде реттеу тәсілі.</p>"),
)
METHOD_DOCUMENTS = (
	("Типовое положение о Совете общественного согласия", "Standard regulation", "Council of Public Consent"),
	("Типовой устав этнокультурного объединения", "Charter template", "Ethnocultural Association"),
)
APPEAL_WEB_FORM = "mediation-appeal"
APPEAL_MARK = "(демо)"


def make(gen) -> int:
	made = 0
	for part in (books, faq, method_documents, appeals, event_people, publication_people):
		made += part(gen) or 0
		gen.commit()
	return made


def books(gen) -> int:
	if gen.owned_count("KLS Book"):
		return 0
	project = frappe.db.get_value("KLS Base Project", {}, "name", order_by="name asc")
	made = 0
	for i, region in enumerate(gen.regions[:4]):
		for j, (title, genre, status) in enumerate(BOOKS):
			published = gen.today - timedelta(days=30 + 90 * j + i) if status == "Published" else None
			gen.insert(
				{
					"doctype": "KLS Book",
					"title": f"{title} — {region.name_ru}",
					"genre": genre,
					"status": status,
					"published_on": published,
					"print_run": 1000 * (j + 1),
					"source_language": "Russian",
					"target_language": "Kazakh",
					"base_project": project,
					"region": region.code,
				}
			)
			made += 1
	return made


def faq(gen) -> int:
	if gen.owned_count("KLS FAQ Entry"):
		return 0
	for i, (question, answer) in enumerate(FAQ):
		gen.insert(
			{
				"doctype": "KLS FAQ Entry",
				"question": question,
				"answer": answer,
				"category": mediation.CATEGORIES[0],
				"language": "kk" if question.startswith("Медиация дегеніміз") else "ru",
				"published": 1,
				"sort_order": i,
			}
		)
	return len(FAQ)


def method_documents(gen) -> int:
	if gen.owned_count("KLS Method Document"):
		return 0
	for title, kind, structure_kind in METHOD_DOCUMENTS:
		gen.insert(
			{
				"doctype": "KLS Method Document",
				"title": title,
				"document_type": kind,
				"version": "2024.1",
				"status": "Current",
				"effective_from": gen.today - timedelta(days=400),
				"applies_to": [{"structure_kind": structure_kind}],
			}
		)
	return len(METHOD_DOCUMENTS)


def appeals(gen) -> int:
	"""Two appeals a region as a citizen sends them: the public web form's own `accept`, as a guest."""
	from frappe.website.doctype.web_form.web_form import accept

	if frappe.db.count("KLS Mediation Appeal", {"description": ["like", f"%{APPEAL_MARK}%"]}):
		return 0
	made = 0
	user = frappe.session.user
	try:
		for i, region in enumerate(gen.regions):
			for j in range(2):
				frappe.set_user("Guest")
				data = {
					"doctype": "KLS Mediation Appeal",
					"applicant_name": f"Заявитель {i + 1}-{j + 1}",
					"phone": f"+7701{2000000 + 10 * i + j:07d}",
					"region": region.code,
					"category": mediation.CATEGORIES[(i + j) % len(mediation.CATEGORIES)],
					"description": f"Спор с соседями о границе участка {APPEAL_MARK}",
					"consent": 1,
				}
				accept(APPEAL_WEB_FORM, json.dumps(data))
				made += 1
	finally:
		frappe.set_user(user)
		frappe.flags.in_web_form = False
	return made


def _people(region: str, limit: int) -> list[str]:
	return frappe.get_all(
		"KLS Person",
		filters={"region": region, "consent_given": 1},
		pluck="name",
		order_by="name asc",
		limit=limit,
	)


def event_people(gen) -> int:
	"""An event of each region not yet reported gets its speakers, a co-organiser, named participants and a
	decision."""
	if frappe.db.count("KLS Event Speaker", {"owner": gen.loader}):
		return 0
	made = 0
	for region in gen.regions:
		event = frappe.db.get_value(
			"KLS Event",
			{"region": region.code, "workflow_state": ["in", ["Planned", "Held"]]},
			"name",
			order_by="name asc",
		)
		people = _people(region.code, 3)
		if not event or len(people) < 3:
			continue
		doc = frappe.get_doc("KLS Event", event)
		partners = [
			s for s in gen.structures_of(region.code, "Ethnocultural Association") if s != doc.organiser
		]
		doc.append("speakers", {"person": people[0], "topic": "Единство в многообразии"})
		doc.append(
			"named_participants", {"person": people[1], "participant_name": "Участник", "organisation": "НПО"}
		)
		doc.append("named_participants", {"participant_name": "Гость из акимата", "organisation": "Акимат"})
		if partners:
			doc.append("co_organisers", {"structure": partners[0]})
		doc.append("decisions", {"decision": "Провести следующую встречу в районном доме дружбы"})
		doc.flags.ignore_permissions = True
		doc.save()
		made += 1
	return made


def publication_people(gen) -> int:
	if frappe.db.count("KLS Publication Person", {"owner": gen.loader}):
		return 0
	made = 0
	for region in gen.regions:
		publication = frappe.db.get_value(
			"KLS Media Publication", {"region": region.code}, "name", order_by="name asc"
		)
		people = _people(region.code, 1)
		if not publication or not people:
			continue
		doc = frappe.get_doc("KLS Media Publication", publication)
		doc.append("people", {"person": people[0], "role": "Author"})
		doc.flags.ignore_permissions = True
		doc.save()
		made += 1
	return made
