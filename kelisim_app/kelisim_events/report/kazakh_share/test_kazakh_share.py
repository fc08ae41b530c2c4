# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from __future__ import annotations

from collections import Counter, defaultdict

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from kelisim_app.exceptions import KelisimValidationError
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_events import media
from kelisim_app.kelisim_events.media_testing import (
	ensure_languages,
	make_event,
	outlet,
	publication,
	structure,
)
from kelisim_app.kelisim_events.report.kazakh_share.kazakh_share import execute
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REPORT = "Kazakh Share"
REGION_A, REGION_B = "KZ-71", "KZ-75"
PROJECT_2 = "Spiritual and cultural popularisation of Kazakhstan's ethnic diversity"
PERIOD = {"from_date": "2019-01-01", "to_date": "2019-12-31"}

# region, start, in Kazakh, verified, base project 2
EVENTS = (
	(REGION_A, "2019-02-10 10:00:00", True, True, False),
	(REGION_A, "2019-02-20 10:00:00", False, True, False),
	(REGION_A, "2019-03-05 10:00:00", True, True, False),
	(REGION_A, "2019-03-06 10:00:00", True, False, False),  # not verified: not counted
	(REGION_B, "2019-03-15 10:00:00", False, True, False),
	(REGION_B, "2019-02-01 10:00:00", True, True, True),
	(REGION_A, "2018-12-30 10:00:00", True, True, False),  # before the period
)
# region, date, language, covers the project-2 event
PUBLICATIONS = (
	(REGION_A, "2019-02-11", "Kazakh", False),
	(REGION_A, "2019-03-01", "Russian", False),
	(REGION_A, "2019-03-02", "Korean", False),
	(REGION_B, "2019-02-12", "Kazakh", True),
	(REGION_B, "2019-03-20", "Kazakh", False),
	(REGION_A, "2018-12-31", "Kazakh", False),  # before the period
)
COUNTS = ("events", "events_kazakh", "publications", "publications_kazakh")


def in_period(day: str) -> bool:
	return PERIOD["from_date"] <= day[:10] <= PERIOD["to_date"]


def expected(region: str | None = None, by_month: bool = False, project_2: bool = False) -> dict[tuple, dict]:
	out: dict[tuple, Counter] = defaultdict(Counter)
	for r, start, kazakh, verified, p2 in EVENTS:
		if verified and in_period(start) and region in (None, r) and (p2 or not project_2):
			key = (r, start[:7]) if by_month else (r,)
			out[key]["events"] += 1
			out[key]["events_kazakh"] += int(kazakh)
	for r, day, language, p2 in PUBLICATIONS:
		if in_period(day) and region in (None, r) and (p2 or not project_2):
			key = (r, day[:7]) if by_month else (r,)
			out[key]["publications"] += 1
			out[key]["publications_kazakh"] += int(language == "Kazakh")
	return {key: {k: c[k] for k in COUNTS} for key, c in out.items()}


def rows_by_key(data: list[dict], by_month: bool = False) -> dict[tuple, dict]:
	return {
		((r["region"], r["month"]) if by_month else (r["region"],)): {k: r[k] for k in COUNTS}
		for r in data
		if r["region"] in (REGION_A, REGION_B)
	}


class TestKazakhShare(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ensure_languages()
		cls.kgu_a = make_user(
			"share-kgu-a", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A)
		)
		cls.rgu = make_user("share-rgu", [core.ROLE_RGU_HEAD], rgu_office())
		cls.observer = make_user("share-observer", [core.ROLE_MINISTRY_OBSERVER])
		organisers = {r: structure(f"Share Test Council {r}", r) for r in (REGION_A, REGION_B)}
		outlets = {r: outlet(f"Share Test Outlet {r}", r) for r in (REGION_A, REGION_B)}
		project_2_event = None
		for region, start, kazakh, verified, p2 in EVENTS:
			name = make_event(
				organisers[region], start, kazakh, verified, base_project=PROJECT_2 if p2 else None
			)
			if p2:
				project_2_event = name
		for region, day, language, p2 in PUBLICATIONS:
			publication(
				outlet=outlets[region],
				published_on=day,
				language=language,
				event=project_2_event if p2 else None,
				region=region,
			).insert(ignore_permissions=True)

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_report(self, user: str, **filters) -> tuple[list, dict, dict]:
		filters = {**PERIOD, **filters}
		frappe.set_user(user)
		columns, data, message, chart, summary = execute(filters)
		desk = run(REPORT, filters=filters, user=user)
		self.assertEqual(desk["result"], data)
		self.assertEqual(desk["report_summary"], summary)
		self.assertIn("verified", message)
		fieldnames = [c["fieldname"] for c in columns]
		self.assertEqual("month" in fieldnames, bool(filters.get("group_by_month")))
		for row in data:
			self.assertEqual(row["events_share"], media.kazakh_share(row["events_kazakh"], row["events"]))
			self.assertEqual(
				row["publications_share"], media.kazakh_share(row["publications_kazakh"], row["publications"])
			)
		return data, chart, {s["label"]: s["value"] for s in summary}

	def test_kgu_user_counts_his_region_only(self):
		data, chart, summary = self.run_report(self.kgu_a)
		self.assertEqual({r["region"] for r in data}, {REGION_A})
		self.assertEqual(rows_by_key(data), expected(REGION_A))
		row = data[0]
		self.assertEqual((row["events"], row["events_kazakh"], row["events_share"]), (3, 2, 66.7))
		self.assertEqual(
			(row["publications"], row["publications_kazakh"], row["publications_share"]), (3, 1, 33.3)
		)
		self.assertEqual(row["overall_share"], 50.0)
		self.assertEqual(summary["Kazakh share, %"], 50.0)
		self.assertEqual(chart["data"]["labels"], ["2019-02", "2019-03"])
		# February in region A: events 1 of 2 in Kazakh, publications 1 of 1
		self.assertEqual(chart["data"]["datasets"][0]["values"], [50.0, 100.0])
		self.assertEqual(chart["data"]["datasets"][1]["values"], [100.0, 0.0])

	def test_kgu_user_asking_for_another_region_gets_nothing(self):
		data, chart, summary = self.run_report(self.kgu_a, region=REGION_B)
		self.assertEqual(data, [])
		self.assertIsNone(chart)
		self.assertIsNone(summary["Kazakh share, %"])

	def test_grouped_by_month(self):
		data, _chart, _summary = self.run_report(self.kgu_a, group_by_month=1)
		self.assertEqual(rows_by_key(data, by_month=True), expected(REGION_A, by_month=True))
		self.assertEqual([r["month"] for r in data], ["2019-02", "2019-03"])

	def test_rgu_and_observer_count_every_region(self):
		for user in (self.rgu, self.observer):
			with self.subTest(user=user):
				data, _chart, _summary = self.run_report(user)
				self.assertEqual(rows_by_key(data), expected())
				b = next(r for r in data if r["region"] == REGION_B)
				self.assertEqual(b["overall_share"], media.kazakh_share(3, 4))
				data, _chart, _summary = self.run_report(user, group_by_month=1)
				self.assertEqual(rows_by_key(data, by_month=True), expected(by_month=True))

	def test_region_and_base_project_filters(self):
		data, _chart, _summary = self.run_report(self.rgu, region=REGION_B)
		self.assertEqual(rows_by_key(data), expected(REGION_B))
		self.assertEqual({r["region"] for r in data}, {REGION_B})
		data, _chart, _summary = self.run_report(self.rgu, base_project=PROJECT_2)
		self.assertEqual(rows_by_key(data), expected(project_2=True))
		self.assertEqual(
			rows_by_key(data),
			{(REGION_B,): {"events": 1, "events_kazakh": 1, "publications": 1, "publications_kazakh": 1}},
		)

	def test_the_report_agrees_with_the_records(self):
		"""The grouped queries against a record-by-record count of everything the RGU may see."""
		data, _chart, _summary = self.run_report(self.rgu)
		live: dict[str, Counter] = defaultdict(Counter)
		for e in frappe.get_all(
			"KLS Event",
			filters={
				"workflow_state": "Verified",
				"event_date": ["between", [PERIOD["from_date"], PERIOD["to_date"]]],
			},
			fields=["region", "uses_kazakh"],
			limit=0,
		):
			live[e.region]["events"] += 1
			live[e.region]["events_kazakh"] += e.uses_kazakh
		for p in frappe.get_all(
			"KLS Media Publication",
			filters={"published_on": ["between", [PERIOD["from_date"], PERIOD["to_date"]]]},
			fields=["region", "is_kazakh"],
			limit=0,
		):
			live[p.region]["publications"] += 1
			live[p.region]["publications_kazakh"] += p.is_kazakh
		self.assertEqual(
			{r["region"]: {k: r[k] for k in COUNTS} for r in data},
			{region: {k: c[k] for k in COUNTS} for region, c in live.items()},
		)

	def test_a_reversed_period_is_refused(self):
		frappe.set_user(self.rgu)
		with self.assertRaisesRegex(KelisimValidationError, "after its end"):
			execute({"from_date": "2019-12-31", "to_date": "2019-01-01"})
