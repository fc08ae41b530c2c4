# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_events.media_testing import (
	ensure_languages,
	make_event,
	outlet,
	publication,
	structure,
)
from kelisim_app.kelisim_events.report.speakers_and_experts.speakers_and_experts import execute
from kelisim_app.kelisim_registry.tests.factories import make_person
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REPORT = "Speakers and Experts"
REGION_A, REGION_B = "KZ-71", "KZ-75"
MARK = "Pooltestov"

# key: first name, region, flags, languages
PEOPLE = {
	"p1": ("Arman", REGION_A, {"is_speaker": 1, "is_expert": 1}, "Kazakh, Russian"),
	"p2": ("Dilnaz", REGION_B, {"is_blogger": 1}, "Uyghur\nKazakh"),
	"p3": ("Yerlan", REGION_A, {}, "Kazakh"),  # in no pool: not listed
	"p4": ("Viktor", None, {"is_expert": 1}, "Korean"),
}


class TestSpeakersAndExperts(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ensure_languages()
		cls.kgu_a = make_user("pool-kgu-a", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A))
		cls.rgu = make_user("pool-rgu", [core.ROLE_RGU_COORDINATOR], rgu_office())
		cls.observer = make_user("pool-observer", [core.ROLE_MINISTRY_OBSERVER])
		cls.p = {
			key: make_person(first, MARK, region=region, languages=langs, **flags)
			for key, (first, region, flags, langs) in PEOPLE.items()
		}
		p = cls.p
		council_a = structure("Pool Test Council A", REGION_A)
		council_b = structure("Pool Test Council B", REGION_B)
		make_event(
			council_a,
			"2019-05-01 10:00:00",
			True,
			speakers=[
				{"person": p["p1"], "topic": "Unity in diversity"},
				{"person": p["p1"], "topic": "Language"},
			],
		)
		make_event(
			council_b,
			"2019-05-02 10:00:00",
			False,
			verified=False,
			speakers=[
				{"person": p["p1"], "topic": " unity  in diversity"},
				{"person": p["p2"], "topic": "Media"},
			],
		)
		media_outlet = outlet("Pool Test Outlet", REGION_B)
		publication(
			outlet=media_outlet,
			people=[{"person": p["p1"], "role": "Expert"}, {"person": p["p2"], "role": "Blogger"}],
		).insert(ignore_permissions=True)
		publication(outlet=media_outlet, people=[{"person": p["p2"], "role": "Interviewee"}]).insert(
			ignore_permissions=True
		)
		cls.expected = {
			p["p1"]: {
				"events": 2,
				"publications": 1,
				"topics": "Language; Unity in diversity",
				"roles": "Speaker, Expert",
			},
			p["p2"]: {"events": 1, "publications": 2, "topics": "Media", "roles": "Blogger"},
			p["p4"]: {"events": 0, "publications": 0, "topics": "", "roles": "Expert"},
		}

	def tearDown(self):
		frappe.set_user("Administrator")

	def mine(self, user: str, **filters) -> dict[str, dict]:
		frappe.set_user(user)
		_columns, data, message, _chart, summary = execute(filters)
		desk = run(REPORT, filters=filters, user=user)
		self.assertEqual(desk["result"][: len(data)], data)
		self.assertIn("speaker", message)
		self.assertEqual(summary[0]["value"], len(data))
		return {
			r["person"]: {k: r[k] for k in ("events", "publications", "topics", "roles")}
			for r in data
			if r["person"] in self.p.values()
		}

	def test_kgu_user_sees_the_people_of_his_region_only(self):
		self.assertEqual(self.mine(self.kgu_a), {self.p["p1"]: self.expected[self.p["p1"]]})
		frappe.set_user(self.kgu_a)
		_columns, data, *_rest = execute({})
		self.assertEqual({r["region"] for r in data}, {REGION_A}, "people without region are left out too")
		self.assertEqual(self.mine(self.kgu_a, region=REGION_B), {})

	def test_rgu_and_observer_see_everyone_in_the_pool(self):
		for user in (self.rgu, self.observer):
			with self.subTest(user=user):
				self.assertEqual(self.mine(user), self.expected)

	def test_filters(self):
		p = self.p
		self.assertEqual(set(self.mine(self.rgu, role="Blogger")), {p["p2"]})
		self.assertEqual(set(self.mine(self.rgu, role="Expert")), {p["p1"], p["p4"]})
		self.assertEqual(set(self.mine(self.rgu, language="uyghur")), {p["p2"]})
		self.assertEqual(set(self.mine(self.rgu, language="Kazakh")), {p["p1"], p["p2"]})
		self.assertEqual(set(self.mine(self.rgu, region=REGION_B)), {p["p2"]})
		self.assertEqual(set(self.mine(self.rgu, language="100%_")), set())

	def test_languages_and_names_are_shown(self):
		frappe.set_user(self.rgu)
		_columns, data, *_rest = execute({"region": REGION_B})
		row = next(r for r in data if r["person"] == self.p["p2"])
		self.assertEqual(row["languages"], "Uyghur, Kazakh")
		self.assertEqual(row["full_name"], f"{MARK} Dilnaz")
		self.assertEqual(row["region_name"], frappe.db.get_value("KLS Region", REGION_B, "region_name"))
