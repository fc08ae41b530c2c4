"""The demo's approval documents, moved through their real workflows by the demo users: the four base
projects' plans of every region, quarterly regional reports in every workflow state with a national
roll-up, and instructions with their executions."""

from __future__ import annotations

from datetime import date, timedelta

import frappe
from frappe.utils import add_days, get_last_day

from kelisim_app.demo import figures, users
from kelisim_app.kelisim_projects import kpis as project_kpis
from kelisim_app.kelisim_projects import rules as project_rules

NARRATIVE = {
	"achievements": "<p>Проведены круглые столы и фестивали во всех районах</p>",
	"problems": "<p>Низкая явка в сельских округах</p>",
	"proposals": "<p>Проводить мероприятия на казахском и русском языках</p>",
}
RETURN_REASON = "Уточните число участников и приложите фотоотчёт"
PLAN_STATES = ("Approved",) * 6 + ("Reviewed", "Submitted", "Returned", "Draft")
# the latest quarter's reports cycle through every state; older quarters are signed off
REPORT_STATES = ("Signed off", "Signed off", "Reviewed", "Submitted", "Returned", "Draft")
EXECUTION_STATES = ("Accepted",) * 5 + ("Submitted", "Returned", "Open")


# The plans keep pace with the year, except one in LAGGING_EVERY: its indicators and budget trail the year
# by LAGGING_PACE, so the at-risk rule flags a minority of plans, as in a real year (not every plan).
LAGGING_EVERY = 5
LAGGING_PACE = 0.55
KPIS = (
	("Проведено мероприятий", "ед.", "Verified events", 40),
	("Участники", "чел.", "Participants of verified events", 3000),
	("Публикации в СМИ", "ед.", "Media publications", 60),
)


def spent(planned: float, elapsed: float, pace: float) -> float:
	"""What a plan has spent of `planned` when it keeps `pace` with the `elapsed` share of the year."""
	return round(planned * min(1.0, elapsed * pace), -3)


def demo_kpi(region, project, year, elapsed, pace, indicator, unit, measurement, hand_target) -> dict:
	"""A KPI whose target the records measured so far reach at `pace` (1: on time); where the records
	measure nothing yet, an indicator entered by hand at that pace."""
	actual = project_kpis.measured_actual(measurement, region, project, year) or 0
	row = {"indicator": indicator, "unit": unit, "baseline": 0}
	if actual and elapsed:
		return {**row, "measurement": measurement, "target": max(1, round(actual / (elapsed * pace)))}
	return {
		**row,
		"measurement": "Entered by hand",
		"target": hand_target,
		"actual": round(hand_target * min(1.0, elapsed * pace)),
	}


def plan_values(gen, region: str, project: str, number: int, lagging: bool = False) -> dict:
	year = gen.today.year
	activities, kpis = [], []
	for q in range(1, 5):
		start = date(year, 3 * q - 2, 1)
		end = get_last_day(date(year, 3 * q, 1))
		done = end < gen.today
		activities.append(
			{
				"activity": f"Мероприятия {q}-го квартала",
				"start_date": start,
				"end_date": end,
				"status": "Done" if done else ("In progress" if start <= gen.today else "Planned"),
				"completed_on": end if done else None,
			}
		)
	pace = LAGGING_PACE if lagging else 1.0 + 0.1 * (number % 3)
	elapsed = project_rules.year_elapsed(year, gen.today)
	kpis = [
		demo_kpi(region, project, year, elapsed, pace, indicator, unit, measurement, hand_target)
		for indicator, unit, measurement, hand_target in KPIS
	]
	houses = gen.structures_of(region, "House of Friendship") or gen.structures_of(
		region, "Council of Public Consent"
	)
	return {
		"doctype": "KLS Project Plan",
		"plan_level": "Regional",
		"region": region,
		"base_project": project,
		"year": year,
		"goals": f"<p>Цели базового проекта {number} в регионе</p>",
		"expected_results": "<p>Рост числа участников и публикаций</p>",
		"kpis": kpis,
		"activities": activities,
		"responsibility": [{"activity": activities[0]["activity"], "structure": houses[0]}] if houses else [],
		"budget": [
			{
				"budget_line": "Проведение мероприятий",
				"funding_source": "Local budget",
				"planned_amount": 5e6,
				"actual_amount": spent(5e6, elapsed, pace),
			},
			{
				"budget_line": "Информационное сопровождение",
				"funding_source": "Republican budget",
				"planned_amount": 2e6,
				"actual_amount": spent(2e6, elapsed, pace),
			},
		],
		"risks": [{"risk": "Низкая явка участников", "probability": 2, "impact": 3, "owner_name": "КГУ"}],
	}


def walk(gen, doctype: str, name: str, region: str, target: str, path: list[tuple[str, str, str]]) -> None:
	"""Apply the workflow actions of `path` ((action, role key, next state)) until `target` is reached."""
	actors = {
		"head": users.kgu_head(region),
		"coordinator": users.RGU_COORDINATOR,
		"rgu_head": users.RGU_HEAD,
	}
	for action, actor, state in path:
		if frappe.db.get_value(doctype, name, "workflow_state") == target:
			return
		extra = {"return_reason": RETURN_REASON} if action == "Return" else {}
		gen.transition(doctype, name, action, actors[actor], **extra)
		if state == target:
			return


APPROVAL_PATH = {
	"Submitted": [("Submit to RGU", "head", "Submitted")],
	"Reviewed": [("Submit to RGU", "head", "Submitted"), ("Pass for {0}", "coordinator", "Reviewed")],
	"Returned": [("Submit to RGU", "head", "Submitted"), ("Return", "coordinator", "Returned")],
}


def path_to(target: str, pass_action: str, final_action: str) -> list[tuple[str, str, str]]:
	if target == "Draft":
		return []
	if target in APPROVAL_PATH:
		return [(a.format(pass_action), actor, s) for a, actor, s in APPROVAL_PATH[target]]
	return [
		("Submit to RGU", "head", "Submitted"),
		(f"Pass for {pass_action}", "coordinator", "Reviewed"),
		(final_action, "rgu_head", target),
	]


def make_plans(gen) -> int:
	projects = frappe.get_all(
		"KLS Base Project", fields=["name", "project_number"], order_by="project_number"
	)
	made, k = 0, 0
	for region in gen.regions:
		for project in projects:
			target = PLAN_STATES[k % len(PLAN_STATES)]
			k += 1
			if frappe.db.exists(
				"KLS Project Plan",
				{
					"region": region.code,
					"base_project": project.name,
					"year": gen.today.year,
					"docstatus": ["<", 2],
				},
			):
				continue
			values = plan_values(
				gen, region.code, project.name, project.project_number, lagging=k % LAGGING_EVERY == 0
			)
			doc = gen.as_user(users.kgu_specialist(region.code), lambda v=values: frappe.get_doc(v).insert())
			walk(
				gen, "KLS Project Plan", doc.name, region.code, target, path_to(target, "approval", "Approve")
			)
			made += 1
		gen.commit()
		gen.progress("plans", made, len(gen.regions) * len(projects))
	return made


def quarters(today: date, count: int = 4) -> list[tuple[int, int]]:
	"""The last `count` complete quarters before `today`, oldest first."""
	year, number = today.year, (today.month - 1) // 3  # the quarter before the current one
	out = []
	for _ in range(count):
		if number == 0:
			year, number = year - 1, 4
		out.append((year, number))
		number -= 1
	return list(reversed(out))


def ensure_period(year: int, number: int) -> str:
	name = f"Quarter-{year}-{number}"
	if not frappe.db.exists("KLS Reporting Period", name):
		end = get_last_day(date(year, 3 * number, 1))
		frappe.get_doc(
			{
				"doctype": "KLS Reporting Period",
				"period_type": "Quarter",
				"year": year,
				"number": number,
				"due_date": add_days(end, 10),
			}
		).insert(ignore_permissions=True)
	return name


def make_reports(gen) -> int:
	periods = [ensure_period(y, n) for y, n in quarters(gen.today)]
	made = 0
	for p, period in enumerate(periods):
		latest = p == len(periods) - 1
		for i, region in enumerate(gen.regions):
			target = REPORT_STATES[i % len(REPORT_STATES)] if latest else "Signed off"
			if frappe.db.exists("KLS Regional Report", {"report_key": f"{period}|{region.code}"}):
				continue
			name = new_report(gen, period, region.code)
			walk(
				gen, "KLS Regional Report", name, region.code, target, path_to(target, "sign-off", "Sign off")
			)
			made += 1
		gen.commit()
		gen.progress("reports", made, len(periods) * len(gen.regions))
	correct_one(gen, periods[0])
	national(gen, periods)
	return made


def new_report(gen, period: str, region: str, **extra) -> str:
	def make():
		doc = frappe.get_doc(
			{"doctype": "KLS Regional Report", "period": period, "region": region, "language": "ru", **extra}
		)
		doc.update(NARRATIVE)
		doc.insert()
		doc.compile()
		return doc.name

	return gen.as_user(users.kgu_specialist(region), make)


def correct_one(gen, period: str) -> None:
	"""One signed-off report cancelled for correction and its amendment drafted (the states of a correction)."""
	region = gen.regions[0].code
	name = frappe.db.get_value(
		"KLS Regional Report", {"period": period, "region": region, "docstatus": 1}, "name"
	)
	if not name or frappe.db.exists("KLS Regional Report", {"amended_from": name}):
		return
	gen.transition("KLS Regional Report", name, "Cancel for correction", users.RGU_HEAD)
	new_report(
		gen, period, region, amended_from=name, amendment_reason="Уточнено число участников мероприятий"
	)
	gen.commit()


def national(gen, periods: list[str]) -> None:
	"""The national roll-up of the oldest quarter (every region signed off) and of the latest, as drafts."""
	for period in (periods[0], periods[-1]):
		if frappe.db.exists("KLS National Report", {"period": period}):
			continue

		def make(period=period):
			doc = frappe.get_doc({"doctype": "KLS National Report", "period": period, "language": "ru"})
			doc.insert()
			doc.compile()

		gen.as_user(users.RGU_COORDINATOR, make)
	gen.commit()


def make_instructions(gen) -> int:
	"""Instructions issued to every region, one a month; their executions reported and accepted through the
	workflow. An instruction is issued with a deadline in the future (the app's rule), so each is issued
	today and its dates are then moved back to the month it belongs to, as if the year had passed."""
	# at least three: the oldest is past its deadline, so a small demo has overdue executions too
	count = max(3, figures.scaled(figures.INSTRUCTIONS, gen.scale))
	made = 0
	for i in range(count):
		title = f"Поручение РГУ № {i + 1}/{gen.today.year} о работе с этнокультурными объединениями"
		if frappe.db.exists("KLS Instruction", {"title": title, "docstatus": 1}):
			continue
		months_ago = count - 1 - i  # the last one is this month's and still open
		name = issue(gen, title)
		for j, region in enumerate(gen.regions):
			target = EXECUTION_STATES[(i + j) % len(EXECUTION_STATES)] if months_ago else "Open"
			execution = f"{name}-{region.code}"
			execute(gen, execution, region.code, target)
		backdate(gen, name, months_ago)
		made += 1
		gen.commit()
		gen.progress("instructions", made, count)
	return made


def issue(gen, title: str) -> str:
	def make():
		doc = frappe.get_doc(
			{
				"doctype": "KLS Instruction",
				"title": title,
				"source": "RGU",
				"issued_on": gen.today,
				"deadline": add_days(gen.today, 30),
				"priority": "Normal",
				"control_level": "Routine",
				"instruction_text": "<p>Представить сведения о деятельности этнокультурных объединений</p>",
				"all_regions": 1,
			}
		)
		doc.insert()
		doc.submit()
		return doc.name

	return gen.as_user(users.RGU_COORDINATOR, make)


def execute(gen, execution: str, region: str, target: str) -> None:
	if target == "Open":
		return
	gen.transition(
		"KLS Instruction Execution",
		execution,
		"Submit report",
		users.kgu_head(region),
		report_text="<p>Сведения представлены, проведено совещание с руководителями ЭКО</p>",
	)
	if target == "Returned":
		gen.transition(
			"KLS Instruction Execution",
			execution,
			"Return",
			users.RGU_COORDINATOR,
			return_reason=RETURN_REASON,
		)
	elif target == "Accepted":
		gen.transition("KLS Instruction Execution", execution, "Accept", users.RGU_COORDINATOR)


def backdate(gen, instruction: str, months_ago: int) -> None:
	if not months_ago:
		return
	shift = timedelta(days=30 * months_ago)
	issued = gen.today - shift
	frappe.db.set_value(
		"KLS Instruction",
		instruction,
		{"issued_on": issued, "deadline": issued + timedelta(days=30)},
		update_modified=False,
	)
	for row in frappe.get_all(
		"KLS Instruction Execution",
		filters={"instruction": instruction},
		fields=["name", "submitted_on", "completed_on"],
	):
		values = {"original_deadline": issued + timedelta(days=30), "deadline": issued + timedelta(days=30)}
		for field in ("submitted_on", "completed_on"):
			if row.get(field):
				values[field] = issued + timedelta(days=20)
		frappe.db.set_value("KLS Instruction Execution", row.name, values, update_modified=False)
