"""Each role's home in the desk (kelisim_app/kelisim_core/desk_rules.py, #23)."""

from __future__ import annotations

import json

from kelisim_app.kelisim_core import desk_rules as d
from kelisim_app.kelisim_core import rules
from tests import app_meta


def test_every_role_has_a_home_that_is_shipped():
	shipped = {json.loads(p.read_text())["name"] for p in app_meta.APP_DIR.glob("*/workspace/*/*.json")}
	for spec in rules.ROLES:
		if spec.name == rules.ROLE_ADMINISTRATOR:
			continue
		home = d.home_workspace([spec.name])
		assert home in shipped, spec.name
	assert d.HOMES <= shipped


def test_office_roles_come_before_field_roles():
	assert d.home_workspace([rules.ROLE_MEDIATOR, rules.ROLE_KGU_HEAD]) == "Kelisim KGU"
	assert d.home_workspace([rules.ROLE_STRUCTURE_SECRETARY, rules.ROLE_MEDIATOR]) == "Kelisim Mediator"
	assert d.home_workspace(["System Manager"]) is None


def test_frappe_modules_hidden_from_app_users_only():
	assert d.hides_frappe_modules([rules.ROLE_STRUCTURE_SECRETARY])
	assert d.hides_frappe_modules([rules.ROLE_RGU_HEAD, rules.ROLE_RGU_COORDINATOR])
	assert not d.hides_frappe_modules([rules.ROLE_RGU_HEAD, rules.ROLE_ADMINISTRATOR])
	assert not d.hides_frappe_modules([rules.ROLE_KGU_HEAD, "System Manager"])
	assert not d.hides_frappe_modules(["Blogger"])


def test_default_workspace_on_first_role_and_administrator_choice_kept():
	kgu = [rules.ROLE_KGU_HEAD]
	assert d.new_default_workspace(None, kgu, had_app_role=False) == "Kelisim KGU"
	# an administrator cleared it after the user had his roles: kept cleared
	assert d.new_default_workspace(None, kgu, had_app_role=True) is None
	# an administrator's own choice outside the homes is kept
	assert d.new_default_workspace("Instructions", kgu, had_app_role=False) == "Instructions"
	# a home the app gave follows the roles
	assert d.new_default_workspace("Kelisim KGU", [rules.ROLE_RGU_HEAD], had_app_role=True) == "Kelisim RGU"
	# a home missing on the site is not set
	assert d.new_default_workspace(None, kgu, had_app_role=False, exists=["Kelisim RGU"]) is None


def test_module_profile_on_first_role_removed_for_administrators():
	sec = [rules.ROLE_STRUCTURE_SECRETARY]
	assert d.new_module_profile(None, sec, had_app_role=False) == d.DESK_MODULE_PROFILE
	assert d.new_module_profile(None, sec, had_app_role=True) is None
	assert d.new_module_profile("Custom", sec, had_app_role=False) == "Custom"
	assert d.new_module_profile(d.DESK_MODULE_PROFILE, [*sec, rules.ROLE_ADMINISTRATOR], True) is None
	assert d.new_module_profile("Custom", [*sec, "System Manager"], True) == "Custom"
	assert d.new_module_profile(None, ["System Manager"], had_app_role=False) is None


def test_module_names_are_marked_for_translation():
	listed = (app_meta.APP_DIR / "modules.txt").read_text().split("\n")
	assert list(d.MODULES) == [m for m in listed if m.strip()]
