# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""The national-scale demo at a small scale: the Active Structures and Structure Census reports show the
concept's figures multiplied by the scale, region by region in proportion to population; a second run
creates nothing (resumable); the generated records passed the app's validations."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.demo import figures, generate, users
from kelisim_app.kelisim_registry.report.active_structures import active_structures
from kelisim_app.kelisim_registry.report.structure_census import structure_census

SCALE = 0.03
LOADER = f"demo.test-loader@{users.DEMO_DOMAIN}"  # its own owner: independent of a site's demo data
STAGES = ("structures", "members", "mediators", "events", "activity")


def by_region_and_kind(rows: list[dict], value: str) -> dict[tuple[str, str], int]:
	out: dict[tuple[str, str], int] = {}
	for row in rows:
		key = (row["region"], row["structure_kind"])
		out[key] = out.get(key, 0) + row[value]
	return out


def delta(after: dict, before: dict) -> dict:
	return {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0)}


class TestDemo(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.before = cls.report_values()
		cls.gen = generate(SCALE, seed=7, verbose=False, stages=STAGES, loader=LOADER)
		cls.after = cls.report_values()

	@classmethod
	def report_values(cls) -> dict[str, dict]:
		active = active_structures.get_data(frappe._dict(), "Administrator")
		census = structure_census.get_data(frappe._dict(), "Administrator")
		return {
			"registered": by_region_and_kind(active, "registered"),
			"members": by_region_and_kind(active, "members"),
			"active": by_region_and_kind(active, "active"),
			"census": by_region_and_kind(census, "structures"),
		}

	def expected(self, counts: dict[str, dict[str, int]]) -> dict[tuple[str, str], int]:
		return {(region, kind): n for kind, regions in counts.items() for region, n in regions.items() if n}

	def test_active_structures_show_the_scaled_concept_per_region_and_kind(self):
		registered = delta(self.after["registered"], self.before["registered"])
		self.assertEqual(registered, self.expected(figures.structure_counts(SCALE)))
		members = delta(self.after["members"], self.before["members"])
		self.assertEqual(members, self.expected(figures.member_counts(SCALE)))
		total = sum(registered.values())
		print(
			f"kelisim-metric: demo scale {SCALE}: {total} structures, {sum(members.values())} members "
			f"in the Active Structures report, as the concept × {SCALE}"
		)

	def test_census_agrees(self):
		self.assertEqual(
			delta(self.after["census"], self.before["census"]),
			self.expected(figures.structure_counts(SCALE)),
		)

	def test_regions_in_proportion_to_population(self):
		registered = delta(self.after["registered"], self.before["registered"])
		cpc = {r: n for (r, k), n in registered.items() if k == "Council of Public Consent"}
		weights = figures.population_weights()
		total = sum(cpc.values())
		for region, weight in weights.items():
			quota = total * weight / sum(weights.values())
			self.assertLess(abs(cpc.get(region, 0) - quota), 1, region)

	def test_verified_events_make_their_organisers_active(self):
		active = sum(delta(self.after["active"], self.before["active"]).values())
		self.assertGreater(active, 0)
		organisers = frappe.get_all(
			"KLS Event",
			filters={"owner": LOADER, "workflow_state": "Verified"},
			pluck="organiser",
			distinct=True,
		)
		statuses = set(
			frappe.get_all(
				"KLS Public Structure",
				filters={"name": ["in", organisers], "last_activity_on": ["is", "set"]},
				pluck="activity_status",
			)
		)
		self.assertIn("Active", statuses)

	def test_generated_records_are_valid_and_named_by_their_series(self):
		events = frappe.get_all(
			"KLS Event", filters={"owner": LOADER}, fields=["name", "region", "organiser"], limit=50
		)
		self.assertTrue(events)
		for e in events:
			self.assertTrue(e.name.startswith("EV-"))
			# the fetched region agrees with the organiser's (the link validation ran)
			self.assertEqual(e.region, frappe.db.get_value("KLS Public Structure", e.organiser, "region"))
		memberships = frappe.get_all(
			"KLS Membership",
			filters={"owner": LOADER},
			fields=["person", "person_name", "structure_kind"],
			limit=50,
		)
		self.assertTrue(all(m.structure_kind for m in memberships))
		# a member's name is copied only when he consents (the seventh does not: #18)
		for m in memberships:
			consents = frappe.db.get_value("KLS Person", m.person, "consent_given")
			self.assertEqual(bool(m.person_name), bool(consents), m)

	def test_second_run_creates_nothing(self):
		again = generate(SCALE, seed=7, verbose=False, stages=STAGES, loader=LOADER)
		self.assertEqual(sum(again.created.values()) - again.created.get("activity", 0), 0)


class TestDemoSetupWizard(FrappeTestCase):
	def test_the_demo_finishes_the_setup_wizard_once(self):
		from kelisim_app.demo import finish_setup_wizard

		frappe.db.set_single_value("System Settings", {"setup_complete": 0, "time_zone": None})
		self.assertTrue(finish_setup_wizard())
		self.assertEqual(frappe.db.get_single_value("System Settings", "setup_complete"), 1)
		self.assertEqual(frappe.db.get_single_value("System Settings", "time_zone"), "Asia/Almaty")
		self.assertEqual(frappe.db.get_default("desktop:home_page"), "workspace")
		self.assertFalse(finish_setup_wizard())
