"""The missing alerts (new case / appeal, event reported, national report ready, queues reminded then
escalated) as rules an administrator changes (KLS Alert Rule): recipients, languages, links, no personal
data, and an administrator's change surviving migrate."""

from __future__ import annotations

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from kelisim_app.kelisim_core import alerts
from kelisim_app.kelisim_core import notice_rules as nr
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.notice_rules import AlertTextError
from kelisim_app.kelisim_events.doctype.kls_event.test_kls_event import event_values
from kelisim_app.kelisim_mediation.doctype.kls_mediation_appeal.test_kls_mediation_appeal import (
	submit_as_guest,
)
from kelisim_app.kelisim_mediation.testing import REGION_A, REGION_B, make_case
from kelisim_app.kelisim_registry.tests.factories import make_structure
from kelisim_app.kelisim_reporting.tests.factories import quarter
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

CASE = "KLS Mediation Case"
NEW_CASE = "New mediation case {reference} ({category})"
HOUSEHOLD = "Household"
tr = frappe._  # msgids held in variables: the extractor takes no test strings into the catalogue
# what the test records hold that no message may carry
PERSONAL = [
	"Aigerim Applicant",
	"Boris Otherparty",
	"+77010000001",
	"courtyard",
	"Guest Citizen",
	"555-11-22",
	"block the passage",
]


def logs(user: str, name: str | None = None) -> list[frappe._dict]:
	filters = {"for_user": user}
	if name:
		filters["document_name"] = name
	return frappe.get_all(
		"Notification Log", filters=filters, fields=["subject", "document_type", "document_name"]
	)


def restore_rule(code: str) -> None:
	"""The rule as shipped (tests change it)."""
	frappe.delete_doc("KLS Alert Rule", code, ignore_permissions=True, force=True)
	alerts.sync_rules()


class AlertTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		alerts.sync_rules()
		cls.head_a = make_user(
			"alert-head-a", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A), "kk"
		)
		cls.spec_a = make_user("alert-spec-a", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A), "ru")
		cls.head_b = make_user(
			"alert-head-b", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(REGION_B), "en"
		)
		cls.rgu_head = make_user("alert-rgu-head", [core.ROLE_RGU_HEAD], rgu_office(), "ru")
		cls.rgu_coord = make_user("alert-rgu-coord", [core.ROLE_RGU_COORDINATOR], rgu_office(), "kk")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def assertNothingPersonal(self, subjects):
		for subject in subjects:
			self.assertEqual(nr.carries_personal_data(subject, PERSONAL), [], subject)


class TestAlerts(AlertTestCase):
	def test_a_new_case_tells_its_regions_kgu_in_each_ones_language(self):
		case = make_case(category="Household")
		head = logs(self.head_a, case.name)
		spec = logs(self.spec_a, case.name)
		self.assertEqual(len(head), 1)
		self.assertEqual(len(spec), 1)
		self.assertEqual(head[0].document_type, CASE)
		self.assertEqual(
			head[0].subject,
			tr(NEW_CASE, lang="kk").format(reference=case.name, category=tr(HOUSEHOLD, lang="kk")),
		)
		self.assertIn("Новое медиационное дело", spec[0].subject)
		self.assertIn(case.name, spec[0].subject)
		self.assertEqual(logs(self.head_b, case.name), [], "another region's KGU hears nothing")
		self.assertNothingPersonal([head[0].subject, spec[0].subject])

	def test_a_guest_appeal_tells_the_kgu_once_with_a_link_to_its_case(self):
		frappe.set_user("Guest")
		frappe.local.request_ip = "10.21.21.21"
		frappe.cache.delete_keys("kls-mediation:")
		try:
			appeal = submit_as_guest()
		finally:
			frappe.set_user("Administrator")
			frappe.local.request_ip = None
		head = logs(self.head_a, appeal.reference_number)
		self.assertEqual(len(head), 1, "one alert (the appeal), not a second for its case")
		self.assertEqual((head[0].document_type, head[0].document_name), (CASE, appeal.reference_number))
		self.assertIn("онлайн", logs(self.spec_a, appeal.reference_number)[0].subject)
		self.assertNothingPersonal([head[0].subject])

	def test_the_assigned_mediator_is_told_of_a_new_case(self):
		from kelisim_app.kelisim_mediation.testing import make_mediator

		user = make_user("alert-mediator-a", [core.ROLE_MEDIATOR], None, "ru")
		mediator = make_mediator("Alertov", REGION_A, user)
		case = make_case(mediator=mediator)
		subjects = [row.subject for row in logs(user, case.name)]
		self.assertTrue(any("Новое медиационное дело" in s for s in subjects), subjects)

	def test_a_reported_event_tells_the_kgu_head_who_verifies(self):
		secretary = make_user("alert-secretary", [core.ROLE_STRUCTURE_SECRETARY])
		council = make_structure("Alert Council", REGION_A, secretary_user=secretary, founded_on="2010-01-01")
		frappe.set_user(self.spec_a)
		event = frappe.get_doc(event_values(council)).insert()
		apply_workflow(event, "Mark as held")
		self.assertEqual(logs(self.head_a, event.name), [], "only on Reported")
		apply_workflow(frappe.get_doc("KLS Event", event.name), "Report")
		frappe.set_user("Administrator")
		head = logs(self.head_a, event.name)
		self.assertEqual(len(head), 1)
		self.assertIn(event.name, head[0].subject)
		self.assertEqual(logs(self.head_b, event.name), [])
		self.assertNotIn("Round table on the Day of Unity", head[0].subject, "not the event's title")

	def test_a_national_report_ready_tells_the_rgu_head(self):
		report = frappe.get_doc({"doctype": "KLS National Report", "period": quarter(2033, 2)}).insert(
			ignore_permissions=True
		)
		frappe.set_user(self.rgu_coord)
		apply_workflow(frappe.get_doc("KLS National Report", report.name), "Submit for sign-off")
		frappe.set_user("Administrator")
		head = logs(self.rgu_head, report.name)
		self.assertEqual(len(head), 1)
		self.assertIn("готов", head[0].subject)
		self.assertEqual(logs(self.rgu_coord, report.name), [], "the sender is not told")

	def test_waiting_too_long_reminds_then_escalates_once_each(self):
		case = make_case(category="Neighbours")
		item = frappe.get_all(
			"KLS Waiting Item", filters={"reference_name": case.name}, fields=["name", "state"]
		)
		self.assertEqual([i.state for i in item], ["Registered"], "a new case waits for a mediator")
		frappe.db.set_value("KLS Waiting Item", item[0].name, "since", add_to_date(now_datetime(), days=-3))
		before = len(logs(self.spec_a, case.name))
		counts = alerts.run_reminders(now_datetime())
		self.assertGreaterEqual(counts["reminded"], 1)
		reminders = logs(self.spec_a, case.name)
		self.assertEqual(len(reminders), before + 1)
		self.assertTrue(any("3" in r.subject and "медиатор" in r.subject for r in reminders), reminders)
		head_before = len(logs(self.head_a, case.name))
		alerts.run_reminders(now_datetime())
		self.assertEqual(len(logs(self.spec_a, case.name)), before + 1, "reminded once")
		frappe.db.set_value("KLS Waiting Item", item[0].name, "since", add_to_date(now_datetime(), days=-6))
		alerts.run_reminders(now_datetime())
		head = logs(self.head_a, case.name)
		# the head is a specialist too: reminded earlier; now escalated once
		self.assertEqual(len(head), head_before + 1)
		self.assertTrue(head[0].subject)
		alerts.run_reminders(now_datetime())
		self.assertEqual(len(logs(self.head_a, case.name)), head_before + 1, "escalated once")
		self.assertNothingPersonal([r.subject for r in logs(self.head_a, case.name)])

	def test_leaving_the_queue_ends_the_wait(self):
		from kelisim_app.kelisim_mediation.testing import make_mediator

		case = make_case()
		self.assertTrue(frappe.db.exists("KLS Waiting Item", {"reference_name": case.name}))
		case.mediator = make_mediator("Queueov", REGION_A, None)
		case.save()
		self.assertFalse(frappe.db.exists("KLS Waiting Item", {"reference_name": case.name}))


class TestAlertRules(AlertTestCase):
	def tearDown(self):
		super().tearDown()
		restore_rule("mediation-case-new")

	def test_every_declared_alert_has_a_rule_with_its_shipped_text(self):
		declared = alerts.declarations()
		self.assertGreaterEqual(len(declared), 9)
		for code, spec in declared.items():
			rule = frappe.get_doc("KLS Alert Rule", code)
			self.assertEqual(rule.shipped_text, spec["subject"])
			self.assertEqual(rule.document_type, spec["document_type"])

	def test_an_administrators_change_survives_migrate(self):
		rule = frappe.get_doc("KLS Alert Rule", "mediation-case-new")
		rule.enabled = 0
		rule.set("recipient_roles", [{"role": core.ROLE_KGU_HEAD}])
		rule.subject_ru = "Дело {reference}: новое"
		rule.save()
		alerts.after_migrate()  # what migrate runs
		rule.reload()
		self.assertEqual(rule.enabled, 0)
		self.assertEqual([r.role for r in rule.recipient_roles], [core.ROLE_KGU_HEAD])
		self.assertEqual(rule.subject_ru, "Дело {reference}: новое")
		self.assertEqual(rule.shipped_text, "New mediation case {reference} ({category})")

	def test_switched_off_tells_nobody_and_roles_choose_who(self):
		rule = frappe.get_doc("KLS Alert Rule", "mediation-case-new")
		rule.enabled = 0
		rule.save()
		case = make_case()
		self.assertEqual(logs(self.head_a, case.name), [])
		rule.enabled = 1
		rule.set("recipient_roles", [{"role": core.ROLE_KGU_HEAD}])
		rule.save()
		case = make_case()
		self.assertEqual(len(logs(self.head_a, case.name)), 1)
		self.assertEqual(logs(self.spec_a, case.name), [], "no longer a recipient role")

	def test_an_administrators_text_in_one_language(self):
		rule = frappe.get_doc("KLS Alert Rule", "mediation-case-new")
		rule.subject_ru = "Поступило дело {reference} ({category})"
		rule.save()
		case = make_case(category="Household")
		spec = logs(self.spec_a, case.name)[0].subject
		self.assertEqual(spec, f"Поступило дело {case.name} ({tr(HOUSEHOLD, lang='ru')})")
		head = logs(self.head_a, case.name)[0].subject
		self.assertNotIn("Поступило", head, "the Kazakh reader keeps the shipped Kazakh text")

	def test_a_text_naming_an_unknown_placeholder_is_refused(self):
		rule = frappe.get_doc("KLS Alert Rule", "mediation-case-new")
		rule.subject_kk = "Іс {reference}: {party_name}"
		self.assertRaises(AlertTextError, rule.save)
		rule = frappe.get_doc("KLS Alert Rule", "mediation-case-new")
		rule.subject_kk = "Іс {reference"
		self.assertRaises(AlertTextError, rule.save)
