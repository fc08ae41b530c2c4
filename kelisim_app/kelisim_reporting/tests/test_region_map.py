# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""The figures of the map of the regions (#23, region_map.get_region_figures): every region on its tile with
its name in the user's language, each measure counted as the lists count it, in the user's scope, read-only."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_reporting import map_rules
from kelisim_app.kelisim_reporting.region_map import get_region_figures
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REGION = "KZ-62"  # Ulytau: few records of other tests


def by_code(figures: dict) -> dict:
	return {r["code"]: r for r in figures["regions"]}


class TestRegionMap(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.rgu = make_user("map-rgu", [core.ROLE_RGU_COORDINATOR], rgu_office(), language="kk")
		cls.kgu = make_user("map-kgu", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		cls.secretary = make_user("map-secretary", [core.ROLE_STRUCTURE_SECRETARY])
		cls.observer = make_user("map-observer", [core.ROLE_MINISTRY_OBSERVER], language="ru")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def figures(self, user: str, measure: str, lang: str = "en") -> dict:
		frappe.set_user(user)
		frappe.local.lang = lang
		return get_region_figures(measure)

	def test_every_region_on_its_tile_named_in_the_users_language(self):
		for measure in map_rules.MEASURE_BY_KEY:
			figures = self.figures(self.rgu, measure, "kk")
			regions = by_code(figures)
			self.assertEqual(set(regions), set(map_rules.TILES), measure)
			self.assertEqual(
				regions["KZ-61"]["name"], frappe.db.get_value("KLS Region", "KZ-61", "region_name_kk")
			)
			self.assertEqual((regions["KZ-10"]["column"], regions["KZ-10"]["row"]), map_rules.TILES["KZ-10"])
			self.assertTrue(figures["legend"], measure)
			for region in regions.values():
				self.assertEqual(region["route"]["region"], region["code"])
				self.assertTrue(region["colour"].startswith("#"))
		ru = by_code(self.figures(self.observer, "active_share", "ru"))
		self.assertEqual(ru["KZ-33"]["name"], frappe.db.get_value("KLS Region", "KZ-33", "region_name_ru"))

	def test_active_share_counts_the_registry(self):
		from kelisim_app.kelisim_registry.tests.factories import make_structure

		for i, active in enumerate((True, True, False)):
			name = make_structure(f"Map structure {i} {frappe.generate_hash(length=5)}", REGION)
			frappe.db.set_value(
				"KLS Public Structure", name, "activity_status", "Active" if active else "Inactive"
			)
		total = frappe.db.count("KLS Public Structure", {"region": REGION, "status": ["!=", "Dissolved"]})
		active = frappe.db.count(
			"KLS Public Structure",
			{"region": REGION, "status": ["!=", "Dissolved"], "activity_status": "Active"},
		)
		region = by_code(self.figures(self.rgu, "active_share"))[REGION]
		self.assertEqual(region["value"], round(100.0 * active / total, 1))
		self.assertIn(str(total), region["detail"])

	def test_open_high_risk_cases_and_overdue_instructions(self):
		from kelisim_app.kelisim_mediation.testing import case_values

		before = by_code(self.figures(self.rgu, "open_high_risk"))[REGION]["value"]
		frappe.set_user("Administrator")
		for risk in ("High", "High", "Low"):
			values = case_values(region=REGION, risk=risk)
			if risk == "High":
				values["risk_justification"] = (
					"Parties of different ethnic groups; the quarrel is on social media"
				)
			frappe.get_doc(values).insert(ignore_permissions=True)
		after = by_code(self.figures(self.rgu, "open_high_risk"))
		self.assertEqual(after[REGION]["value"], before + 2)
		self.assertEqual(after[REGION]["route"]["risk"], "High")
		overdue = by_code(self.figures(self.rgu, "overdue_instructions"))
		self.assertEqual(
			overdue[REGION]["value"],
			frappe.db.count("KLS Instruction Execution", {"region": REGION, "is_overdue": 1, "docstatus": 0}),
		)

	def test_events_per_10000_people(self):
		from kelisim_app.kelisim_reporting.region_map import EVENT_HELD_STATES

		since = add_days(today(), -365)
		figures = by_code(self.figures(self.rgu, "events_per_10k"))
		for code in ("KZ-71", REGION):
			n = frappe.db.count(
				"KLS Event",
				{"region": code, "workflow_state": ["in", EVENT_HELD_STATES], "event_date": [">=", since]},
			)
			population = frappe.db.get_value("KLS Region", code, "population")
			self.assertAlmostEqual(
				figures[code]["value"] or 0, map_rules.per_10k(n, population) or 0, places=1
			)

	def test_report_state_of_the_current_period(self):
		from kelisim_app.kelisim_reporting.region_map import current_period

		period = current_period()
		figures = self.figures(self.rgu, "report_state", "kk")
		if not period:
			self.assertIsNone(figures["period"])
			return
		self.assertEqual(figures["period"], period.title)
		states = dict(
			frappe.get_all(
				"KLS Regional Report",
				filters={"period": period.name, "docstatus": ["<", 2]},
				fields=["region", "workflow_state"],
				as_list=True,
			)
		)
		for code, region in by_code(figures).items():
			self.assertEqual(region["value"], states.get(code, ""))
			self.assertEqual(region["route"]["period"], period.name)

	def test_scope_and_permissions(self):
		# a KGU user: his region only (the map is for the RGU and the ministry; the method stays scoped)
		self.assertEqual(set(by_code(self.figures(self.kgu, "active_share"))), {"KZ-71"})
		# a user who may not read mediation cases gets no figures of them (a secretary may now: the cases his
		# council co-handles, #20)
		nobody = make_user("map-nobody", [])
		with self.assertRaises(frappe.PermissionError):
			self.figures(nobody, "open_high_risk")
		with self.assertRaises(frappe.ValidationError):
			self.figures(self.rgu, "no_such_measure")

	def test_the_page_is_for_the_rgu_and_the_ministry(self):
		roles = {r.role for r in frappe.get_doc("Page", "kelisim-map").roles}
		self.assertIn(core.ROLE_RGU_HEAD, roles)
		self.assertIn(core.ROLE_MINISTRY_OBSERVER, roles)
		self.assertNotIn(core.ROLE_STRUCTURE_SECRETARY, roles)
		for workspace in ("Kelisim RGU", "Kelisim Ministry"):
			doc = frappe.get_doc("Workspace", workspace)
			self.assertIn("Map of the Regions", {b.custom_block_name for b in doc.custom_blocks})
			self.assertIn("kelisim-map", {s.link_to for s in doc.shortcuts})
		self.assertTrue(frappe.db.exists("Custom HTML Block", "Map of the Regions"))
