# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Each role's home (#23): a user of each role lands on his role's workspace (User.default_workspace), Frappe's
own workspaces are hidden from him (the "Kelisim Desk" module profile → User.block_modules), administrators
keep them, an administrator's later choice on the user is kept, and migrate keeps an edited profile."""

from __future__ import annotations

import frappe
from frappe.desk.desktop import get_workspace_sidebar_items
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import desk_home, desk_rules
from kelisim_app.kelisim_core import rules as core
from kelisim_app.tests.utils import kgu_office, rgu_office

FRAPPE_WORKSPACES = {"Users", "Build", "Tools", "Website", "Integrations"}


def new_user(key: str, roles: list[str], office: str | None = None) -> frappe.Document:
	"""A user `<key>@home.kelisim.kz` without roles, home or profile, then given `roles` (as an administrator
	gives a new user his roles). An existing one is stripped rather than created again: Frappe throttles
	the creation of users."""
	email = f"{key}@home.kelisim.kz"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": key,
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.set("roles", [])
	user.set("block_modules", [])
	user.update({"module_profile": None, "default_workspace": None, "kelisim_office": None})
	user.save(ignore_permissions=True)
	user.reload()
	user.kelisim_office = office
	user.add_roles(*roles)  # saves the user
	return frappe.get_doc("User", email)


def sidebar(user: str) -> list[str]:
	frappe.set_user(user)
	frappe.clear_cache(user=user)
	try:
		return [p["name"] for p in get_workspace_sidebar_items()["pages"]]
	finally:
		frappe.set_user("Administrator")


class TestDeskHome(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		# the demo and other tests create many users within the hour: Frappe would throttle these
		cls.throttle = frappe.local.conf.get("throttle_user_limit")
		frappe.local.conf["throttle_user_limit"] = 100000
		desk_home.ensure_module_profile()
		cls.roles = {
			"Kelisim RGU": ([core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR], rgu_office()),
			"Kelisim KGU": ([core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71")),
			"Kelisim Ministry": ([core.ROLE_MINISTRY_OBSERVER], None),
			"Kelisim Mediator": ([core.ROLE_MEDIATOR], None),
			"Kelisim Secretary": ([core.ROLE_STRUCTURE_SECRETARY], None),
		}

	@classmethod
	def tearDownClass(cls):
		frappe.local.conf.pop("throttle_user_limit", None)
		if cls.throttle is not None:
			frappe.local.conf["throttle_user_limit"] = cls.throttle
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_each_role_lands_on_its_home_without_frappe_workspaces(self):
		for home, (roles, office) in self.roles.items():
			user = new_user(f"home-{home.split()[-1].lower()}", roles, office)
			self.assertEqual(user.default_workspace, home)
			self.assertEqual(user.module_profile, desk_rules.DESK_MODULE_PROFILE)
			self.assertTrue(set(desk_rules.HIDDEN_FRAPPE_MODULES) <= {b.module for b in user.block_modules})
			pages = sidebar(user.name)
			self.assertIn(home, pages, (home, pages))
			self.assertFalse(FRAPPE_WORKSPACES & set(pages), (home, pages))
			# the homes of other roles are not his
			self.assertFalse((desk_rules.HOMES - {home}) & set(pages), (home, pages))

	def test_administrators_keep_frappe_workspaces(self):
		user = new_user("home-admin", [core.ROLE_ADMINISTRATOR, core.ROLE_RGU_HEAD], rgu_office())
		self.assertFalse(user.module_profile)
		self.assertEqual(user.default_workspace, "Kelisim RGU")
		self.assertIn("Users", sidebar(user.name))

	def test_an_administrators_choice_is_kept(self):
		user = new_user("home-choice", [core.ROLE_KGU_HEAD], kgu_office("KZ-71"))
		user.module_profile = None
		user.set("block_modules", [])
		user.default_workspace = "Instructions"
		user.save(ignore_permissions=True)
		user.reload()
		self.assertFalse(user.module_profile)
		self.assertEqual(user.default_workspace, "Instructions")
		# a later save (a new role) changes neither
		user.add_roles(core.ROLE_MEDIATOR)
		user.reload()
		self.assertFalse(user.module_profile)
		self.assertEqual(user.default_workspace, "Instructions")
		self.assertIn("Users", sidebar(user.name))

	def test_a_user_who_moves_to_the_rgu_gets_its_home(self):
		user = new_user("home-mover", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		self.assertEqual(user.default_workspace, "Kelisim KGU")
		user.kelisim_office = rgu_office()
		user.set("roles", [{"role": core.ROLE_RGU_COORDINATOR}])
		user.save(ignore_permissions=True)
		self.assertEqual(frappe.db.get_value("User", user.name, "default_workspace"), "Kelisim RGU")

	def test_becoming_an_administrator_shows_frappe_workspaces(self):
		user = new_user("home-promoted", [core.ROLE_RGU_COORDINATOR], rgu_office())
		self.assertEqual(user.module_profile, desk_rules.DESK_MODULE_PROFILE)
		user.add_roles(core.ROLE_ADMINISTRATOR)
		user.reload()
		self.assertFalse(user.module_profile)
		self.assertFalse(user.block_modules)

	def test_migrate_keeps_an_edited_profile_and_the_patch_reaches_existing_users(self):
		profile = frappe.get_doc("Module Profile", desk_rules.DESK_MODULE_PROFILE)
		profile.set("block_modules", [b for b in profile.block_modules if b.module != "Website"])
		profile.save(ignore_permissions=True)
		desk_home.ensure_module_profile()  # what migrate runs
		kept = {
			b.module for b in frappe.get_doc("Module Profile", desk_rules.DESK_MODULE_PROFILE).block_modules
		}
		self.assertNotIn("Website", kept)
		self.assertIn("Core", kept)

		# a user from before #23: roles, no home, no profile
		user = new_user("home-before", [core.ROLE_MINISTRY_OBSERVER])
		frappe.db.set_value("User", user.name, {"default_workspace": None, "module_profile": None})
		frappe.db.delete("Block Module", {"parenttype": "User", "parent": user.name})
		self.assertGreaterEqual(desk_home.apply_to_existing_users(), 1)
		user.reload()
		self.assertEqual(user.default_workspace, "Kelisim Ministry")
		self.assertEqual(user.module_profile, desk_rules.DESK_MODULE_PROFILE)
		self.assertEqual({b.module for b in user.block_modules}, kept)

	def test_the_mediator_counts_his_own_open_cases_not_the_countrys_events(self):
		from kelisim_app.kelisim_mediation.testing import case_values, make_mediator
		from kelisim_app.tests.test_dashboard import card_value

		user = new_user("home-med", [core.ROLE_MEDIATOR])
		mediator = make_mediator("HomeMed", "KZ-71", user=user.name)
		other = make_mediator("HomeOther", "KZ-71")
		for who in (mediator, mediator, other):
			case = frappe.get_doc(case_values()).insert(ignore_permissions=True)
			frappe.db.set_value(
				"KLS Mediation Case", case.name, {"mediator": who, "workflow_state": "Assigned"}
			)
		workspace = frappe.get_doc("Workspace", "Kelisim Mediator")
		cards = {c.number_card_name for c in workspace.number_cards}
		self.assertNotIn("Events Held This Quarter", cards)
		frappe.set_user(user.name)
		mine = frappe.db.count(
			"KLS Mediation Case",
			{
				"mediator": mediator,
				"workflow_state": [
					"not in",
					["Agreement reached", "No agreement", "Referred elsewhere", "Withdrawn", "Closed"],
				],
			},
		)
		self.assertEqual(card_value("Open Mediation Cases"), mine)
		self.assertGreaterEqual(mine, 2)
