# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import csv
import io
import json

import frappe
from frappe import _
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, get_datetime, getdate, now_datetime, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_events.rules import EventError, EventFrozenError, EventOrganiserError
from kelisim_app.kelisim_registry.tests.factories import make_person, make_structure
from kelisim_app.tests.utils import kgu_office, make_user, run_data_import

NOT_ALLOWED = (WorkflowPermissionError, WorkflowTransitionError)
IMPORT_MARK = "Imported event test"


def purge_imported_events():
	"""Data Import commits row by row: remove what this module (or an earlier run) imported."""
	names = frappe.get_all("KLS Event", filters={"title": ["like", f"{IMPORT_MARK}%"]}, pluck="name")
	for child in ("KLS Event Language", "KLS Event Organiser", "KLS Event Speaker"):
		frappe.db.delete(child, {"parent": ["in", names or [""]]})
	frappe.db.delete("KLS Event", {"name": ["in", names or [""]]})
	imports = frappe.get_all(
		"Data Import",
		filters={"reference_doctype": "KLS Event", "import_file": ["like", "%event-import-test%"]},
		pluck="name",
	)
	frappe.db.delete("Data Import Log", {"data_import": ["in", imports or [""]]})
	frappe.db.delete("Data Import", {"name": ["in", imports or [""]]})
	frappe.db.commit()  # nosemgrep: as the importer, which commits per row


def event_values(organiser, **extra):
	start = extra.pop("start", add_to_date(now_datetime(), days=-2))
	return {
		"doctype": "KLS Event",
		"title": extra.pop("title", "Round table on the Day of Unity"),
		"event_type": extra.pop("event_type", "Round table"),
		"organiser": organiser,
		"start": start,
		"end": extra.pop("end", add_to_date(start, hours=3)),
		"participants_total": 60,
		"participants_youth": 25,
		"ethnic_groups_count": 9,
		"languages": [{"language": "Kazakh"}, {"language": "Russian"}],
		**extra,
	}


class TestKLSEvent(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		purge_imported_events()

	@classmethod
	def tearDownClass(cls):
		super().tearDownClass()
		purge_imported_events()

	def setUp(self):
		self.specialist = make_user("kgu-spec-events-71", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		self.head = make_user(
			"kgu-head-events-71", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71")
		)
		self.secretary = make_user("secretary-events", [core.ROLE_STRUCTURE_SECRETARY])
		self.council = make_structure(
			"Events Council Astana", "KZ-71", secretary_user=self.secretary, founded_on="2010-01-01"
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def new_event(self, user, **extra):
		frappe.set_user(user)
		return frappe.get_doc(event_values(self.council, **extra)).insert()

	def act(self, user, name, action):
		frappe.set_user(user)
		return apply_workflow(frappe.get_doc("KLS Event", name), action)

	def test_status_chain_with_the_right_users_and_what_verification_causes(self):
		event = self.new_event(self.specialist)
		self.assertEqual(event.workflow_state, "Planned")
		self.assertEqual(event.region, "KZ-71", "the region comes from the organiser")
		self.assertTrue(event.uses_kazakh)
		self.assertEqual(self.act(self.specialist, event.name, "Mark as held").workflow_state, "Held")
		self.assertEqual(self.act(self.specialist, event.name, "Report").workflow_state, "Reported")
		self.assertRaises(NOT_ALLOWED, self.act, self.specialist, event.name, "Verify")
		self.assertEqual(
			frappe.db.get_value("KLS Public Structure", self.council, "activity_status"), "Inactive"
		)
		verified = self.act(self.head, event.name, "Verify")
		self.assertEqual((verified.workflow_state, verified.verified_by), ("Verified", self.head))
		row = frappe.db.get_value(
			"KLS Public Structure", self.council, ["last_activity_on", "activity_status"], as_dict=True
		)
		self.assertEqual(getdate(row.last_activity_on), getdate(event.event_date))
		self.assertEqual(row.activity_status, "Active")

	def test_a_verified_event_is_frozen_until_the_kgu_reopens_it_with_a_reason(self):
		event = self.new_event(self.specialist)
		for user, action in (
			(self.specialist, "Mark as held"),
			(self.specialist, "Report"),
			(self.head, "Verify"),
		):
			self.act(user, event.name, action)
		frappe.set_user(self.head)
		doc = frappe.get_doc("KLS Event", event.name)
		doc.participants_total = 600
		self.assertRaises(EventFrozenError, doc.save)
		self.assertRaises(EventFrozenError, self.act, self.head, event.name, "Reopen")
		doc = frappe.get_doc("KLS Event", event.name)
		doc.reopen_reason = "Participants miscounted"
		doc.participants_youth = 1
		with self.assertRaises(EventFrozenError, msg="the reason alone is no licence to edit"):
			doc.save()
		doc = frappe.get_doc("KLS Event", event.name)
		doc.reopen_reason = "Participants miscounted"
		doc.save()  # what the form does before it applies «Reopen»
		self.assertEqual(self.act(self.head, event.name, "Reopen").workflow_state, "Reported")
		frappe.set_user(self.head)
		doc = frappe.get_doc("KLS Event", event.name)
		doc.participants_total = 65
		doc.save()
		self.assertIsNone(doc.verified_by)

	def test_rules_and_nothing_half_saved(self):
		before = frappe.db.count("KLS Event")
		start = add_to_date(now_datetime(), days=-1)
		cases = [
			({"start": start, "end": add_to_date(start, hours=-1)}, EventError),
			({"participants_total": 10, "participants_youth": 11}, EventError),
			({"participants_total": -1}, (EventError, frappe.ValidationError)),
		]
		for values, error in cases:
			with self.subTest(values=values):
				self.assertRaises(error, self.new_event, self.specialist, **values)
		frappe.set_user("Administrator")
		suspended = make_structure("Suspended Council", "KZ-71")
		frappe.db.set_value("KLS Public Structure", suspended, "status", "Suspended")
		dissolved = make_structure("Dissolved Council", "KZ-71")
		frappe.db.set_value("KLS Public Structure", dissolved, "status", "Dissolved")
		frappe.set_user(self.specialist)
		self.assertRaises(EventOrganiserError, frappe.get_doc(event_values(suspended)).insert)
		self.assertRaises(EventOrganiserError, frappe.get_doc(event_values(dissolved)).insert)
		self.assertRaises(
			EventOrganiserError,
			frappe.get_doc(event_values(self.council, co_organisers=[{"structure": dissolved}])).insert,
		)
		self.assertEqual(frappe.db.count("KLS Event"), before)

	def test_an_event_in_the_future_cannot_be_held(self):
		event = self.new_event(self.specialist, start=add_days(now_datetime(), 3))
		self.assertRaises(EventError, self.act, self.specialist, event.name, "Mark as held")
		self.assertEqual(frappe.db.get_value("KLS Event", event.name, "workflow_state"), "Planned")

	def test_secretary_records_events_for_his_structures_only(self):
		other = make_structure("Other Events Council", "KZ-71")
		event = self.new_event(self.secretary)
		self.act(self.secretary, event.name, "Mark as held")
		frappe.set_user(self.secretary)
		self.assertRaises(frappe.PermissionError, frappe.get_doc(event_values(other)).insert)
		frappe.set_user("Administrator")
		theirs = frappe.get_doc(event_values(other)).insert()
		frappe.set_user(self.secretary)
		visible = frappe.get_list("KLS Event", fields=["name", "organiser"], limit=0)
		self.assertIn(event.name, [e.name for e in visible])
		mine = set(
			frappe.get_all("KLS Public Structure", filters={"secretary_user": self.secretary}, pluck="name")
		)
		self.assertTrue(all(e.organiser in mine for e in visible))
		self.assertFalse(frappe.has_permission("KLS Event", "read", theirs.name))

	def test_region_scoping(self):
		almaty = make_structure("Events Council Almaty", "KZ-75")
		frappe.set_user("Administrator")
		theirs = frappe.get_doc(event_values(almaty)).insert()
		frappe.set_user(self.specialist)
		self.assertNotIn(theirs.name, frappe.get_list("KLS Event", pluck="name", limit=0))
		self.assertFalse(frappe.has_permission("KLS Event", "read", theirs.name))
		self.assertRaises(frappe.PermissionError, frappe.get_doc(event_values(almaty)).insert)

	def test_duplicate_warning_and_dialogue_follow_up(self):
		first = self.new_event(
			self.specialist, title="Dialogue with ECO leaders", event_type="Dialogue meeting"
		)
		frappe.message_log = []
		second = self.new_event(
			self.specialist,
			title="Dialogue with ECO leaders",
			event_type="Dialogue meeting",
			start=first.start,
			end=first.end,
			named_participants=[{"participant_name": "Ivan Petrov", "organisation": "Slavic centre"}],
			topics="Language courses",
			decisions=[
				{
					"decision": "Open Kazakh courses",
					"responsible_user": self.head,
					"due_date": add_days(today(), 30),
				}
			],
		)
		self.assertTrue(any("duplicate" in str(m).lower() for m in frappe.message_log))
		todo = frappe.db.get_value("KLS Event Decision", {"parent": second.name}, "todo")
		self.assertTrue(todo)
		self.assertEqual(frappe.db.get_value("ToDo", todo, "allocated_to"), self.head)

	def test_speakers_come_from_the_registry(self):
		speaker = make_person("Serik", "Abenov", is_speaker=1)
		event = self.new_event(self.specialist, speakers=[{"person": speaker, "topic": "Shared history"}])
		self.assertEqual(
			event.speakers[0].person_name, frappe.db.get_value("KLS Person", speaker, "full_name")
		)

	def test_the_plan_activity_an_event_serves(self):
		from kelisim_app.kelisim_projects.doctype.kls_project_plan.test_kls_project_plan import (
			PROJECT,
			YEAR,
			plan_values,
		)

		frappe.set_user("Administrator")
		frappe.db.delete("KLS Project Plan", {"region": "KZ-71", "base_project": PROJECT, "year": YEAR})
		plan = frappe.get_doc(plan_values("KZ-71")).insert()
		event = self.new_event(
			self.specialist, base_project=PROJECT, plan=plan.name, plan_activity="Round tables"
		)
		self.assertEqual(event.plan_activity, "Round tables")
		self.assertRaises(
			EventError,
			self.new_event,
			self.specialist,
			base_project=PROJECT,
			plan=plan.name,
			plan_activity="Parade",
		)
		self.assertRaises(
			EventError,
			self.new_event,
			self.specialist,
			base_project="Developing the institution of mediation",
			plan=plan.name,
		)

	def test_verification_and_reopening_move_the_plan_kpis_at_once(self):
		from kelisim_app.kelisim_projects.doctype.kls_project_plan.test_kls_project_plan import (
			PROJECT,
			YEAR,
			plan_values,
		)

		frappe.set_user("Administrator")
		frappe.db.delete("KLS Project Plan", {"region": "KZ-71", "base_project": PROJECT, "year": YEAR})
		plan = frappe.get_doc(
			plan_values(
				"KZ-71",
				kpis=[
					{
						"indicator": "Events counted",
						"unit": "events",
						"target": 10,
						"measurement": "Verified events",
					},
					{
						"indicator": "Youth",
						"unit": "people",
						"target": 500,
						"measurement": "Young participants of verified events",
					},
				],
			)
		).insert()

		def actuals():
			return [
				r.actual
				for r in frappe.get_all(
					"KLS Plan KPI", filters={"parent": plan.name}, fields=["actual"], order_by="idx"
				)
			]

		base = actuals()
		# held this year (so it counts in this year's plan) and already over
		start = max(add_to_date(now_datetime(), days=-2), get_datetime(f"{YEAR}-01-01 00:00:00"))
		event = self.new_event(
			self.specialist, base_project=PROJECT, start=start, end=add_to_date(start, hours=1)
		)
		self.act(self.specialist, event.name, "Mark as held")
		self.act(self.specialist, event.name, "Report")
		self.assertEqual(actuals(), base, "a reported event does not count yet")
		self.act(self.head, event.name, "Verify")
		self.assertEqual(actuals(), [base[0] + 1, base[1] + 25])
		frappe.set_user(self.head)
		doc = frappe.get_doc("KLS Event", event.name)
		doc.reopen_reason = "Youth miscounted"
		doc.save()
		self.act(self.head, event.name, "Reopen")
		self.assertEqual(actuals(), base, "a reopened event no longer counts")

	def test_calendar_by_region_and_structure(self):
		other = make_structure("Calendar Council Astana", "KZ-71")
		almaty = make_structure("Calendar Council Almaty", "KZ-75")
		mine = self.new_event(self.specialist, title="Calendar: ours")
		theirs = frappe.get_doc(event_values(other, title="Calendar: the other council's")).insert()
		frappe.set_user("Administrator")
		far = frappe.get_doc(event_values(almaty, title="Calendar: Almaty")).insert()
		field_map = json.dumps({"start": "start", "end": "end", "id": "name", "title": "title"})
		window = (add_days(today(), -10), add_days(today(), 10))

		def calendar(user, *filters):
			from frappe.desk.calendar import get_events

			frappe.set_user(user)
			return {e.name for e in get_events("KLS Event", *window, field_map, json.dumps(list(filters)))}

		by_structure = calendar(self.specialist, ["KLS Event", "organiser", "=", self.council])
		self.assertIn(mine.name, by_structure)
		self.assertNotIn(theirs.name, by_structure)
		by_region = calendar(self.specialist, ["KLS Event", "region", "=", "KZ-71"])
		self.assertTrue({mine.name, theirs.name} <= by_region)
		self.assertNotIn(far.name, calendar(self.specialist), "another region stays out of the calendar")
		self.assertEqual(calendar(self.secretary) & {mine.name, theirs.name, far.name}, {mine.name})

	def test_data_import_from_the_template(self):
		from frappe.core.doctype.data_import.data_import import download_template

		admin = make_user("events-import-admin", [core.ROLE_ADMINISTRATOR, "System Manager"])
		frappe.set_user(admin)
		fields = ["title", "event_type", "organiser", "region", "start", "end", "format"]
		fields += ["participants_total", "participants_youth"]
		download_template("KLS Event", export_fields={"KLS Event": fields}, export_records="blank_template")
		header = next(csv.reader(io.StringIO(frappe.response.result)))
		meta = frappe.get_meta("KLS Event")
		self.assertEqual(header, [_(meta.get_label(f)) for f in fields])

		frappe.set_user("Administrator")
		dissolved = make_structure("Import Dissolved Council", "KZ-71")
		frappe.db.set_value("KLS Public Structure", dissolved, "status", "Dissolved")
		frappe.db.commit()  # nosemgrep: the import below commits per row
		day = add_days(today(), -5)
		rows = [
			(f"{IMPORT_MARK} good", self.council, 40, 10),
			(f"{IMPORT_MARK} too young", self.council, 10, 11),
			(f"{IMPORT_MARK} dissolved", dissolved, 10, 1),
		]
		out = io.StringIO()
		writer = csv.writer(out)
		writer.writerow(header)
		for title, organiser, total, youth in rows:
			start, end = f"{day} 10:00:00", f"{day} 12:00:00"
			writer.writerow([title, "Round table", organiser, "KZ-71", start, end, "In person", total, youth])
		frappe.set_user(admin)
		data_import = run_data_import("KLS Event", out.getvalue(), "event-import-test.csv")
		self.assertEqual(data_import.status, "Partial Success", data_import.template_warnings)
		imported = frappe.get_all(
			"KLS Event",
			filters={"title": ["like", f"{IMPORT_MARK}%"]},
			fields=["title", "workflow_state", "region", "event_date"],
		)
		self.assertEqual(
			[(e.title, e.workflow_state) for e in imported], [(f"{IMPORT_MARK} good", "Planned")]
		)
		self.assertEqual(getdate(imported[0].event_date), getdate(day))
		failed = frappe.get_all(
			"Data Import Log",
			filters={"data_import": data_import.name, "success": 0},
			fields=["messages", "exception"],
		)
		self.assertEqual(len(failed), 2)
		errors = " ".join(f"{f.messages} {f.exception}" for f in failed)
		self.assertIn("cannot outnumber", errors)
		self.assertIn("cannot organise", errors)
