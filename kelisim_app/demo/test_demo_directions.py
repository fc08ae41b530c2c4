# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""The demo's stage of the concept's further directions (#20), at a small scale on records of its own: every
DocType it fills has records, the records hold together (interethnic cases, children's cases with a guardian,
referrals of referred cases), and a second run adds nothing."""

from __future__ import annotations

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.demo import generate, users
from kelisim_app.kelisim_mediation.doctype.kls_mediation_case.kls_mediation_case import KLSMediationCase

SCALE = 0.01
LOADER = f"demo.directions-loader@{users.DEMO_DOMAIN}"
CASE = "KLS Mediation Case"
STAGES = ("structures", "members", "mediators", "events", "cases", "publications", "directions")
FILLED = (
	"KLS Partner",
	"KLS Consultation",
	"KLS Structure Plan",
	"KLS Structure Report",
	"KLS Ethnocultural Material",
	"KLS Youth Initiative",
	"KLS Information Recommendation",
	# demo/completeness.py: what no other stage fills
	"KLS Book",
	"KLS FAQ Entry",
	"KLS Method Document",
	"KLS Method Document Kind",
	"KLS Event Speaker",
	"KLS Event Participant",
	"KLS Event Decision",
	"KLS Publication Person",
)


class TestDemoDirections(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		# a site with the demo's users gives some cases to a mediator's user (a Frappe assignment and its
		# e-mail): not what this test is about, and the test loader is no sender
		with patch.object(KLSMediationCase, "give_case_to_mediator", lambda self: None):
			generate(SCALE, seed=11, verbose=False, stages=STAGES, loader=LOADER)

	def count(self, doctype: str, **filters) -> int:
		return frappe.db.count(doctype, {"owner": LOADER, **filters})

	def test_every_doctype_of_the_stage_has_records(self):
		for doctype in FILLED:
			self.assertGreater(self.count(doctype), 0, doctype)
		self.assertGreater(self.count("KLS Structure Plan Activity"), 0)
		self.assertGreater(self.count("KLS Structure Report", workflow_state="Accepted"), 0)
		self.assertGreater(self.count("KLS Ethnocultural Material", workflow_state="Published"), 0)
		self.assertGreater(self.count("KLS Public Structure", ethnic_group=["is", "set"]), 0)

	def test_appeals_come_through_the_public_form(self):
		"""The demo's appeals are sent as a guest through the web form's own path: each registered its case."""
		appeals = frappe.get_all(
			"KLS Mediation Appeal",
			filters={"description": ["like", "%(демо)%"]},
			fields=["owner", "case", "reference_number"],
		)
		self.assertTrue(appeals)
		self.assertTrue(all(a.owner == "Guest" and a.case and a.reference_number for a in appeals), appeals)

	def test_the_cases_hold_together(self):
		cases = frappe.get_all(CASE, filters={"owner": LOADER}, pluck="name")
		self.assertTrue(cases)
		self.assertGreater(self.count(CASE, is_interethnic=1), 0)
		unnamed = frappe.db.count(
			"KLS Case Party", {"parent": ["in", cases], "parenttype": CASE, "ethnic_group": ["is", "not set"]}
		)
		self.assertEqual(unnamed, 0, "every generated party has its group")
		for name in frappe.get_all(CASE, filters={"owner": LOADER, "is_bullying": 1}, pluck="name"):
			roles = frappe.get_all("KLS Case Party", filters={"parent": name}, pluck="role")
			self.assertIn("Legal guardian", roles, name)
		for name in frappe.get_all(
			CASE, filters={"owner": LOADER, "outcome": "Referred elsewhere"}, pluck="name"
		):
			self.assertTrue(frappe.db.exists("KLS Referral", {"parent": name, "parenttype": CASE}), name)

	def test_a_second_run_adds_nothing(self):
		before = {doctype: self.count(doctype) for doctype in FILLED}
		generate(SCALE, seed=11, verbose=False, stages=("directions",), loader=LOADER)
		self.assertEqual({doctype: self.count(doctype) for doctype in FILLED}, before)
