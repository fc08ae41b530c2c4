# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.desk.query_report import run
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_instructions import control
from kelisim_app.kelisim_instructions.doctype.kls_instruction.test_kls_instruction import issue
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REGIONS = ("KZ-10", "KZ-15")


class TestExecutionDiscipline(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.rgu = make_user("rgu-discipline", [core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR], rgu_office())
		cls.heads = {
			r: make_user(
				f"kgu-head-discipline-{r}", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(r)
			)
			for r in REGIONS
		}
		cls.observer = make_user("observer-discipline", [core.ROLE_MINISTRY_OBSERVER])
		frappe.set_user(cls.rgu)
		# KZ-10: one accepted on time, one overdue; KZ-15: one accepted late (deadline moved into the past),
		# one not yet due with a granted extension
		cls.a = issue(REGIONS, deadline_in=10, title="Discipline A")
		cls.b = issue(REGIONS, deadline_in=5, title="Discipline B")
		cls.accept(f"{cls.a.name}-KZ-10")
		frappe.db.set_value(
			"KLS Instruction Execution", f"{cls.a.name}-KZ-15", "deadline", add_days(today(), -2)
		)
		cls.accept(f"{cls.a.name}-KZ-15")
		frappe.db.set_value(
			"KLS Instruction Execution", f"{cls.b.name}-KZ-10", "deadline", add_days(today(), -1)
		)
		frappe.set_user(cls.heads["KZ-15"])
		frappe.get_doc("KLS Instruction Execution", f"{cls.b.name}-KZ-15").request_extension(
			add_days(today(), 30), "Floods"
		)
		frappe.set_user(cls.rgu)
		frappe.get_doc("KLS Instruction Execution", f"{cls.b.name}-KZ-15").decide_extension(1)
		frappe.set_user("Administrator")
		control.daily()

	@classmethod
	def accept(cls, name):
		region = name.rsplit("-", 2)[-2] + "-" + name.rsplit("-", 1)[-1]
		frappe.set_user(cls.heads[region])
		doc = frappe.get_doc("KLS Instruction Execution", name)
		doc.report_text = "<p>Done.</p>"
		doc.save()
		apply_workflow(frappe.get_doc("KLS Instruction Execution", name), "Submit report")
		frappe.set_user(cls.rgu)
		apply_workflow(frappe.get_doc("KLS Instruction Execution", name), "Accept")

	def tearDown(self):
		frappe.set_user("Administrator")

	def rows(self, user, **filters):
		frappe.set_user(user)
		result = run("Execution Discipline", filters={"from_date": today(), **filters}, user=user)
		return {r["region"]: r for r in result["result"] if isinstance(r, dict) and r.get("region")}

	def test_figures_per_region_as_rgu_and_observer(self):
		for user in (self.rgu, self.observer):
			rows = self.rows(user)
			self.assertTrue(set(REGIONS) <= set(rows))
			kz10, kz15 = rows["KZ-10"], rows["KZ-15"]
			self.assertEqual(
				(kz10["issued"], kz10["on_time"], kz10["late"], kz10["overdue"], kz10["extensions"]),
				(2, 1, 0, 1, 0),
			)
			self.assertEqual(
				(kz15["issued"], kz15["on_time"], kz15["late"], kz15["open"], kz15["extensions"]),
				(2, 0, 1, 1, 1),
			)
			self.assertEqual(kz10["on_time_rate"], 100.0)

	def test_kgu_user_sees_his_region_only(self):
		rows = self.rows(self.heads["KZ-10"])
		self.assertEqual(set(rows), {"KZ-10"})
		self.assertEqual(self.rows(self.heads["KZ-10"], region="KZ-15"), {})

	def test_overdue_number_card_respects_the_region(self):
		from frappe.desk.doctype.number_card.number_card import get_result

		card = frappe.get_doc("Number Card", "Overdue Instructions")
		frappe.set_user(self.heads["KZ-10"])
		kz10 = get_result(card, card.filters_json)
		frappe.set_user(self.heads["KZ-15"])
		kz15 = get_result(card, card.filters_json)
		frappe.set_user(self.rgu)
		everyone = get_result(card, card.filters_json)

		def overdue(region=None):
			filters = {"is_overdue": 1, "docstatus": 0, **({"region": region} if region else {})}
			return frappe.db.count("KLS Instruction Execution", filters)

		self.assertGreaterEqual(kz10, 1)
		self.assertEqual(kz10, overdue("KZ-10"))
		self.assertEqual(kz15, overdue("KZ-15"))
		self.assertEqual(everyone, overdue())
