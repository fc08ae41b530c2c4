"""The demo's records of the concept's further directions (issue #20): ethnic groups on associations, media
outlets, their members and case parties; partners per region and the referrals of cases and consultations;
children's cases of bullying co-handled by Mothers' Councils and cases handled by Councils of Public Consent;
the structures' yearly work plans and quarterly reports (the field regions' secretaries walk theirs through
the real workflow, the KGU accepts or returns them); the collected ethnocultural materials of base project 3,
youth initiatives and information-policy recommendations.

Idempotent like the other stages: each part looks at what it already made."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import frappe
from frappe.model.workflow import apply_workflow
from frappe.query_builder import DocType

from kelisim_app.demo import bulk, completeness, figures, names, users
from kelisim_app.kelisim_mediation import rules as mediation
from kelisim_app.kelisim_registry import rules as registry

STRUCTURE = "KLS Public Structure"
CASE = "KLS Mediation Case"
CONSULTATIONS = 3000  # consultations a year nationally (the concept gives none; a working assumption)
PARTNERS = (
	("Crisis centre", "Кризисный центр «Сенім»"),
	("Shelter", "Приют для женщин и детей «Үміт»"),
	("Mothers' home", "Дом мамы"),
	("NGO", "ОФ «Бірлік»"),
	("State body", "Управление образования"),
)
# the groups of the parties to a case, weighted roughly as Kazakhstan's population
GROUP_WEIGHTS = (
	("Kazakhs", 68),
	("Russians", 15),
	("Uzbeks", 3),
	("Ukrainians", 2),
	("Uyghurs", 2),
	("Germans", 1),
	("Tatars", 1),
	("Koreans", 1),
	("Turks", 1),
	("Azerbaijanis", 1),
)
SCHOOLS = (
	"Школа-лицей № 7",
	"Гимназия № 12",
	"СОШ № 45",
	"Школа № 3 имени Абая",
	"Назарбаев Интеллектуальная школа",
)


def make(gen) -> int:
	made = 0
	for part in (
		ethnic_groups_of_structures,
		case_party_groups,
		partners,
		consultations,
		case_referrals,
		school_cases,
		councils_handle_cases,
		structure_work,
		materials,
		youth_initiatives,
		recommendations,
		completeness.make,
	):
		made += part(gen) or 0
		gen.commit()
	return made


# ---------------------------------------------------------------------------------------------- ethnic groups
def group_of_language() -> dict[str, str]:
	return {
		r.language: r.name
		for r in frappe.get_all(
			"KLS Ethnic Group", fields=["name", "language"], filters={"language": ["is", "set"]}
		)
	}


def ethnic_groups_of_structures(gen) -> int:
	"""Associations and ethnic media carry the group whose language they name; their members are of it."""
	by_language = group_of_language()
	s, m, p = DocType(STRUCTURE), DocType("KLS Membership"), DocType("KLS Person")
	rows = frappe.get_all(
		STRUCTURE,
		filters={
			"owner": gen.loader,
			"structure_kind": ["in", ["Ethnocultural Association", "Ethnic Media Outlet"]],
			"ethnic_group": ["is", "not set"],
		},
		fields=["name", "ethnic_groups", "media_languages"],
	)
	by_group: dict[str, list[str]] = defaultdict(list)
	for i, row in enumerate(rows):
		language = (row.ethnic_groups or row.media_languages or "").strip()
		group = by_language.get(language) or by_language.get(
			names.OTHER_LANGUAGES[i % len(names.OTHER_LANGUAGES)]
		)
		if group:
			by_group[group].append(row.name)
	for group, structures in by_group.items():
		frappe.qb.update(s).set(s.ethnic_group, group).where(s.name.isin(structures)).run()
		members = frappe.qb.from_(m).select(m.person).where(m.structure.isin(structures))
		frappe.qb.update(p).set(p.ethnic_group, group).where(p.name.isin(members)).run()
	return len(rows)


def case_party_groups(gen) -> int:
	"""The parties of the generated cases get their groups; a case whose two sides differ is interethnic."""
	party, case = DocType("KLS Case Party"), DocType(CASE)
	rows = (
		frappe.qb.from_(party)
		.join(case)
		.on(case.name == party.parent)
		.select(party.name, party.parent, party.idx)
		.where((case.owner == gen.loader) & party.ethnic_group.isnull() & (party.parenttype == CASE))
		.orderby(party.parent)
		.orderby(party.idx)
	).run(as_dict=True)
	rng = gen.rng("party-groups")
	groups, weights = zip(*GROUP_WEIGHTS, strict=True)
	chosen: dict[str, list[str]] = defaultdict(list)
	of_case: dict[str, set[str]] = defaultdict(set)
	for row in rows:
		group = rng.choices(groups, weights=weights)[0]
		chosen[group].append(row.name)
		of_case[row.parent].add(group)
	for group, party_names in chosen.items():
		for start in range(0, len(party_names), 1000):
			chunk = party_names[start : start + 1000]
			frappe.qb.update(party).set(party.ethnic_group, group).where(party.name.isin(chunk)).run()
	interethnic = [name for name, found in of_case.items() if len(found) >= 2]
	for start in range(0, len(interethnic), 1000):
		chunk = interethnic[start : start + 1000]
		frappe.qb.update(case).set(case.is_interethnic, 1).where(case.name.isin(chunk)).run()
	return len(rows)


# ---------------------------------------------------------------------------------------------- partners
def partners(gen) -> int:
	made = 0
	for region in gen.regions:
		if gen.owned_count("KLS Partner", region=region.code) >= len(PARTNERS):
			continue
		for kind, name in PARTNERS:
			gen.insert(
				{
					"doctype": "KLS Partner",
					"partner_name": f"{name} ({region.name_ru})",
					"partner_type": kind,
					"region": region.code,
					"phone": f"+7 700 {100 + made % 900} {1000 + made % 9000}",
					"services": "Консультации, временное размещение, психологическая помощь",
				}
			)
			made += 1
	if not frappe.db.exists("KLS Partner", {"region": ["is", "not set"], "owner": gen.loader}):
		gen.insert(
			{
				"doctype": "KLS Partner",
				"partner_name": "Единый контакт-центр 111 по вопросам семьи, женщин и защиты прав детей",
				"partner_type": "State body",
				"phone": "111",
			}
		)
		made += 1
	return made


def partners_of(region: str) -> list[str]:
	return frappe.get_all(
		"KLS Partner", filters={"region": ["in", [region]], "is_active": 1}, pluck="name", order_by="name"
	)


def referral(rng, partner: str, day, today) -> dict:
	status = rng.choices(mediation.REFERRAL_STATUSES, weights=(15, 30, 10, 45))[0]
	row = {"partner": partner, "referred_on": day, "status": status, "reason": "Нужна помощь партнёра"}
	if status != mediation.REFERRAL_AWAITING:
		row["answered_on"] = min(day + timedelta(days=rng.randint(1, 10)), today)
		row["answer"] = "Ответ партнёра получен"
	return row


# ---------------------------------------------------------------------------------------------- consultations
def consultations(gen) -> int:
	per_region = figures.per_region(CONSULTATIONS, gen.scale)
	todo = []
	for region in gen.regions:
		n = per_region[region.code]
		done = gen.owned_count("KLS Consultation", region=region.code)
		if done >= n:
			continue
		rng = gen.rng("consultations", region.code)
		region_partners = partners_of(region.code)
		items = []
		for _ in range(n):
			day = gen.day_in_last_year(rng)
			values = {
				"doctype": "KLS Consultation",
				"consulted_on": day,
				"category": rng.choice(mediation.CATEGORIES),
				"channel": rng.choice(("Walk-in", "Phone", "Online", "Event")),
				"region": region.code,
				"question": "Как урегулировать спор без суда?",
				"answer_summary": "Разъяснён порядок медиации и контакты кабинета медиации.",
			}
			if region_partners and rng.random() < 0.15:
				values["referrals"] = [referral(rng, rng.choice(region_partners), day, gen.today)]
			items.append(values)
		todo.extend(items[done:])
	return gen.batches(
		"consultations",
		todo,
		lambda items: bulk.insert_many(items, gen.names_for("KLS Consultation", len(items))),
	)


def case_referrals(gen) -> int:
	"""A case referred elsewhere names the partner it went to, and the partner's answer."""
	ref = DocType("KLS Referral")
	referred = frappe.get_all(
		CASE,
		filters={"owner": gen.loader, "outcome": mediation.STATE_REFERRED},
		fields=["name", "region", "resolved_on", "received_on"],
	)
	have = set(
		frappe.qb.from_(ref).select(ref.parent).where(ref.parenttype == CASE).distinct().run(pluck=True)
	)
	made = 0
	cache: dict[str, list[str]] = {}
	rng = gen.rng("case-referrals")
	for case in referred:
		if case.name in have:
			continue
		if case.region not in cache:
			cache[case.region] = partners_of(case.region)
		if not cache[case.region]:
			continue
		row = referral(rng, rng.choice(cache[case.region]), case.resolved_on or case.received_on, gen.today)
		frappe.get_doc(
			{
				"doctype": "KLS Referral",
				"parent": case.name,
				"parenttype": CASE,
				"parentfield": "referrals",
				"idx": 1,
				**row,
			}
		).db_insert()
		made += 1
	return made


# ---------------------------------------------------------------------------------------------- children, councils
def school_cases(gen) -> int:
	"""Most children's cases are about bullying at school: a pupil and his parent, the ground, the school, a
	Mothers' Council co-handling."""
	cases = frappe.get_all(
		CASE,
		filters={"owner": gen.loader, "category": "School / children", "minors_involved": 0},
		fields=["name", "region"],
		order_by="name",
	)
	rng = gen.rng("school-cases")
	councils: dict[str, list[str]] = {}
	made = 0
	for case in cases:
		if rng.random() > 0.6:
			continue
		if case.region not in councils:
			councils[case.region] = gen.structures_of(case.region, "Mothers' Council")[:20]
		frappe.db.set_value(
			"KLS Case Party",
			{"parent": case.name, "parenttype": CASE, "idx": 1},
			"is_minor",
			1,
			update_modified=False,
		)
		first, last, _gender = names.person(rng, 1.0)
		frappe.get_doc(
			{
				"doctype": "KLS Case Party",
				"parent": case.name,
				"parenttype": CASE,
				"parentfield": "parties",
				"idx": 3,
				"party_name": f"{first} {last}",
				"role": mediation.ROLE_GUARDIAN,
				# the pupil's parent: of the pupil's group
				"ethnic_group": frappe.db.get_value(
					"KLS Case Party", {"parent": case.name, "parenttype": CASE, "idx": 1}, "ethnic_group"
				),
			}
		).db_insert()
		frappe.db.set_value(
			CASE,
			case.name,
			{
				"minors_involved": 1,
				"is_bullying": 1,
				"bullying_ground": rng.choices(mediation.BULLYING_GROUNDS, weights=(35, 15, 20, 30))[0],
				"school": rng.choice(SCHOOLS),
				"co_handler": rng.choice(councils[case.region]) if councils[case.region] else None,
				"co_handler_actions": "Беседа с родителями и классным руководителем",
			},
			update_modified=False,
		)
		made += 1
	return made


def councils_handle_cases(gen) -> int:
	"""Some household and neighbours' disputes are settled by a Council of Public Consent."""
	cases = frappe.get_all(
		CASE,
		filters={
			"owner": gen.loader,
			"category": ["in", ["Household", "Neighbours"]],
			"co_handler": ["is", "not set"],
		},
		fields=["name", "region"],
		order_by="name",
	)
	rng = gen.rng("council-cases")
	councils: dict[str, list[str]] = {}
	made = 0
	for case in cases:
		if rng.random() > 0.1:
			continue
		if case.region not in councils:
			councils[case.region] = gen.structures_of(case.region, "Council of Public Consent")[:30]
		if councils[case.region]:
			frappe.db.set_value(
				CASE, case.name, "co_handler", rng.choice(councils[case.region]), update_modified=False
			)
			made += 1
	return made


# ---------------------------------------------------------------------------------------------- plans, reports
def finished_quarters(today) -> list[int]:
	return [q for q in registry.QUARTERS if registry.report_due(today.year, q) < today]


def plan_values(gen, structure: str, rng) -> dict:
	year = gen.today.year
	members = frappe.get_all("KLS Membership", filters={"structure": structure}, pluck="person", limit=3)
	activities = []
	for i, direction in enumerate(
		("Organisation and dialogue", "Information", "Base projects", "Methodological support")
	):
		month = 2 + 3 * i
		activities.append(
			{
				"activity": rng.choice(names.TOPICS),
				"direction": direction,
				"planned_from": f"{year}-{month:02d}-10",
				"planned_to": f"{year}-{month:02d}-20",
				"responsible": members[i % len(members)] if members else None,
			}
		)
	return {"doctype": "KLS Structure Plan", "structure": structure, "year": year, "activities": activities}


def report_values(structure: str, year: int, quarter: int) -> dict:
	return {
		"doctype": "KLS Structure Report",
		"structure": structure,
		"year": year,
		"quarter": str(quarter),
		"work_done": "<p>Проведены встречи с жителями, круглый стол и праздник единства народа.</p>",
		"next_quarter": "Продолжить работу по плану",
	}


def walk(gen, doctype: str, name: str, secretary: str | None, region: str | None, target: str) -> None:
	"""Walk a plan or report to `target` as its secretary and the region's KGU specialist."""
	if target == registry.WORK_DRAFT or not secretary or not region:
		return
	gen.as_user(secretary, lambda: apply_workflow(frappe.get_doc(doctype, name), "Submit to KGU"))
	if target == registry.WORK_SUBMITTED:
		return
	reviewer = users.kgu_specialist(region)

	def review():
		doc = frappe.get_doc(doctype, name)
		if target == registry.WORK_RETURNED:
			doc.return_reason = "Уточните ответственных и сроки"
			doc.save()
			apply_workflow(doc, "Return")
		else:
			apply_workflow(doc, "Accept")

	gen.as_user(reviewer, review)


def set_state(doctype: str, name: str, state: str, region: str | None, day) -> None:
	"""Bulk structures: the state their work reached, set directly (as the events are)."""
	if state == registry.WORK_DRAFT:
		return
	values = {"workflow_state": state, "submitted_on": day, "submitted_by": None}
	if state == registry.WORK_ACCEPTED:
		values.update(
			accepted_on=day, accepted_by=users.kgu_specialist(region) if region else users.RGU_COORDINATOR
		)
	frappe.db.set_value(doctype, name, values, update_modified=False)


def structure_work(gen) -> int:
	year, made = gen.today.year, 0
	quarters = finished_quarters(gen.today)
	states = (registry.WORK_ACCEPTED,) * 6 + (
		registry.WORK_SUBMITTED,
		registry.WORK_RETURNED,
		registry.WORK_DRAFT,
	)
	for region in gen.regions:
		rng = gen.rng("structure-work", region.code)
		sample = max(2, round(20 * gen.scale))
		walked = frappe.get_all(
			STRUCTURE,
			filters={
				"owner": gen.loader,
				"region": region.code,
				"secretary_user": ["is", "set"],
				"status": "Active",
			},
			fields=["name", "secretary_user"],
		)
		pool = [(s.name, s.secretary_user) for s in walked]
		for kind in ("Council of Public Consent", "Mothers' Council"):
			pool += [(name, None) for name in gen.structures_of(region.code, kind)[: sample // 2 + 1]]
		for k, (structure, secretary) in enumerate(pool):
			if frappe.db.exists("KLS Structure Plan", {"structure": structure, "year": year}):
				continue
			target = states[k % len(states)]
			if secretary:
				doc = gen.as_user(
					secretary, lambda s=structure: frappe.get_doc(plan_values(gen, s, rng)).insert()
				)
				walk(gen, "KLS Structure Plan", doc.name, secretary, region.code, target)
			else:
				doc = gen.insert(plan_values(gen, structure, rng))
				set_state("KLS Structure Plan", doc.name, target, region.code, registry.plan_due(year))
			made += 1
			for q in quarters:
				if k % 7 == q:  # now and then a quarter's report is missing: the overdue list shows it
					continue
				state = states[(k + q) % len(states)]
				if secretary:
					doc = gen.as_user(
						secretary, lambda s=structure, q=q: frappe.get_doc(report_values(s, year, q)).insert()
					)
					walk(gen, "KLS Structure Report", doc.name, secretary, region.code, state)
				else:
					doc = gen.insert(report_values(structure, year, q))
					set_state(
						"KLS Structure Report", doc.name, state, region.code, registry.report_due(year, q)
					)
				made += 1
		gen.commit()
	return made


# ---------------------------------------------------------------------------------------------- base project 3
MATERIALS = 600  # collected a year nationally (a working assumption: ~30 per region)
MATERIAL_KINDS = (
	"Interview",
	"Legend or tale",
	"Song or music",
	"Photograph",
	"Video",
	"Document",
	"Artefact",
)


def materials(gen) -> int:
	per_region = figures.per_region(MATERIALS, gen.scale)
	groups = frappe.get_all("KLS Ethnic Group", fields=["name", "language"], order_by="name")
	made = 0
	for region in gen.regions:
		n = max(1, per_region[region.code])
		done = gen.owned_count("KLS Ethnocultural Material", region=region.code)
		if done >= n:
			continue
		rng = gen.rng("materials", region.code)
		collectors = frappe.get_all(
			"KLS Person", filters={"region": region.code, "owner": gen.loader}, pluck="name", limit=20
		)
		houses = gen.structures_of(region.code, "House of Friendship")
		for i in range(done, n):
			group = rng.choice(groups)
			day = gen.day_in_last_year(rng)
			informant = " ".join(names.person(rng)[:2]) if rng.random() < 0.8 else None
			doc = gen.insert(
				{
					"doctype": "KLS Ethnocultural Material",
					"title": f"{rng.choice(('Свадебная песня', 'Легенда о роде', 'Рассказ о переселении', 'Старинная фотография'))} № {i + 1}",
					"material_kind": rng.choice(MATERIAL_KINDS),
					"ethnic_group": group.name,
					"language": group.language,
					"region": region.code,
					"collected_on": day,
					"collector": rng.choice(collectors) if collectors else None,
					"collecting_structure": rng.choice(houses) if houses else None,
					"source": "Записано со слов информанта" if informant else "Семейный архив",
					"informant_name": informant,
					"informant_consent": 1 if informant and rng.random() < 0.9 else 0,
					"description": "<p>Материал собран в рамках проекта «Полиэтнический Казахстан»</p>",
				}
			)
			state = rng.choices(("Published", "Under review", "Draft"), weights=(70, 20, 10))[0]
			if state == "Published" and doc.informant_name and not doc.informant_consent:
				state = "Under review"
			if state != "Draft":
				values = {"workflow_state": state}
				if state == "Published":
					values.update(
						reviewed_by=users.kgu_head(region.code),
						published_on=min(day + timedelta(days=rng.randint(3, 30)), gen.today),
					)
				frappe.db.set_value("KLS Ethnocultural Material", doc.name, values, update_modified=False)
			made += 1
		gen.commit()
	return made


# ---------------------------------------------------------------------------------------------- youth, information
INITIATIVES = (
	("Фестиваль национальных кухонь", "Supported", True),
	("Школа молодых лидеров «Бірлік»", "Supported", False),
	("Ночной забег дружбы", "Not supported", False),
	("Подкаст на казахском о традициях народов", "Under consideration", False),
)


def youth_initiatives(gen) -> int:
	made = 0
	for region in gen.regions:
		for hq in gen.structures_of(region.code, "Youth Movement Headquarters")[:1]:
			if gen.owned_count("KLS Youth Initiative", proposing_structure=hq):
				continue
			members = frappe.get_all("KLS Membership", filters={"structure": hq}, pluck="person", limit=4)
			for i, (title, decision, completed) in enumerate(INITIATIVES):
				proposed = gen.today - timedelta(days=120 - 10 * i)
				values = {
					"doctype": "KLS Youth Initiative",
					"title": title,
					"proposing_structure": hq,
					"proposer": members[i % len(members)] if members else None,
					"proposed_on": proposed,
					"description": f"<p>{title}: предложение штаба молодёжного движения</p>",
					"decision": decision,
				}
				if decision != "Under consideration":
					values["decided_on"] = proposed + timedelta(days=14)
				if decision == "Supported":
					values["support"] = "Помещение и информационная поддержка КГУ"
				if decision == "Not supported":
					values["decision_reason"] = "Не обеспечена безопасность участников в ночное время"
				if completed:
					values.update(
						completed_on=proposed + timedelta(days=60),
						people_reached=250 + 10 * made,
						results="Проведено в городском парке, участвовали представители 12 этносов",
					)
				gen.insert(values)
				made += 1
	return made


def recommendations(gen) -> int:
	made = 0
	if not gen.owned_count("KLS Information Recommendation", region=["is", "not set"]):
		gen.insert(
			{
				"doctype": "KLS Information Recommendation",
				"title": "Освещение Дня единства народа Казахстана",
				"audience": "All",
				"content": "<p>Рассказывать об общих ценностях, использовать государственный язык</p>",
			}
		)
		made += 1
	for region in gen.regions:
		if gen.owned_count("KLS Information Recommendation", region=region.code):
			continue
		outlets = gen.structures_of(region.code, "Ethnic Media Outlet")[:3]
		journalists = frappe.get_all(
			"KLS Person", filters={"region": region.code, "is_journalist": 1}, pluck="name", limit=3
		)
		issued = gen.today - timedelta(days=20)
		recipients = [{"outlet": o, "read_on": issued + timedelta(days=2)} for o in outlets]
		recipients += [
			{"person": p, "read_on": issued + timedelta(days=1) if i else None}
			for i, p in enumerate(journalists)
		]
		gen.insert(
			{
				"doctype": "KLS Information Recommendation",
				"title": "Материалы о межэтническом согласии на языках этносов",
				"audience": "Ethnic media",
				"region": region.code,
				"issued_on": issued if recipients else None,
				"content": "<p>Публиковать истории дружбы народов региона, избегать языка вражды</p>",
				"recipients": recipients,
			}
		)
		made += 1
	return made
