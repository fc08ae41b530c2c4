"""The national-scale demo generator: `bench --site SITE kelisim-demo --scale 1 [--seed 2020]`.

Deterministic: every stage draws from its own seeded random generator per region, so the same scale and seed
give the same records (dates are relative to the day of the run). Records go through the app's own
controllers (`doc.insert()`: every validation runs); workflow documents with few records (plans, regional
reports, instruction executions) move through their real workflow as the demo users. The bulk records
(events, mediation cases) are inserted in their first state and then put, in one statement per batch, in the
state a year of work left them in — walking 20,000 documents through three transitions each would take the
best part of an hour — and the derived figures (structure activity) are refreshed once at the end.

Resumable: the generated records are owned by the demo loader user; a stage counts what it already made
in each region and continues from there, so an interrupted run is simply started again. Commits happen
only through the `commit` callback the bench command passes (once per batch).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, timedelta

import frappe
from frappe.model.workflow import apply_workflow
from frappe.query_builder import DocType
from frappe.utils import add_days, getdate, today

from kelisim_app.demo import bulk, figures, names, users
from kelisim_app.demo.identity import identity
from kelisim_app.kelisim_registry import activity
from kelisim_app.kelisim_registry import members as member_counts

REGIONAL_STAGES = ("structures", "members", "mediators", "events", "cases", "publications")
STAGES = ("users", *REGIONAL_STAGES, "plans", "reports", "instructions", "directions", "activity", "figures")
BATCH = 200
STRUCTURE = "KLS Public Structure"
EVENT_KINDS = (  # who organises the events: the concept's ~3,100 (CPC) and 7,319 (Mothers') events of 2020
	("Council of Public Consent", 0.28),
	("Mothers' Council", 0.65),
	("Ethnocultural Association", 0.03),
	("House of Friendship", 0.02),
	("Youth Movement Headquarters", 0.02),
)
LEVELS = {
	"Council of Public Consent": ("District", "Rural", "City"),
	"Mothers' Council": ("District", "Rural", "City"),
	"Ethnocultural Association": ("Oblast", "City", "District"),
}
ONE_LEVEL = {
	"Mediation Council": "Oblast",
	"Journalists' Club": "Oblast",
	"Ethnic Media Outlet": "Oblast",
	"Youth Movement Headquarters": "Oblast",
	"Dialogue Platform": "District",
	"Mediation Office": "District",
	"Volunteer Centre": "District",
}


class Generator:
	def __init__(
		self,
		scale: float = 0.1,
		seed: int = 2020,
		commit: Callable[[], None] | None = None,
		progress: Callable[[str, int, int], None] | None = None,
		verbose: bool = True,
		loader: str = users.LOADER,
		shard: tuple[int, int] | None = None,
	):
		self.loader = loader  # the user owning the generated records (what a resumed run counts)
		self.shard = (
			shard  # (i, n): this process loads the regions i, i+n, … (by population) of the regional stages
		)
		self.scale = scale
		self.seed = seed
		self.commit = commit or (lambda: None)
		self.progress = progress or (lambda stage, done, total: None)
		self.verbose = verbose
		self.today = getdate(today())
		self.regions = figures.regions()
		if shard:
			by_size = sorted(self.regions, key=lambda r: (-r.population, r.code))
			self.regions = by_size[shard[0] :: shard[1]]
		self.timings: dict[str, float] = {}
		self.created: dict[str, int] = {}

	# ------------------------------------------------------------------ helpers
	def log(self, message: str) -> None:
		if self.verbose:
			print(message, flush=True)

	def run(self, stages: tuple[str, ...] | list[str] = STAGES) -> dict[str, int]:
		frappe.flags.mute_emails = True
		previous_user = frappe.session.user
		users.ensure_loader(self.loader)
		try:
			for stage in stages:
				started = time.monotonic()
				frappe.set_user(self.loader)
				made = getattr(self, f"stage_{stage}")() or 0
				self.commit()
				self.created[stage] = made
				self.timings[stage] = round(time.monotonic() - started, 1)
				self.log(f"  {stage}: {made} created in {self.timings[stage]} s")
		finally:
			frappe.set_user(previous_user)
		return self.created

	def rng(self, *key):
		return figures.rng(self.seed, *key)

	def owned_count(self, doctype: str, **filters) -> int:
		return frappe.db.count(doctype, {"owner": self.loader, **filters})

	def insert(self, values: dict) -> frappe.model.document.Document:
		doc = frappe.get_doc(values)
		doc.insert(ignore_permissions=True)
		return doc

	def batches(self, stage: str, todo: list, write_batch: Callable[[list], object]) -> int:
		"""write_batch(items) for every BATCH items of `todo`, each batch committed."""
		total = len(todo)
		for start in range(0, total, BATCH):
			write_batch(todo[start : start + BATCH])
			self.commit()
			self.progress(stage, min(start + BATCH, total), total)
		return total

	def names_for(self, doctype: str, count: int) -> list[str]:
		"""A block of the DocType's series, reserved and committed at the start of a batch: the series row
		(shared by every `format:` name) stays locked for a moment, not for the whole batch, so users of
		the site and parallel loaders are not held up."""
		names = bulk.reserve_names(doctype, count)
		self.commit()
		return names

	def day_in_last_year(self, rng) -> date:
		return self.today - timedelta(days=rng.randint(1, 365))

	def structures_of(self, region: str, kind: str, working: bool = True) -> list[str]:
		"""The generated structures of a region and kind: the working (Active) ones — only they organise
		events or handle cases — or, with working=False, every registered one (Active or Suspended)."""
		filters = {"owner": self.loader, "region": region, "structure_kind": kind}
		filters["status"] = "Active" if working else ["!=", "Dissolved"]
		return frappe.get_all(STRUCTURE, filters=filters, order_by="creation asc, name asc", pluck="name")

	# ------------------------------------------------------------------ users
	def stage_users(self) -> int:
		return users.ensure_users()

	# ------------------------------------------------------------------ structures
	def structure_plan(self, region: figures.Region) -> list[dict]:
		counts = figures.structure_counts(self.scale)
		eco_total = figures.scaled(figures.ACCREDITED_ECO, self.scale)
		accredited = figures.apportion(
			eco_total, {r: n for r, n in counts["Ethnocultural Association"].items() if n}
		)
		plan = []
		for fig in figures.STRUCTURES:
			n = counts[fig.kind][region.code]
			dissolved = int(n * figures.DISSOLVED_SHARE + 0.5)
			rng = self.rng("structures", region.code, fig.kind)
			for i in range(n + dissolved):
				plan.append(
					self.structure_values(region, fig.kind, i, n, accredited.get(region.code, 0), rng)
				)
		return plan

	def structure_values(self, region, kind: str, i: int, registered: int, accredited: int, rng) -> dict:
		label = frappe.get_cached_value("KLS Structure Kind", kind, "kind_name_ru") or kind
		level = ONE_LEVEL.get(kind) or rng.choice(LEVELS.get(kind, ("District",)))
		if kind == "House of Friendship":
			level = "Oblast" if i == 0 else "District"
		founded = date(rng.randint(2005, 2022), rng.randint(1, 12), rng.randint(1, 28))
		values = {
			"doctype": STRUCTURE,
			"structure_name": f"{label} № {i + 1} ({region.name_ru})",
			"structure_kind": kind,
			"level": level,
			"region": region.code,
			"founded_on": founded,
			"phone": f"+7 700 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
		}
		if i >= registered:
			values.update(status="Dissolved", status_date=add_days(self.today, -rng.randint(30, 700)))
			values["status_reason"] = "Самороспуск по решению общего собрания"
		elif i % 100 == 50:
			values.update(status="Suspended", status_date=add_days(self.today, -rng.randint(10, 200)))
			values["status_reason"] = "Приостановлена до переизбрания председателя"
		if kind == "Ethnocultural Association" and i < accredited:
			values.update(
				is_accredited=1,
				accreditation_level="Regional",
				accreditation_number=f"ACC-{region.code}-{i + 1:03d}",
				accreditation_date=date(rng.randint(2012, 2020), rng.randint(1, 12), 15),
			)
			values["ethnic_groups"] = rng.choice(names.OTHER_LANGUAGES)
		if kind == "Ethnic Media Outlet":
			values.update(
				medium=rng.choice(("Newspaper", "Magazine", "Online", "Radio")),
				media_languages=rng.choice(names.OTHER_LANGUAGES),
				periodicity="weekly",
				circulation=rng.randint(500, 5000),
			)
		return values

	def stage_structures(self) -> int:
		"""Two passes: the parent kinds (and the rest) first, then the kinds that belong to a parent."""
		made = 0
		for children in (False, True):
			todo = []
			for region in self.regions:
				by_kind: dict[str, list[dict]] = {}
				for values in self.structure_plan(region):
					if (values["structure_kind"] in figures.PARENT_KIND) == children:
						by_kind.setdefault(values["structure_kind"], []).append(values)
				for kind, items in by_kind.items():
					done = self.owned_count(STRUCTURE, region=region.code, structure_kind=kind)
					todo.extend(items[done:])
			parents: dict[tuple[str, str], list[str]] = {}
			for values in todo if children else ():
				key = (values["region"], figures.PARENT_KIND[values["structure_kind"]])
				if key not in parents:
					parents[key] = self.structures_of(*key, working=False)
				if parents[key]:
					number = int(values["structure_name"].split("№ ")[1].split(" ")[0])
					values["parent_structure"] = parents[key][number % len(parents[key])]
			made += self.batches(
				"structures",
				todo,
				lambda items: bulk.insert_many(items, self.names_for(STRUCTURE, len(items))),
			)
		return made

	# ------------------------------------------------------------------ members
	def stage_members(self) -> int:
		members = figures.member_counts(self.scale)
		todo = []
		for kind, per_region in members.items():
			role = next(f.member_role for f in figures.STRUCTURES if f.kind == kind)
			for region in self.regions:
				total = per_region.get(region.code, 0)
				structures = self.structures_of(region.code, kind, working=False)
				if not total or not structures:
					continue
				done = frappe.db.count(
					"KLS Membership",
					{"owner": self.loader, "region": region.code, "structure_kind": kind},
				)
				rng = self.rng("members", region.code, kind)
				items = []
				for structure, size in zip(structures, figures.split(total, len(structures)), strict=True):
					for j in range(size):
						person = names.person(rng, 0.95 if kind == "Mothers' Council" else 0.5)
						member_role = {0: "Chair", 1: "Secretary"}.get(j, role) if role == "Member" else role
						since = add_days(self.today, -rng.randint(30, 2000))
						items.append((region.code, kind, structure, person, member_role, since))
				todo.extend(items[done:])

		flags = {"Volunteer Centre": "is_volunteer", "Journalists' Club": "is_journalist"}

		def write(items):
			people = []
			for region, kind, _structure, person, _role, _since in items:
				first, last, gender = person
				values = {"doctype": "KLS Person", "first_name": first, "last_name": last, "gender": gender}
				values["region"] = region
				if kind in flags:
					values[flags[kind]] = 1
				people.append(values)
			# both blocks of names first, while nothing is pending (the series row is released at once)
			membership_names = bulk.reserve_names("KLS Membership", len(items))
			person_names = self.names_for("KLS Person", len(people))
			for values, name in zip(people, person_names, strict=True):
				values.update(identity(name, values["gender"] == "Male", self.today))
			people = bulk.insert_many(people, person_names)
			bulk.insert_many(
				[
					{
						"doctype": "KLS Membership",
						"person": person.name,
						"structure": structure,
						"role": role,
						"from_date": since,
					}
					for person, (_r, _k, structure, _p, role, since) in zip(people, items, strict=True)
				],
				names=membership_names,
			)
			# the memberships' on_update, set-wise: the counts of the structures the batch touched
			member_counts.refresh_member_counts(sorted({item[2] for item in items}))

		return self.batches("members", todo, write)

	# ------------------------------------------------------------------ mediators
	def stage_mediators(self) -> int:
		per_region = figures.per_region(figures.MEDIATORS, self.scale)
		todo = []
		for region in self.regions:
			offices = self.structures_of(region.code, "Mediation Office") or self.structures_of(
				region.code, "Mediation Council"
			)
			done = self.owned_count("KLS Mediator", region=region.code)
			rng = self.rng("mediators", region.code)
			items = [(region.code, offices, i, names.person(rng)) for i in range(per_region[region.code])]
			todo.extend(items[done:])

		def write(items):
			person_names = self.names_for("KLS Person", len(items))
			people = bulk.insert_many(
				[
					{
						"doctype": "KLS Person",
						"first_name": first,
						"last_name": last,
						"gender": gender,
						"region": region,
						**identity(name, gender == "Male", self.today),
					}
					for (region, _offices, _i, (first, last, gender)), name in zip(
						items, person_names, strict=True
					)
				],
				person_names,
			)
			bulk.insert_many(
				[
					{
						"doctype": "KLS Mediator",
						"person": person.name,
						"region": region,
						"status": "Active",
						"mediation_structure": offices[i % len(offices)] if offices else None,
						"certificate_number": f"MC-{region}-{i + 1:04d}",
						"certificate_issued_on": add_days(self.today, -200 - (i % 300)),
						"issuing_body": "Центр обучения медиаторов",
						"certificate_valid_until": add_days(self.today, 400 + (i % 700)),
						"specialisations": "Household\nNeighbours\nFamily",
					}
					for person, (region, offices, i, _p) in zip(people, items, strict=True)
				],
				names=[person.name for person in people],  # a mediator is named by his person
			)

		made = self.batches("mediators", todo, write)
		self.link_mediator_users()
		return made

	def link_mediator_users(self) -> None:
		for code in users.FIELD_REGIONS:
			user = users.email_of(f"mediator.{users.CITY_SLUGS[code]}")
			if not frappe.db.exists("User", user) or frappe.db.exists("KLS Mediator", {"user": user}):
				continue
			first = frappe.get_all(
				"KLS Mediator", filters={"owner": self.loader, "region": code}, order_by="creation", limit=1
			)
			if first:
				doc = frappe.get_doc("KLS Mediator", first[0].name)
				doc.user = user
				doc.save(ignore_permissions=True)
			secretary = users.email_of(f"secretary.{users.CITY_SLUGS[code]}")
			for name in self.structures_of(code, "Council of Public Consent")[:3]:
				frappe.db.set_value(STRUCTURE, name, "secretary_user", secretary, update_modified=False)

	# ------------------------------------------------------------------ events
	def organisers(self, region: str) -> list[tuple[list[str], float]]:
		return [(self.structures_of(region, kind), weight) for kind, weight in EVENT_KINDS]

	def stage_events(self) -> int:
		per_region = figures.per_region(figures.EVENTS, self.scale)
		event_types = frappe.get_all("KLS Event Type", pluck="name", order_by="name")
		projects = frappe.get_all("KLS Base Project", pluck="name", order_by="project_number")
		todo = []
		for region in self.regions:
			n = per_region[region.code]
			done = self.owned_count("KLS Event", region=region.code)
			if done >= n:
				continue
			pools = [(p, w) for p, w in self.organisers(region.code) if p]
			if not pools:
				continue
			rng = self.rng("events", region.code)
			items = [self.event_plan(rng, region.code, pools, event_types, projects) for _ in range(n)]
			todo.extend(items[done:])

		def write(items):
			docs = bulk.insert_many(
				[values for values, _state in items], self.names_for("KLS Event", len(items))
			)
			self.set_event_states(
				[(doc.name, state, doc.region) for doc, (_v, state) in zip(docs, items, strict=True)]
			)

		return self.batches("events", todo, write)

	def event_plan(self, rng, region, pools, event_types, projects) -> tuple[dict, str]:
		pool = rng.choices([p for p, _w in pools], weights=[w for _p, w in pools])[0]
		day = self.today + timedelta(days=rng.randint(-365, 30))
		start = f"{day} {rng.choice((10, 11, 14, 15, 16))}:00:00"
		end = f"{day} {18 if start[-8:-6] >= '14' else 13}:00:00"
		languages = [{"language": "Kazakh"}] if rng.random() < 0.7 else []
		if rng.random() < 0.6 or not languages:
			languages.append({"language": "Russian"})
		if rng.random() < 0.1:
			languages.append({"language": rng.choice(names.OTHER_LANGUAGES[1:])})
		total = rng.randint(10, 300)
		event_type = rng.choice(event_types)
		age = (self.today - day).days
		if age < 0:
			state = "Planned"
		elif age < 30:
			state = rng.choice(("Planned", "Held", "Reported", "Verified"))
		else:
			state = rng.choices(("Verified", "Reported", "Held", "Planned"), weights=(80, 8, 7, 5))[0]
		values = {
			"doctype": "KLS Event",
			"title": f"{frappe.get_cached_value('KLS Event Type', event_type, 'type_name_ru') or event_type}: "
			f"«{rng.choice(names.TOPICS)}»",
			"event_type": event_type,
			"organiser": rng.choice(pool),
			"start": start,
			"end": end,
			"format": rng.choices(("In person", "Online", "Hybrid"), weights=(85, 10, 5))[0],
			"participants_total": total,
			"participants_youth": rng.randint(0, total // 2),
			"ethnic_groups_count": rng.randint(1, min(15, total)),
			"languages": languages,
			"base_project": rng.choice(projects) if projects and rng.random() < 0.8 else None,
		}
		return values, state

	def set_event_states(self, batch: list[tuple[str, str, str]]) -> None:
		"""The state a year of work left each event in (inserted Planned: the workflow's first state);
		a verified event was verified by its region's KGU Head on the day it ended."""
		event = DocType("KLS Event")
		groups: dict[tuple[str, str], list[str]] = {}
		for name, state, region in batch:
			if state != "Planned":
				groups.setdefault((state, region), []).append(name)
		for (state, region), names_ in groups.items():
			query = frappe.qb.update(event).set(event.workflow_state, state).where(event.name.isin(names_))
			if state == "Verified":
				query = query.set(event.verified_by, users.kgu_head(region)).set(
					event.verified_on, event.event_date
				)
			query.run()

	# ------------------------------------------------------------------ mediation cases
	def stage_cases(self) -> int:
		per_region = figures.per_region(figures.MEDIATION_CASES, self.scale)
		todo = []
		for region in self.regions:
			n = per_region[region.code]
			done = self.owned_count("KLS Mediation Case", region=region.code)
			if done >= n:
				continue
			mediators = frappe.get_all(
				"KLS Mediator",
				filters={"region": region.code, "status": "Active"},
				order_by="name",
				pluck="name",
			)
			handlers = self.structures_of(region.code, "Mediation Office") + self.structures_of(
				region.code, "Dialogue Platform"
			)
			rng = self.rng("cases", region.code)
			items = [self.case_plan(rng, region.code, mediators, handlers) for _ in range(n)]
			todo.extend(items[done:])

		with_user = set(frappe.get_all("KLS Mediator", filters={"user": ["is", "set"]}, pluck="name"))

		def write(items):
			# a case of a mediator with a user account goes the whole way (his assignment, his ToDo)
			personal = [(v, f) for v, f in items if v.get("mediator") in with_user]
			rest = [(v, f) for v, f in items if v.get("mediator") not in with_user]
			docs = bulk.insert_many([v for v, _f in rest], self.names_for("KLS Mediation Case", len(rest)))
			docs += [self.insert(v) for v, _f in personal]
			for doc, (values, final) in zip(docs, rest + personal, strict=True):
				final = dict(final)
				if values.get("mediator"):  # after_insert: registered with a mediator = assigned
					final.setdefault("workflow_state", "Assigned")
				if final:
					frappe.db.set_value("KLS Mediation Case", doc.name, final, update_modified=False)

		return self.batches("cases", todo, write) + self.open_cases_of_mediator_users()

	# a mediator with a user account has open cases to work on (a demo mediator with only closed cases
	# sees an empty desk); recent ones, received in the last days, assigned to him and in mediation
	MEDIATOR_USER_OPEN_CASES = 3

	def open_cases_of_mediator_users(self) -> int:
		from kelisim_app.kelisim_mediation import rules as mediation

		made = 0
		for mediator in frappe.get_all(
			"KLS Mediator",
			filters={
				"user": ["is", "set"],
				"status": "Active",
				"region": ["in", [r.code for r in self.regions]],
			},
			fields=["name", "region"],
			order_by="name",
		):
			have = frappe.db.count(
				"KLS Mediation Case",
				{"mediator": mediator.name, "workflow_state": ["in", list(mediation.OPEN_STATES)]},
			)
			rng = self.rng("open-cases", mediator.name)
			handlers = self.structures_of(mediator.region, "Mediation Office")
			for i in range(have, self.MEDIATOR_USER_OPEN_CASES):
				values, _final = self.case_plan(rng, mediator.region, [mediator.name], handlers)
				values["received_on"] = self.today - timedelta(days=1 + 2 * i)
				doc = self.insert(values)
				frappe.db.set_value(
					"KLS Mediation Case",
					doc.name,
					{
						"assigned_on": values["received_on"],
						"workflow_state": mediation.STATE_IN_MEDIATION if i % 2 else mediation.STATE_ASSIGNED,
					},
					update_modified=False,
				)
				made += 1
		self.commit()
		return made

	def case_plan(self, rng, region, mediators, handlers) -> tuple[dict, dict]:
		from kelisim_app.kelisim_mediation import rules as mediation

		received = self.day_in_last_year(rng)
		risk = rng.choices(mediation.RISKS, weights=(80, 17, 3))[0]
		values = {
			"doctype": "KLS Mediation Case",
			"received_on": received,
			"channel": rng.choice(mediation.CHANNELS),
			"category": rng.choice(mediation.CATEGORIES),
			"region": region,
			"risk": risk,
			"risk_justification": "Стороны — представители разных этносов, конфликт обсуждается в соцсетях"
			if risk == "High"
			else None,
			"language": rng.choice(("kk", "ru")),
			"handling_structure": rng.choice(handlers) if handlers else None,
			"narrative": "Спор соседей о пользовании общим двором.",
			"parties": [
				{"party_name": " ".join(names.person(rng)[:2]), "role": "Applicant"},
				{"party_name": " ".join(names.person(rng)[:2]), "role": "Other party"},
			],
		}
		final = {}
		age = (self.today - received).days
		if mediators:
			values["mediator"] = rng.choice(mediators)
			assigned = min(received + timedelta(days=rng.randint(0, 3)), self.today)
			final = {"assigned_on": assigned}
			if age > 20:
				resolved = min(assigned + timedelta(days=rng.randint(3, 25)), self.today)
				outcome = rng.choices(
					(
						mediation.STATE_AGREEMENT,
						mediation.STATE_NO_AGREEMENT,
						mediation.STATE_REFERRED,
						mediation.STATE_WITHDRAWN,
					),
					weights=(72, 14, 9, 5),
				)[0]
				final.update(outcome=outcome, resolved_on=resolved, workflow_state=outcome)
				if outcome == mediation.STATE_AGREEMENT:
					final["agreement_terms"] = "Стороны договорились о порядке пользования двором."
					final["follow_up_on"] = resolved + timedelta(days=30)
				if age > 60 and rng.random() < 0.85:
					final.update(
						workflow_state=mediation.STATE_CLOSED,
						closed_on=min(resolved + timedelta(days=rng.randint(1, 10)), self.today),
					)
			elif age > 5:
				final["workflow_state"] = mediation.STATE_IN_MEDIATION
		return values, final

	# ------------------------------------------------------------------ publications
	def stage_publications(self) -> int:
		per_region = figures.per_region(figures.PUBLICATIONS, self.scale)
		projects = frappe.get_all("KLS Base Project", pluck="name", order_by="project_number")
		todo = []
		for region in self.regions:
			n = per_region[region.code]
			done = self.owned_count("KLS Media Publication", region=region.code)
			outlets = self.structures_of(region.code, "Ethnic Media Outlet")
			rng = self.rng("publications", region.code)
			items = []
			for _ in range(n):
				kazakh = rng.random() < 0.55
				outlet = rng.choice(outlets) if outlets and rng.random() < 0.4 else None
				items.append(
					(
						{
							"doctype": "KLS Media Publication",
							"title": rng.choice(names.PUBLICATION_TITLES),
							"publication_type": rng.choice(
								("Article", "TV", "Social post", "Interview", "Video")
							),
							"published_on": self.day_in_last_year(rng),
							"language": "Kazakh" if kazakh else rng.choice(("Russian", "Russian", "Korean")),
							"outlet": outlet,
							"outlet_name": None if outlet else rng.choice(names.OUTLETS),
							"reach": rng.randint(200, 50000),
							"base_project": rng.choice(projects) if rng.random() < 0.5 else None,
							"region": region.code,
						},
					)
				)
			todo.extend(items[done:])
		return self.batches(
			"publications",
			todo,
			lambda items: bulk.insert_many(
				[v for (v,) in items], self.names_for("KLS Media Publication", len(items))
			),
		)

	# ------------------------------------------------------------------ workflows run as the demo users
	def as_user(self, user: str, fn: Callable, *args):
		frappe.set_user(user)
		try:
			return fn(*args)
		finally:
			frappe.set_user(self.loader)

	def transition(self, doctype: str, name: str, action: str, user: str, **fields) -> None:
		def go():
			if fields:
				doc = frappe.get_doc(doctype, name)
				doc.update(fields)
				doc.save()
			# a demo year's sign-offs carry no electronic signature (#22): nobody holds the demo users' keys
			frappe.flags.kelisim_signing_waived = True
			try:
				apply_workflow(frappe.get_doc(doctype, name), action)
			finally:
				frappe.flags.kelisim_signing_waived = False

		self.as_user(user, go)

	def stage_plans(self) -> int:
		from kelisim_app.demo import plans

		return plans.make_plans(self)

	def stage_reports(self) -> int:
		from kelisim_app.demo import plans

		return plans.make_reports(self)

	def stage_instructions(self) -> int:
		from kelisim_app.demo import plans

		return plans.make_instructions(self)

	def stage_directions(self) -> int:
		"""The concept's further directions (#20): ethnic groups, partners and referrals, consultations,
		children's and councils' cases, the structures' work plans and quarterly reports."""
		from kelisim_app.demo import directions

		return directions.make(self)

	# ------------------------------------------------------------------ derived figures
	def stage_figures(self) -> int:
		"""The figures the scheduler keeps each night, computed now (#23): the dashboards are true from the
		first look after the demo loads — overdue instructions and cases, the plans' KPIs and at-risk flags
		— rather than after the first nightly run. Each job is the scheduler's own."""
		from kelisim_app.kelisim_instructions import control as instructions
		from kelisim_app.kelisim_mediation import control as mediation
		from kelisim_app.kelisim_projects.doctype.kls_project_plan import kls_project_plan

		jobs = (instructions.daily, mediation.daily, kls_project_plan.daily)
		for job in jobs:
			job()
			self.commit()
		return len(jobs)

	def stage_activity(self) -> int:
		"""Structure activity from the verified events (one pass for everything the generator made)."""
		changed = 0
		for region in self.regions:
			structures = frappe.get_all(
				STRUCTURE, filters={"owner": self.loader, "region": region.code}, pluck="name"
			)
			changed += activity.refresh(structures) if structures else 0
			self.commit()
		return changed
