"""Bad input across the app's forms and APIs: each refused with a clear error in the user's language (a
ValidationError, or a PermissionError for another region's records) and the database unchanged (the rows of
every DocType of the app counted before and after); tricky but valid input (SQL-like strings, Kazakh letters,
markup) stored so that it reads back intact and renders inert."""

from __future__ import annotations

import json
import re
from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, now_datetime, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_events.doctype.kls_event.test_kls_event import event_values
from kelisim_app.kelisim_instructions.doctype.kls_instruction.test_kls_instruction import new_instruction
from kelisim_app.kelisim_mediation.testing import case_values
from kelisim_app.kelisim_projects.doctype.kls_project_plan.test_kls_project_plan import plan_values
from kelisim_app.kelisim_registry.iin import make_iin
from kelisim_app.kelisim_registry.tests.factories import make_person, make_structure
from kelisim_app.tests.security import matrix, scan, world
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

A, B = world.REGION_A, world.REGION_B
MEGABYTE = "ж" * (1024 * 1024 // 2)  # 1 MB of UTF-8
CYRILLIC = re.compile("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
KAZAKH = "Әсел Ғабитқызы Қоңыратбаева Ңң Өмір Ұлан Үміт Һ Іңкәр"
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
SQLISH = "Robert'); DROP TABLE `tabKLS Person`; -- \" OR 1=1"


def app_doctypes() -> list[str]:
	return frappe.get_all(
		"DocType",
		filters={"module": ["in", scan.app_modules()], "issingle": 0, "is_virtual": 0},
		pluck="name",
	)


def counts(doctypes) -> dict[str, int]:
	return {dt: frappe.db.count(dt) for dt in doctypes}


def message_of(error: Exception) -> str:
	"""What the user is shown: the message Frappe queued for him, else the error's text."""
	shown = [
		json.loads(m).get("message", "") if isinstance(m, str) else m.get("message", "")
		for m in frappe.message_log
	]
	return " ".join(m for m in shown if m).strip() or str(error).strip()


class TestBadInputs(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.kgu = make_user(
			"sec-bad-kgu-a", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(A), "ru"
		)
		cls.rgu = make_user(
			"sec-bad-rgu", [core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR], rgu_office(), "ru"
		)
		frappe.set_user("Administrator")
		from kelisim_app.kelisim_events.media_testing import ensure_languages

		ensure_languages()
		cls.structure = make_structure("Sec Bad Council", A, founded_on="2012-01-01")
		cls.structure_b = make_structure("Sec Bad Council B", B, founded_on="2012-01-01")
		cls.person_b = make_person("Sec", "OtherRegion", region=B)
		cls.doctypes = app_doctypes()
		cls.cases = 0
		cls.messages = []

	def setUp(self):
		frappe.set_user(self.kgu)
		frappe.local.lang = "ru"

	def tearDown(self):
		frappe.set_user("Administrator")
		matrix.clear_request()
		frappe.local.lang = "en"
		frappe.clear_messages()

	# ------------------------------------------------------------------ helpers
	def refused(self, label: str, action, error=frappe.ValidationError, user: str | None = None):
		"""`action` fails with `error`, says why in Russian, and leaves every table as it was."""
		frappe.set_user(user or self.kgu)
		frappe.local.lang = "ru"
		before = counts(self.doctypes)
		frappe.db.savepoint("kls_sec_bad")
		try:
			with self.assertRaises(error, msg=label) as caught:
				action()
			message = message_of(caught.exception)
			after = counts(self.doctypes)
		finally:
			frappe.db.rollback(save_point="kls_sec_bad")
			frappe.clear_messages()
		self.assertEqual(after, before, f"{label}: the database changed")
		self.assertTrue(message, f"{label}: no message")
		self.assertRegex(message, CYRILLIC, f"{label}: the message is not translated: {message}")
		self.assertNotIn("Traceback", message, label)
		self.messages.append(f"{label}: {message}")
		frappe.set_user("Administrator")
		type(self).cases += 1

	def insert(self, values: dict):
		return lambda: frappe.get_doc(values).insert()

	def rest_insert(self, doctype: str, values: dict):
		from frappe.api.v1 import create_doc

		def call():
			matrix.reset_request({"data": json.dumps(values, default=str)}, method="POST")
			return create_doc(doctype)

		return call

	def person(self, **values):
		return {"doctype": "KLS Person", "first_name": "Sec", "last_name": "Bad", "region": A, **values}

	def structure_values(self, **values):
		return {
			"doctype": "KLS Public Structure",
			"structure_name": "Sec Bad Structure",
			"structure_kind": "Council of Public Consent",
			"level": "District",
			"region": A,
			**values,
		}

	def event(self, **values):
		return {**event_values(self.structure), **values}

	# ------------------------------------------------------------------ registry
	def test_people(self):
		valid = make_iin(date(1990, 5, 17), False, 1234)
		wrong_checksum = valid[:-1] + str((int(valid[-1]) + 1) % 10)
		self.refused("IIN with a wrong control digit", self.insert(self.person(iin=wrong_checksum)))
		self.refused("IIN of 11 digits", self.insert(self.person(iin=valid[:-1])))
		self.refused("IIN with a letter", self.insert(self.person(iin=valid[:-1] + "x")))
		self.refused("IIN of 13 digits", self.insert(self.person(iin=valid + "1")))
		self.refused("birth date not the IIN's", self.insert(self.person(iin=valid, birth_date="1991-05-17")))
		self.refused("1 MB first name", self.insert(self.person(first_name=MEGABYTE)))
		self.refused("1 MB biography", self.insert(self.person(biography=MEGABYTE)))
		self.refused("person of another region", self.insert(self.person(region=B)), frappe.PermissionError)
		self.refused(
			"REST: person without a last name", self.rest_insert("KLS Person", {"first_name": "Sec"})
		)
		self.refused("REST: person without any name", self.rest_insert("KLS Person", {"region": A}))

	def test_structures_and_memberships(self):
		self.refused("structure named by 1 MB", self.insert(self.structure_values(structure_name=MEGABYTE)))
		self.refused(
			"republican structure with a region",
			self.insert(self.structure_values(level="Republican")),
			user=self.rgu,
		)
		self.refused(
			"district structure without a region",
			self.insert(self.structure_values(region=None)),
			user=self.rgu,
		)
		self.refused(
			"status date in the future",
			self.insert(
				self.structure_values(
					status="Suspended", status_date=add_days(today(), 30), status_reason="x"
				)
			),
		)
		self.refused("suspended without a reason", self.insert(self.structure_values(status="Suspended")))
		self.refused("negative circulation", self.insert(self.structure_values(circulation=-5)))
		self.refused("circulation beyond any integer", self.insert(self.structure_values(circulation=10**15)))
		self.refused(
			"structure of another region",
			self.insert(self.structure_values(region=B)),
			frappe.PermissionError,
		)
		self.refused(
			"parent structure of another region",
			self.insert(self.structure_values(parent_structure=self.structure_b)),
			frappe.PermissionError,
		)
		self.refused(
			"REST: structure without a kind",
			self.rest_insert(
				"KLS Public Structure", {"structure_name": "Sec", "level": "District", "region": A}
			),
		)
		person = make_person("Sec", "Member A", region=A)
		membership = {
			"doctype": "KLS Membership",
			"person": person,
			"structure": self.structure,
			"role": "Member",
			"from_date": "2024-05-01",
		}
		self.refused(
			"membership ending before it starts", self.insert({**membership, "to_date": "2024-01-01"})
		)
		self.refused(
			"member from another region's register",
			self.insert({**membership, "person": self.person_b}),
			frappe.PermissionError,
		)
		self.refused(
			"membership in an unknown structure", self.insert({**membership, "structure": "NO-SUCH"})
		)
		self.refused(
			"REST: membership without a person",
			self.rest_insert("KLS Membership", {"structure": self.structure}),
		)

	# ------------------------------------------------------------------ events
	def test_events(self):
		start = add_to_date(now_datetime(), days=-2)
		self.refused(
			"event ending before it starts",
			self.insert(self.event(start=start, end=add_to_date(start, hours=-1))),
		)
		self.refused("negative participants", self.insert(self.event(participants_total=-1)))
		self.refused(
			"more youth than participants",
			self.insert(self.event(participants_total=5, participants_youth=6)),
		)
		self.refused(
			"more ethnic groups than participants",
			self.insert(self.event(participants_total=3, ethnic_groups_count=9)),
		)
		self.refused("participants beyond any integer", self.insert(self.event(participants_total=10**15)))
		self.refused("event title of 1 MB", self.insert(self.event(title=MEGABYTE)))
		self.refused(
			"event of another region's structure",
			self.insert(self.event(organiser=self.structure_b)),
			frappe.PermissionError,
		)
		self.refused("REST: event without an organiser", self.rest_insert("KLS Event", {"title": "Sec"}))

	# ------------------------------------------------------------------ plans
	def test_plans(self):
		year = 2032
		base = plan_values(region=A, year=year)
		acts = base["activities"]
		self.refused(
			"activity ending before it starts",
			self.insert(
				{
					**base,
					"activities": [{**acts[0], "start_date": f"{year}-05-01", "end_date": f"{year}-04-01"}],
				}
			),
		)
		self.refused(
			"activity outside the plan's year",
			self.insert({**base, "activities": [{**acts[0], "end_date": f"{year + 1}-02-01"}]}),
		)
		self.refused(
			"negative budget", self.insert({**base, "budget": [{"budget_line": "x", "planned_amount": -1}]})
		)
		self.refused(
			"budget beyond any currency column",
			self.insert({**base, "budget": [{"budget_line": "x", "planned_amount": 10**22}]}),
		)
		self.refused("plan year 1800", self.insert(plan_values(region=A, year=1800)))
		self.refused(
			"KPI without a target", self.insert({**base, "kpis": [{"indicator": "x", "unit": "events"}]})
		)
		self.refused(
			"risk probability 9",
			self.insert({**base, "risks": [{"risk": "x", "probability": 9, "impact": 1}]}),
		)
		self.refused(
			"plan of another region", self.insert(plan_values(region=B, year=year)), frappe.PermissionError
		)
		self.refused("regional plan without a region", self.insert({**base, "region": None}))
		self.refused(
			"REST: plan without a base project",
			self.rest_insert("KLS Project Plan", {"region": A, "year": year}),
		)

	# ------------------------------------------------------------------ mediation
	def test_mediation(self):
		from kelisim_app.kelisim_mediation.exceptions import AppealError

		self.refused(
			"case received in the future", self.insert(case_values(received_on=add_days(today(), 3)))
		)
		self.refused("high risk without a reason", self.insert(case_values(risk="High")))
		self.refused(
			"party without a name",
			self.insert(case_values(parties=[{"party_name": " ", "role": "Applicant"}])),
		)
		self.refused(
			"party with an invented role",
			self.insert(case_values(parties=[{"party_name": "X", "role": "Judge"}])),
		)
		self.refused("case of another region", self.insert(case_values(region=B)), frappe.PermissionError)
		self.refused(
			"party name of 1 MB",
			self.insert(case_values(parties=[{"party_name": MEGABYTE, "role": "Applicant"}])),
		)
		consultation = {"doctype": "KLS Consultation", "category": "Other", "region": A, "question": "Sec?"}
		self.refused(
			"consultation in the future", self.insert({**consultation, "consulted_on": add_days(today(), 2)})
		)
		self.refused("consultation question of 1 MB", self.insert({**consultation, "question": MEGABYTE}))
		self.refused(
			"consultation of another region",
			self.insert({**consultation, "region": B}),
			frappe.PermissionError,
		)
		appeal = {
			"doctype": "KLS Mediation Appeal",
			"applicant_name": "Sec Citizen",
			"phone": "+77015550000",
			"region": A,
			"category": "Neighbours",
			"description": "Sec dispute",
			"consent": 1,
		}

		def as_guest(values):
			return lambda: frappe.get_doc(values).insert(ignore_permissions=True)

		self.refused("appeal without consent", as_guest({**appeal, "consent": 0}), AppealError, user="Guest")
		self.refused("appeal without contact", as_guest({**appeal, "phone": ""}), AppealError, user="Guest")
		self.refused(
			"appeal of 1 MB", as_guest({**appeal, "description": MEGABYTE}), AppealError, user="Guest"
		)
		self.refused(
			"appeal of an invented category",
			as_guest({**appeal, "category": "Spam"}),
			AppealError,
			user="Guest",
		)

	# ------------------------------------------------------------------ instructions and reporting
	def test_instructions_and_reports(self):
		from kelisim_app.kelisim_reporting.tests.factories import quarter

		frappe.set_user(self.rgu)
		late = new_instruction(deadline_in=-1)
		late.flags.ignore_validate = True
		late.insert()
		late.flags.ignore_validate = False
		self.refused("instruction issued past its deadline", late.submit, user=self.rgu)
		self.refused("instruction without a text", new_instruction(instruction_text="").insert, user=self.rgu)
		self.refused(
			"reporting period due before it ends",
			self.insert(
				{
					"doctype": "KLS Reporting Period",
					"period_type": "Quarter",
					"year": 2033,
					"number": 2,
					"due_date": "2033-04-01",
				}
			),
			user=self.rgu,
		)
		self.refused(
			"reporting period number 7",
			self.insert(
				{
					"doctype": "KLS Reporting Period",
					"period_type": "Quarter",
					"year": 2033,
					"number": 7,
					"due_date": "2034-01-01",
				}
			),
			user=self.rgu,
		)
		instruction = new_instruction(title="Sec bad").insert()
		instruction.submit()
		execution = f"{instruction.name}-{A}"
		frappe.set_user(self.kgu)
		self.refused(
			"task for an unknown structure",
			lambda: frappe.get_doc("KLS Instruction Execution", execution).assign_task("NO-SUCH", "Sec"),
		)
		self.refused(
			"task for another region's structure",
			lambda: frappe.get_doc("KLS Instruction Execution", execution).assign_task(
				self.structure_b, "Sec"
			),
		)
		self.refused(
			"extension to a date before the deadline",
			lambda: frappe.get_doc("KLS Instruction Execution", execution).request_extension(
				"2000-01-01", "Sec"
			),
		)
		self.refused(
			"extension without a reason",
			lambda: frappe.get_doc("KLS Instruction Execution", execution).request_extension(
				"2099-01-01", " "
			),
		)
		period = quarter(2031, 2)
		report = {"doctype": "KLS Regional Report", "period": period, "region": A, "language": "ru"}
		self.refused("typed figures", self.insert({**report, "events_held": 999}))
		self.refused("report of another region", self.insert({**report, "region": B}), frappe.PermissionError)
		frappe.set_user(self.kgu)
		frappe.get_doc(report).insert()
		self.refused(
			"a second report for the region and period", self.insert(report), frappe.DuplicateEntryError
		)

	# ------------------------------------------------------------------ valid but tricky input
	def test_tricky_input_reads_back_intact_and_renders_inert(self):
		from frappe.www.printview import get_html_and_style

		frappe.set_user(self.kgu)
		person = frappe.get_doc(self.person(first_name=KAZAKH, last_name=SQLISH, biography=SCRIPT)).insert()
		stored = frappe.db.get_value("KLS Person", person.name, ["first_name", "last_name"], as_dict=True)
		self.assertEqual(stored.first_name, KAZAKH, "Kazakh letters round-trip")
		self.assertEqual(stored.last_name, SQLISH, "an SQL-like string is data")
		self.assertTrue(frappe.db.table_exists("KLS Person"))
		self.assertEqual(
			frappe.get_list("KLS Person", filters={"last_name": SQLISH}, pluck="name"), [person.name]
		)
		self.assertEqual(
			frappe.get_list("KLS Person", filters={"last_name": "x' OR '1'='1"}, pluck="name"), []
		)
		found = matrix.via_link_search("KLS Person", person.name)
		self.assertTrue(found)
		html = get_html_and_style("KLS Person", person.name)["html"] or ""
		self.assertNotIn("<script>alert", html, "markup prints as text")
		self.assertNotIn("onerror=alert", html.replace("&#34;", '"'))
		type(self).cases += 4

		# rich text is stored sanitised
		frappe.set_user(self.rgu)
		instruction = new_instruction(instruction_text=f"<p>Hold round tables</p>{SCRIPT}").insert()
		text = frappe.db.get_value("KLS Instruction", instruction.name, "instruction_text")
		self.assertNotIn("<script", text)
		self.assertNotIn("onerror", text)
		self.assertIn("Hold round tables", text)
		type(self).cases += 1

		# the public appeal keeps plain text
		from kelisim_app.kelisim_mediation.appeals import clean_text

		self.assertEqual(clean_text(f"Help {SCRIPT}"), "Help")
		type(self).cases += 1

	def test_z_metric(self):
		if frappe.conf.get("kelisim_show_errors"):
			print("\n".join(self.messages))
		print(f"kelisim-metric: bad inputs {self.cases} cases")
		self.assertGreaterEqual(self.cases, 50)
