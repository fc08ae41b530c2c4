# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from __future__ import annotations

from collections import Counter, defaultdict

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry.report.active_structures.test_active_structures import (
	REGION_A,
	REGION_B,
	REGION_C,
	TEST_KINDS,
	build_fixture,
)
from kelisim_app.kelisim_registry.report.structure_census.structure_census import execute
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REPORT = "Structure Census"
KEYS = ("structures", "suspended", "dissolved", "members")


def expected_census(created: list[dict], region="*", include_dissolved=False, level=None) -> dict:
	out: dict[tuple, Counter] = defaultdict(Counter)
	for s in created:
		if s["status"] == "Dissolved" and not include_dissolved:
			continue
		if (region != "*" and s["region"] != region) or (level and s["level"] != level):
			continue
		row = out[(s["region"], s["kind"], s["level"])]
		row["structures"] += 1
		row["suspended"] += s["status"] == "Suspended"
		row["dissolved"] += s["status"] == "Dissolved"
		row["members"] += s["members"]
	keys = KEYS if include_dissolved else tuple(k for k in KEYS if k != "dissolved")
	return {key: {k: c[k] for k in keys} for key, c in out.items()}


def census_rows(rows: list, include_dissolved=False, kinds=TEST_KINDS) -> dict:
	keys = KEYS if include_dissolved else tuple(k for k in KEYS if k != "dissolved")
	return {
		(r["region"], r["structure_kind"], r["level"]): {k: r[k] for k in keys}
		for r in rows
		if isinstance(r, dict) and (kinds is None or r["structure_kind"] in kinds)
	}


def live_census(region="*") -> dict:
	"""The census computed record by record over everything on the site (dissolved left out)."""
	out: dict[tuple, Counter] = defaultdict(Counter)
	for s in frappe.get_all(
		"KLS Public Structure",
		filters={"status": ["!=", "Dissolved"]},
		fields=["region", "structure_kind", "level", "status", "member_count"],
		limit=0,
	):
		if region != "*" and s.region != region:
			continue
		row = out[(s.region, s.structure_kind, s.level)]
		row["structures"] += 1
		row["suspended"] += s.status == "Suspended"
		row["members"] += s.member_count or 0
	return {key: {k: c[k] for k in ("structures", "suspended", "members")} for key, c in out.items()}


class TestStructureCensus(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.kgu_a = make_user("census-kgu-a", [core.ROLE_KGU_HEAD], kgu_office(REGION_A))
		cls.rgu = make_user("census-rgu", [core.ROLE_RGU_HEAD], rgu_office())
		cls.observer = make_user("census-observer", [core.ROLE_MINISTRY_OBSERVER])
		cls.secretary = make_user("census-secretary", [core.ROLE_STRUCTURE_SECRETARY])
		cls.created = build_fixture(cls.secretary)

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_report(self, user: str, filters: dict | None = None) -> list[dict]:
		frappe.set_user(user)
		columns, data = execute(filters or {})
		desk = run(REPORT, filters=filters or {}, user=user)
		self.assertEqual(desk["result"][: len(data)], data)
		self.assertEqual([c["fieldname"] for c in desk["columns"]], [c["fieldname"] for c in columns])
		if data:
			total = desk["result"][-1]
			for i, col in enumerate(columns):
				if col["fieldtype"] == "Int":
					self.assertEqual(total[i] or 0, sum(r[col["fieldname"]] for r in data), col["fieldname"])
		return data

	def test_kgu_user_counts_his_region_by_kind_and_level(self):
		data = self.run_report(self.kgu_a)
		self.assertEqual({r["region"] for r in data}, {REGION_A})
		self.assertEqual(census_rows(data), expected_census(self.created, REGION_A))
		self.assertEqual(census_rows(data, kinds=None), live_census(REGION_A))
		self.assertEqual(self.run_report(self.kgu_a, {"region": REGION_B}), [])

	def test_include_dissolved_and_level_filter(self):
		data = self.run_report(self.kgu_a, {"include_dissolved": 1})
		self.assertEqual(
			census_rows(data, include_dissolved=True), expected_census(self.created, REGION_A, True)
		)
		district = census_rows(data, include_dissolved=True)[(REGION_A, TEST_KINDS[0], "District")]
		self.assertEqual(district, {"structures": 4, "suspended": 1, "dissolved": 1, "members": 5})
		data = self.run_report(self.kgu_a, {"level": "District"})
		self.assertEqual({r["level"] for r in data}, {"District"})
		self.assertEqual(census_rows(data), expected_census(self.created, REGION_A, level="District"))

	def test_rgu_and_observer_count_every_region(self):
		for user in (self.rgu, self.observer):
			data = self.run_report(user)
			self.assertEqual(census_rows(data), expected_census(self.created), user)
			self.assertEqual(census_rows(data, kinds=None), live_census(), user)
			self.assertTrue({REGION_A, REGION_B, REGION_C, None} <= {r["region"] for r in data})
		data = self.run_report(self.rgu, {"include_dissolved": 1, "region": REGION_B})
		self.assertEqual(
			census_rows(data, include_dissolved=True), expected_census(self.created, REGION_B, True)
		)

	def test_levels_follow_their_order_within_a_kind(self):
		data = self.run_report(self.rgu, {"structure_kind": TEST_KINDS[0], "region": REGION_A})
		self.assertEqual([r["level"] for r in data], ["City", "District"])

	def test_secretary_counts_his_structures_only(self):
		frappe.set_user(self.secretary)
		_columns, data = execute({})
		mine = [s for s in self.created if s["secretary"] == self.secretary]
		self.assertEqual(
			{(r["region"], r["structure_kind"], r["level"]): r["structures"] for r in data},
			{(s["region"], s["kind"], s["level"]): 1 for s in mine},
		)
