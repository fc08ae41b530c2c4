# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from __future__ import annotations

from collections import Counter, defaultdict

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry.report.active_structures.active_structures import execute
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REPORT = "Active Structures"
REGION_A, REGION_B, REGION_C = "KZ-11", "KZ-35", "KZ-55"
KIND_1, KIND_2 = "Report Test Council", "Report Test Club"
TEST_KINDS = (KIND_1, KIND_2)

# region, kind, level, status, active?, members (open), secretary?
FIXTURE = (
	(REGION_A, KIND_1, "District", "Active", True, 2, False),
	(REGION_A, KIND_1, "District", "Active", False, 1, False),
	(REGION_A, KIND_1, "City", "Suspended", True, 0, False),
	(REGION_A, KIND_1, "District", "Suspended", False, 1, False),
	(REGION_A, KIND_1, "District", "Dissolved", True, 1, False),
	(REGION_A, KIND_2, "Oblast", "Active", True, 3, False),
	(REGION_B, KIND_1, "District", "Active", True, 2, True),
	(REGION_B, KIND_2, "District", "Active", False, 0, False),
	(REGION_B, KIND_2, "Rural", "Dissolved", False, 0, False),
	(REGION_C, KIND_1, "Rural", "Active", True, 1, False),
	(None, KIND_2, "Republican", "Active", True, 2, False),
)


def make_kinds() -> None:
	for i, kind in enumerate(TEST_KINDS):
		if not frappe.db.exists("KLS Structure Kind", kind):
			frappe.get_doc(
				{
					"doctype": "KLS Structure Kind",
					"kind_name": kind,
					"kind_name_kk": f"Есеп сынақ түрі {i}",
					"kind_name_ru": f"Тестовый вид отчёта {i}",
				}
			).insert(ignore_permissions=True)


def make_person(n: int) -> str:
	return (
		frappe.get_doc({"doctype": "KLS Person", "first_name": f"Reportmember{n}", "last_name": "Testov"})
		.insert(ignore_permissions=True)
		.name
	)


def build_fixture(secretary: str | None = None) -> list[dict]:
	"""Create the FIXTURE's structures, people and memberships; return what was created, as data."""
	make_kinds()
	created = []
	people = 0
	for i, (region, kind, level, status, active, members, is_secretary) in enumerate(FIXTURE):
		founded = add_days(today(), -30) if active else add_months(today(), -36)
		doc = frappe.get_doc(
			{
				"doctype": "KLS Public Structure",
				"structure_name": f"Report Test Structure {i}",
				"structure_kind": kind,
				"level": level,
				"region": region,
				"founded_on": founded,
				"secretary_user": secretary if is_secretary else None,
			}
		).insert(ignore_permissions=True)
		for _n in range(members):
			people += 1
			frappe.get_doc(
				{
					"doctype": "KLS Membership",
					"person": make_person(people),
					"structure": doc.name,
					"role": "Member",
					"from_date": add_days(today(), -10),
				}
			).insert(ignore_permissions=True)
		# a membership that has ended does not count
		people += 1
		frappe.get_doc(
			{
				"doctype": "KLS Membership",
				"person": make_person(people),
				"structure": doc.name,
				"role": "Member",
				"from_date": add_days(today(), -400),
				"to_date": add_days(today(), -100),
			}
		).insert(ignore_permissions=True)
		if status != "Active":
			doc.reload()
			doc.update({"status": status, "status_date": today(), "status_reason": "Report test"})
			doc.save(ignore_permissions=True)
		created.append(
			{
				"name": doc.name,
				"region": region,
				"kind": kind,
				"level": level,
				"status": status,
				"active": active,
				"members": members,
				"secretary": secretary if is_secretary else None,
			}
		)
	return created


def expected_active(created: list[dict], region: str | None = "*") -> dict[tuple, dict]:
	"""Per (region, kind): registered, active, inactive, members, computed from the created records."""
	out: dict[tuple, Counter] = defaultdict(Counter)
	for s in created:
		if s["status"] == "Dissolved" or (region != "*" and s["region"] != region):
			continue
		row = out[(s["region"], s["kind"])]
		row["registered"] += 1
		row["active" if s["active"] else "inactive"] += 1
		row["members"] += s["members"]
	return {key: {k: c[k] for k in ("registered", "active", "inactive", "members")} for key, c in out.items()}


def report_rows(rows: list, kinds: tuple | None = TEST_KINDS) -> dict[tuple, dict]:
	"""Report rows (total row left out) keyed by (region, kind); kinds None = every kind."""
	return {
		(r["region"], r["structure_kind"]): {k: r[k] for k in ("registered", "active", "inactive", "members")}
		for r in rows
		if isinstance(r, dict) and (kinds is None or r.get("structure_kind") in kinds)
	}


def live_counts(region: str | None = "*") -> dict[tuple, dict]:
	"""The same table computed the slow way, record by record, over everything on the site."""
	records = frappe.get_all(
		"KLS Public Structure",
		filters={"status": ["!=", "Dissolved"]},
		fields=["region", "structure_kind", "activity_status", "member_count"],
		limit=0,
	)
	out: dict[tuple, Counter] = defaultdict(Counter)
	for s in records:
		if region != "*" and s.region != region:
			continue
		row = out[(s.region, s.structure_kind)]
		row["registered"] += 1
		row["active" if s.activity_status == "Active" else "inactive"] += 1
		row["members"] += s.member_count or 0
	return {key: {k: c[k] for k in ("registered", "active", "inactive", "members")} for key, c in out.items()}


class TestActiveStructures(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.kgu_a = make_user("report-kgu-a", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A))
		cls.rgu = make_user("report-rgu", [core.ROLE_RGU_COORDINATOR], rgu_office())
		cls.observer = make_user("report-observer", [core.ROLE_MINISTRY_OBSERVER])
		cls.secretary = make_user("report-secretary", [core.ROLE_STRUCTURE_SECRETARY])
		cls.created = build_fixture(cls.secretary)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def run_report(self, user: str, filters: dict | None = None) -> tuple[list, dict]:
		"""execute() and the desk's query_report.run() as `user`: the same rows; run() adds the total."""
		frappe.set_user(user)
		columns, data, message, chart, summary = execute(filters or {})
		desk = run(REPORT, filters=filters or {}, user=user)
		self.assertEqual(desk["result"][: len(data)], data)
		if data:
			total = desk["result"][-1]
			self.assertEqual(len(desk["result"]), len(data) + 1)
			for i, col in enumerate(columns):
				if col["fieldtype"] == "Int":
					# Frappe leaves a column that adds up to 0 blank
					self.assertEqual(total[i] or 0, sum(r[col["fieldname"]] for r in data), col["fieldname"])
		self.assertEqual(desk["report_summary"], summary)
		self.assertIn(str(frappe.db.get_single_value("KLS Registry Settings", "inactivity_months")), message)
		return data, {"chart": chart, "summary": summary}

	def test_the_fixture_counts_what_it_says(self):
		self.assertEqual(
			{(s["region"], s["kind"]): s for s in self.created}.keys(),
			{(f[0], f[1]) for f in FIXTURE},
		)
		for s in self.created:
			status = frappe.db.get_value(
				"KLS Public Structure", s["name"], ["activity_status", "member_count"], as_dict=True
			)
			self.assertEqual(status.activity_status, "Active" if s["active"] else "Inactive")
			self.assertEqual(status.member_count, s["members"])

	def test_kgu_user_sees_his_region_only(self):
		data, extra = self.run_report(self.kgu_a)
		self.assertTrue(data)
		self.assertEqual({r["region"] for r in data}, {REGION_A})
		self.assertEqual(report_rows(data), expected_active(self.created, REGION_A))
		self.assertEqual(
			report_rows(data),
			{
				(REGION_A, KIND_1): {"registered": 4, "active": 2, "inactive": 2, "members": 4},
				(REGION_A, KIND_2): {"registered": 1, "active": 1, "inactive": 0, "members": 3},
			},
		)
		self.assertEqual(report_rows(data, kinds=None), live_counts(REGION_A))
		summary = {s["label"]: s["value"] for s in extra["summary"]}
		self.assertEqual(summary["Registered"], sum(r["registered"] for r in data))
		self.assertEqual(summary["Inactive"], sum(r["inactive"] for r in data))
		chart = extra["chart"]["data"]
		self.assertEqual(len(chart["labels"]), 1)
		self.assertEqual(chart["datasets"][0]["values"], [sum(r["active"] for r in data)])

	def test_kgu_user_asking_for_another_region_gets_nothing(self):
		data, _extra = self.run_report(self.kgu_a, {"region": REGION_B})
		self.assertEqual(data, [])
		data, _extra = self.run_report(self.kgu_a, {"region": REGION_A, "structure_kind": KIND_2})
		self.assertEqual(
			report_rows(data), {(REGION_A, KIND_2): expected_active(self.created)[(REGION_A, KIND_2)]}
		)

	def test_rgu_and_observer_see_every_region(self):
		expected = expected_active(self.created)
		for user in (self.rgu, self.observer):
			data, extra = self.run_report(user)
			self.assertEqual(report_rows(data), expected, user)
			self.assertEqual(report_rows(data, kinds=None), live_counts(), user)
			self.assertTrue({REGION_A, REGION_B, REGION_C, None} <= {r["region"] for r in data})
			republican = next(r for r in data if r["region"] is None and r["structure_kind"] == KIND_2)
			self.assertEqual(republican["region_name"], "Republican level (no region)")
			chart = extra["chart"]["data"]
			self.assertEqual(sum(chart["datasets"][1]["values"]), sum(r["inactive"] for r in data))

	def test_region_filter_for_rgu(self):
		data, _extra = self.run_report(self.rgu, {"region": REGION_B})
		self.assertEqual({r["region"] for r in data}, {REGION_B})
		self.assertEqual(report_rows(data), expected_active(self.created, REGION_B))

	def test_secretary_counts_his_structures_only(self):
		frappe.set_user(self.secretary)
		_columns, data, *_rest = execute({})
		mine = [s for s in self.created if s["secretary"] == self.secretary]
		self.assertEqual(
			{(r["region"], r["structure_kind"]): r["registered"] for r in data},
			{(s["region"], s["kind"]): 1 for s in mine},
		)

	def test_names_follow_the_user_language(self):
		frappe.set_user(self.kgu_a)
		for lang in ("kk", "ru"):
			frappe.local.lang = lang
			_columns, data, *_rest = execute({"structure_kind": KIND_1})
			row = data[0]
			self.assertEqual(
				row["region_name"], frappe.db.get_value("KLS Region", REGION_A, f"region_name_{lang}")
			)
			self.assertEqual(
				row["kind_name"], frappe.db.get_value("KLS Structure Kind", KIND_1, f"kind_name_{lang}")
			)
		frappe.local.lang = "en"
		_columns, data, *_rest = execute({"structure_kind": KIND_1})
		self.assertEqual(data[0]["region_name"], frappe.db.get_value("KLS Region", REGION_A, "region_name"))
