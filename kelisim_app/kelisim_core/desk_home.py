"""Each role's home in the desk (#23): the workspace a user lands on and Frappe's own workspaces hidden from
the app's users, through Frappe's own fields (User.default_workspace, Module Profile → User.block_modules).

Set when a user gets his first app role (User.validate) and once for the existing users (a patch); after
that an administrator's choice on the user form is kept. The module profile is created by install and
migrate when missing, never overwritten (an administrator may change which modules it hides)."""

from __future__ import annotations

import frappe

from kelisim_app.kelisim_core import desk_rules


def ensure_module_profile() -> None:
	if frappe.db.exists("Module Profile", desk_rules.DESK_MODULE_PROFILE):
		return
	installed = set(frappe.get_all("Module Def", pluck="name"))
	doc = frappe.get_doc({"doctype": "Module Profile", "module_profile_name": desk_rules.DESK_MODULE_PROFILE})
	for module in desk_rules.HIDDEN_FRAPPE_MODULES:
		if module in installed:
			doc.append("block_modules", {"module": module})
	doc.insert(ignore_permissions=True)


def apply_desk_home(doc, method=None) -> None:
	"""User.validate: a user's home workspace and hidden modules follow his roles (desk_rules)."""
	if doc.name in ("Administrator", "Guest") or doc.get("user_type") != "System User":
		return
	roles = [row.role for row in doc.get("roles") or []]
	before = doc.get_doc_before_save()
	had_app_role = bool(before and {row.role for row in before.get("roles") or []} & desk_rules.APP_ROLES)
	workspaces = frappe.get_all("Workspace", filters={"name": ["in", list(desk_rules.HOMES)]}, pluck="name")
	doc.default_workspace = desk_rules.new_default_workspace(
		doc.get("default_workspace"), roles, had_app_role, workspaces
	)
	profile = desk_rules.new_module_profile(doc.get("module_profile"), roles, had_app_role)
	if profile == doc.get("module_profile"):
		return
	if profile and not frappe.db.exists("Module Profile", profile):
		ensure_module_profile()
	doc.module_profile = profile
	# Frappe copies the profile's modules in its own validate, which has run: copy them here
	doc.set("block_modules", [])
	if profile:
		for module in frappe.get_all(
			"Block Module", filters={"parenttype": "Module Profile", "parent": profile}, pluck="module"
		):
			doc.append("block_modules", {"module": module})


def apply_to_existing_users() -> int:
	"""Once (a patch): the existing users of app roles get their home and the desk profile."""
	ensure_module_profile()
	changed = 0
	users = frappe.get_all(
		"Has Role",
		filters={"parenttype": "User", "role": ["in", list(desk_rules.APP_ROLES)]},
		pluck="parent",
		distinct=True,
	)
	for name in users:
		if name in ("Administrator", "Guest"):
			continue
		user = frappe.get_doc("User", name)
		roles = [row.role for row in user.roles]
		workspace = desk_rules.new_default_workspace(user.default_workspace, roles, False)
		profile = desk_rules.new_module_profile(user.module_profile, roles, False)
		if (workspace, profile) == (user.default_workspace, user.module_profile):
			continue
		user.default_workspace = workspace
		user.module_profile = profile
		user.flags.ignore_permissions = True
		user.save()
		changed += 1
	return changed
