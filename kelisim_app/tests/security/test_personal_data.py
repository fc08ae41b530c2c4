"""Personal data for roles that need counts only: a person's IIN and birth date, the parties and narrative of a
mediation case (permlevel 1) reach neither the Ministry Observer nor a secretary or mediator outside the case,
by any path (form, REST, list, report view, export, child-table list, filters, sort, print); the KGU of the
region reads them, and the observer still counts the cases."""

from __future__ import annotations

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core.permissions import region_scoped_doctypes
from kelisim_app.tests.security import matrix, world

PERSON = "KLS Person"
CASE = "KLS Mediation Case"
PARTY = "KLS Case Party"
NARRATIVE = "Sec: a confidential quarrel."


class TestPersonalData(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.u = world.users()
		cls.records = world.records(cls.u, [PERSON, CASE])
		cls.person, cls.case = cls.records[PERSON], cls.records[CASE]
		cls.secrets = (world.PERSON_IIN, world.PARTY_NAME, NARRATIVE, "1985-03-14")

	def tearDown(self):
		frappe.set_user("Administrator")
		matrix.clear_request()

	def leaks(self, value) -> list[str]:
		text = json.dumps(value, default=str)
		return [s for s in self.secrets if s in text]

	def readings(self) -> dict[str, object]:
		"""Everything a user can pull about the person and the case, path by path."""
		from frappe.api.v1 import read_doc
		from frappe.desk.reportview import export_query, get
		from frappe.www.printview import get_html_and_style

		out = {}
		out["form person"] = read_doc(PERSON, self.person).as_dict()
		out["form case"] = read_doc(CASE, self.case).as_dict()
		out["list iin, birth date"] = frappe.get_list(
			PERSON, filters={"name": self.person}, fields=["iin", "birth_date", "name"]
		)
		out["list *"] = frappe.get_list(PERSON, filters={"name": self.person}, fields=["*"])
		out["list as rows"] = frappe.get_list(
			PERSON, filters={"name": self.person}, fields=["name", "iin", "birth_date"], as_list=1
		)
		out["list narrative"] = frappe.get_list(
			CASE, filters={"name": self.case}, fields=["narrative", "agreement_terms", "name"]
		)
		out["list parties"] = frappe.get_list(
			CASE, filters={"name": self.case}, fields=["name", f"`tab{PARTY}`.`party_name`"]
		)
		out["child list"] = frappe.get_list(
			PARTY, parent_doctype=CASE, filters={"parent": self.case}, fields=["party_name", "phone"]
		)
		matrix.reset_request(
			{
				"doctype": PERSON,
				"fields": json.dumps(
					["`tabKLS Person`.`name`", "`tabKLS Person`.`iin`", "`tabKLS Person`.`birth_date`"]
				),
				"filters": json.dumps([[PERSON, "name", "=", self.person]]),
			}
		)
		out["report view"] = get()
		matrix.reset_request(
			{
				"doctype": PERSON,
				"fields": json.dumps(["`tabKLS Person`.`name`", "`tabKLS Person`.`iin`"]),
				"filters": json.dumps([[PERSON, "name", "=", self.person]]),
				"file_format_type": "CSV",
				"title": "sec",
			}
		)
		try:
			export_query()
			out["export"] = frappe.safe_decode(frappe.response.get("filecontent") or b"")
		except frappe.PermissionError:
			out["export"] = "refused"
		from frappe.client import get_value
		from frappe.desk.form.load import getdoc
		from frappe.handler import execute_cmd

		out["client get_value"] = get_value(PERSON, ["iin", "birth_date", "name"], {"name": self.person})
		matrix.reset_request()
		getdoc(CASE, self.case)
		getdoc(PERSON, self.person)
		out["form load"] = [d.as_dict() for d in frappe.response.docs]
		try:
			matrix.reset_request({"doctype": PERSON, "filters": json.dumps({"iin": world.PERSON_IIN})})
			out["count by IIN"] = execute_cmd("frappe.client.get_count")  # as the desk and REST call it
		except frappe.PermissionError:
			out["count by IIN"] = "refused"
		for doctype, name in ((PERSON, self.person), (CASE, self.case)):
			out[f"print {doctype}"] = get_html_and_style(doctype, name)["html"]
		for fmt in frappe.get_all("Print Format", filters={"doc_type": CASE, "disabled": 0}, pluck="name"):
			out[f"print {fmt}"] = get_html_and_style(CASE, self.case, print_format=fmt)["html"]
		return out

	def person_readings(self) -> dict[str, object]:
		from frappe.api.v1 import read_doc

		return {
			"form person": read_doc(PERSON, self.person).as_dict(),
			"list person": frappe.get_list(
				PERSON, filters={"name": self.person}, fields=["iin", "birth_date"]
			),
		}

	def test_the_observer_counts_but_reads_no_personal_data(self):
		frappe.set_user(self.u.observer)
		readings = self.readings()
		leaked = {path: found for path, value in readings.items() if (found := self.leaks(value))}
		self.assertFalse(leaked, f"the observer reads personal data: {leaked}")
		self.assertIn(self.case, frappe.get_list(CASE, pluck="name", limit=0), "he still counts the cases")
		for probe in (
			{"iin": world.PERSON_IIN},
			{"birth_date": world.PERSON_BIRTH},
			{"iin": ["like", "85%"]},
		):
			self.assertRaises(frappe.PermissionError, frappe.get_list, PERSON, filters=probe)
		self.assertRaises(frappe.PermissionError, frappe.get_list, PERSON, order_by="birth_date desc")
		self.assertEqual(
			readings["count by IIN"], "refused", "a count by IIN answers whether the IIN is known"
		)
		self.assertRaises(
			frappe.PermissionError, frappe.get_list, CASE, filters=[[PARTY, "party_name", "like", "Zhanar%"]]
		)
		for user in (self.u.secretary_other, self.u.mediator_other):
			frappe.set_user(user)
			leaked = {
				path: found for path, value in self.person_readings().items() if (found := self.leaks(value))
			}
			self.assertFalse(leaked, f"{user} reads personal data: {leaked}")

	def test_the_region_reads_what_it_needs(self):
		frappe.set_user(self.u.kgu_same)
		readings = self.readings()
		self.assertIn(world.PERSON_IIN, json.dumps(readings["form person"], default=str))
		self.assertIn(world.PARTY_NAME, json.dumps(readings["form case"], default=str))
		self.assertEqual(readings["list iin, birth date"][0]["iin"], world.PERSON_IIN)
		self.assertEqual(
			frappe.get_list(PERSON, filters={"iin": world.PERSON_IIN}, pluck="name"), [self.person]
		)
		self.assertTrue(region_scoped_doctypes())

	def test_every_read_of_a_case_is_audited_whatever_the_path(self):
		"""Not only the form: REST and print leave a View Log too (once per request and reader); the case's
		own mediator reads without one."""
		from frappe.api.v1 import read_doc
		from frappe.www.printview import get_html_and_style

		def views(user):
			return frappe.db.count("View Log", {"reference_name": self.case, "viewed_by": user})

		paths = {
			"REST": lambda: read_doc(CASE, self.case),
			"print": lambda: get_html_and_style(CASE, self.case),
		}
		for path, read in paths.items():
			for user, logged in (
				(self.u.observer, True),
				(self.u.kgu_same, True),
				(self.u.mediator_own, False),
			):
				before = views(user)
				frappe.flags.kls_case_reads = set()  # a new request
				frappe.set_user(user)
				read()
				frappe.set_user("Administrator")
				self.assertEqual(views(user), before + int(logged), f"{path} read by {user}")
