# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_mediation.testing import case_values
from kelisim_app.kelisim_registry.tests.factories import make_person, make_structure
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REPORT = "Ethnic Group Reach"
REGION_A, REGION_B = "KZ-71", "KZ-75"
# groups no other test or the demo gives records to in these regions: counts are exact
G1, G2 = "Dungans", "Ingush"


def rows_by_group(result) -> dict:
	return {r["ethnic_group"]: r for r in result["result"] if isinstance(r, dict) and r.get("ethnic_group")}


class TestEthnicGroupReach(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.kgu_a = make_user(
			"egr-kgu-a", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A)
		)
		cls.rgu = make_user("egr-rgu", [core.ROLE_RGU_COORDINATOR], rgu_office())
		cls.observer = make_user("egr-observer", [core.ROLE_MINISTRY_OBSERVER])
		cls.before = {u: cls.counts_as(u) for u in (cls.kgu_a, cls.rgu, cls.observer)}
		for region in (REGION_A, REGION_B):
			make_person("Egr", f"One {region}", region=region, ethnic_group=G1)
			make_structure(
				f"Egr Dungan ECO {region}",
				region,
				"Ethnocultural Association",
				ethnic_group=G1,
				is_accredited=1,
				accreditation_level="Regional",
				accreditation_number=f"ACC-{region}",
				accreditation_date="2024-01-10",
			)
			make_structure(f"Egr Ingush ECO {region}", region, "Ethnocultural Association", ethnic_group=G2)
			frappe.get_doc(
				case_values(
					region=region,
					parties=[
						{"party_name": "Egr Applicant", "role": "Applicant", "ethnic_group": G1},
						{"party_name": "Egr Other", "role": "Other party", "ethnic_group": G2},
						{"party_name": "Egr Lawyer", "role": "Representative", "ethnic_group": "Kazakhs"},
					],
				)
			).insert(ignore_permissions=True)
		# same group on both sides: not interethnic
		frappe.get_doc(
			case_values(
				region=REGION_A,
				parties=[
					{"party_name": "Egr Same 1", "role": "Applicant", "ethnic_group": G1},
					{"party_name": "Egr Same 2", "role": "Other party", "ethnic_group": G1},
				],
			)
		).insert(ignore_permissions=True)

	@classmethod
	def counts_as(cls, user: str) -> dict:
		frappe.set_user(user)
		try:
			return rows_by_group(run(REPORT, filters={}))
		finally:
			frappe.set_user("Administrator")

	def delta(self, user: str, group: str, key: str) -> int:
		return self.counts_as(user)[group][key] - (self.before[user].get(group) or {}).get(key, 0)

	def test_a_case_with_parties_of_two_groups_is_interethnic(self):
		cases = frappe.get_all(
			"KLS Mediation Case",
			filters={"narrative": case_values()["narrative"], "region": REGION_A},
			fields=["name", "is_interethnic"],
		)
		flags = {
			frappe.db.get_value(
				"KLS Case Party", {"parent": c.name, "idx": 1}, "party_name"
			): c.is_interethnic
			for c in cases
		}
		self.assertEqual(flags["Egr Applicant"], 1)
		self.assertEqual(flags["Egr Same 1"], 0)

	def test_the_rgu_counts_every_region(self):
		self.assertEqual(self.delta(self.rgu, G1, "persons"), 2)
		self.assertEqual(self.delta(self.rgu, G1, "associations"), 2)
		self.assertEqual(self.delta(self.rgu, G1, "accredited"), 2)
		self.assertEqual(self.delta(self.rgu, G2, "accredited"), 0)
		self.assertEqual(self.delta(self.rgu, G1, "case_parties"), 4)
		self.assertEqual(self.delta(self.rgu, G1, "interethnic_cases"), 2)
		self.assertEqual(self.delta(self.rgu, G2, "interethnic_cases"), 2)
		# a representative's group does not make a case interethnic for it
		self.assertEqual(self.delta(self.rgu, "Kazakhs", "interethnic_cases"), 2)

	def test_a_kgu_user_counts_his_region_only(self):
		self.assertEqual(self.delta(self.kgu_a, G1, "persons"), 1)
		self.assertEqual(self.delta(self.kgu_a, G1, "associations"), 1)
		self.assertEqual(self.delta(self.kgu_a, G1, "interethnic_cases"), 1)
		frappe.set_user(self.kgu_a)
		try:
			other = rows_by_group(run(REPORT, filters={"region": REGION_B}))
		finally:
			frappe.set_user("Administrator")
		counts = [v for r in other.values() for k, v in r.items() if k not in ("ethnic_group", "group_name")]
		self.assertTrue(counts)
		self.assertFalse(any(counts), "another region's filter yields nothing")

	def test_the_observer_reads_counts_and_groups_are_named_in_his_language(self):
		self.assertEqual(self.delta(self.observer, G2, "associations"), 2)
		frappe.set_user(self.observer)
		frappe.local.lang = "ru"
		try:
			rows = rows_by_group(run(REPORT, filters={}))
		finally:
			frappe.local.lang = "en"
			frappe.set_user("Administrator")
		self.assertEqual(rows[G1]["group_name"], "Дунгане")

	def test_a_structure_secretary_may_not_run_it(self):
		secretary = make_user("egr-secretary", [core.ROLE_STRUCTURE_SECRETARY])
		frappe.set_user(secretary)
		try:
			with self.assertRaises(frappe.PermissionError):
				run(REPORT, filters={})
		finally:
			frappe.set_user("Administrator")
