# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""The role workspaces: each opens for a user of its role, with its number cards, charts and shortcuts, and
the sidebar shows every role its own workspace and not the others'."""

from __future__ import annotations

import json

import frappe
from frappe.desk.desktop import get_desktop_page, get_workspace_sidebar_items
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules as core
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

WORKSPACES = (
	"Kelisim RGU",
	"Kelisim KGU",
	"Kelisim Secretary",
	"Kelisim Mediator",
	"Kelisim Ministry",
)


class TestWorkspaces(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.users = {
			"Kelisim RGU": make_user("ws-rgu", [core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR], rgu_office()),
			"Kelisim KGU": make_user(
				"ws-kgu", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71")
			),
			"Kelisim Secretary": make_user("ws-secretary-only", [core.ROLE_STRUCTURE_SECRETARY]),
			"Kelisim Mediator": make_user("ws-mediator-only", [core.ROLE_MEDIATOR]),
			"Kelisim Ministry": make_user("ws-observer", [core.ROLE_MINISTRY_OBSERVER]),
		}

	def tearDown(self):
		frappe.set_user("Administrator")

	def open(self, workspace: str, user: str) -> dict:
		frappe.set_user(user)
		frappe.clear_cache(user=user)
		return get_desktop_page(json.dumps({"name": workspace, "title": workspace, "public": 1}))

	def test_each_workspace_opens_with_its_cards_for_its_role(self):
		for workspace, user in self.users.items():
			page = self.open(workspace, user)
			self.assertTrue(page, workspace)
			doc = frappe.get_doc("Workspace", workspace)
			shipped = {c.number_card_name for c in doc.number_cards}
			shown = {c.number_card_name for c in page["number_cards"]["items"]}
			self.assertTrue(shown, workspace)
			# a card on a DocType the role cannot read is left out by Frappe; the others are shown
			readable = {
				name
				for name in shipped
				if frappe.has_permission(
					"KLS Regional Report"
					if name == "Reports Overdue"
					else frappe.db.get_value("Number Card", name, "document_type"),
					"read",
				)
			}
			self.assertEqual(shown, readable, workspace)
			self.assertEqual(
				{c.chart_name for c in page["charts"]["items"]},
				{c.chart_name for c in doc.charts},
				workspace,
			)
			self.assertTrue(page["shortcuts"]["items"] or page["cards"]["items"], workspace)

	def test_the_cards_give_figures_to_their_users(self):
		from kelisim_app.tests.test_dashboard import card_value

		for workspace, user in self.users.items():
			for card in self.open(workspace, user)["number_cards"]["items"]:
				self.assertGreaterEqual(card_value(card.number_card_name), 0, (workspace, card))

	def test_each_role_sees_its_own_workspace(self):
		for workspace, user in self.users.items():
			frappe.set_user(user)
			frappe.clear_cache(user=user)
			pages = {p["name"] for p in get_workspace_sidebar_items()["pages"]}
			self.assertIn(workspace, pages, user)
			self.assertFalse((set(WORKSPACES) - {workspace}) & pages, (user, pages))

	def test_rgu_waiting_shortcuts_filter_submitted_and_reviewed(self):
		page = self.open("Kelisim RGU", self.users["Kelisim RGU"])
		waiting = {s.label: s for s in page["shortcuts"]["items"] if "waiting" in (s.label or "").lower()}
		self.assertEqual(len(waiting), 2)
		for shortcut in waiting.values():
			filters = json.loads(shortcut.stats_filter)
			self.assertEqual(filters[0][1:4], ["workflow_state", "in", ["Submitted", "Reviewed"]])
