"""Each role's home in the desk: which workspace opens first for a user, and which of Frappe's own modules are
hidden from him. Plain functions, testable without a database (tests/test_desk_rules.py)."""

from __future__ import annotations

from collections.abc import Iterable

from kelisim_app.kelisim_core import rules
from kelisim_app.utils.i18n import N_

# A user's home workspace by his roles, the first that matches wins (a KGU Head who is also a mediator
# works in his office's workspace first).
HOME_WORKSPACES: tuple[tuple[frozenset[str], str], ...] = (
	(rules.RGU_ROLES, "Kelisim RGU"),
	(rules.KGU_ROLES, "Kelisim KGU"),
	(frozenset({rules.ROLE_MINISTRY_OBSERVER}), "Kelisim Ministry"),
	(frozenset({rules.ROLE_MEDIATOR}), "Kelisim Mediator"),
	(frozenset({rules.ROLE_STRUCTURE_SECRETARY}), "Kelisim Secretary"),
)
HOMES = frozenset(home for _roles, home in HOME_WORKSPACES)

APP_ROLES = frozenset(spec.name for spec in rules.ROLES) - {rules.ROLE_ADMINISTRATOR}
# administrators keep Frappe's workspaces (users, customisation, integrations)
ADMINISTRATOR_ROLES = frozenset({"Administrator", "System Manager", rules.ROLE_ADMINISTRATOR})

# The module profile that hides Frappe's own workspaces (Users and Build: Core; Tools: Automation;
# Integrations; Website) from the app's users; created once, an administrator may edit it.
DESK_MODULE_PROFILE = "Kelisim Desk"
HIDDEN_FRAPPE_MODULES: tuple[str, ...] = ("Core", "Automation", "Integrations", "Website")


def home_workspace(roles: Iterable[str]) -> str | None:
	"""The workspace that opens first for a user with these roles; None for a user of no app role."""
	held = set(roles)
	return next((home for wanted, home in HOME_WORKSPACES if wanted & held), None)


def hides_frappe_modules(roles: Iterable[str]) -> bool:
	"""Whether Frappe's own modules are hidden from a user with these roles: app users who administer
	nothing."""
	held = set(roles)
	return bool(held & APP_ROLES) and not held & ADMINISTRATOR_ROLES


def new_default_workspace(
	current: str | None, roles: Iterable[str], had_app_role: bool, exists: Iterable[str] = HOMES
) -> str | None:
	"""The default workspace a user's save leaves him with.

	His first app role gives him its home when he has none; a home the app gave him follows his roles
	(an RGU workspace for a KGU user who moved to the RGU). A workspace an administrator chose outside
	the homes is kept, and so is none chosen after the user had his roles (the administrator cleared it)."""
	home = home_workspace(roles)
	if home is not None and home not in set(exists):
		home = None
	if current in HOMES:
		return home or current
	if not current and not had_app_role:
		return home
	return current


def new_module_profile(current: str | None, roles: Iterable[str], had_app_role: bool) -> str | None:
	"""The module profile a user's save leaves him with: the desk profile on his first app role when he
	has none, taken away when he becomes an administrator; an administrator's choice is kept otherwise."""
	held = list(roles)
	if current == DESK_MODULE_PROFILE and not hides_frappe_modules(held) and set(held) & ADMINISTRATOR_ROLES:
		return None
	if not current and not had_app_role and hides_frappe_modules(held):
		return DESK_MODULE_PROFILE
	return current


# The app's modules (modules.txt), marked for the catalogue: Frappe shows and extracts a module's name
# (get_messages_for_app) and translates it in the desk (module filters, DocType and report lists).
MODULES: tuple[str, ...] = (
	N_("Kelisim Core"),
	N_("Kelisim Registry"),
	N_("Kelisim Instructions"),
	N_("Kelisim Events"),
	N_("Kelisim Projects"),
	N_("Kelisim Mediation"),
	N_("Kelisim Reporting"),
)
