"""Region scoping: a KGU user sees and edits his own region only.

The mechanism is Frappe's own: User Permissions on KLS Region, maintained by the app from the office a
user is attached to (`User.kelisim_office`), one per region-scoped DocType (`applicable_for`), so list
views, `get_list`, link search, reports built on `get_list` and single-document checks all apply them,
while master data (Region, District) stays readable by everyone.
"""

from __future__ import annotations

import frappe
from frappe.query_builder import DocType

from kelisim_app.kelisim_core import rules
from kelisim_app.kelisim_core.rules import RegionGrant
from kelisim_app.overrides import install as install_overrides

APP = "kelisim_app"
REGION = "KLS Region"
OFFICE = "KLS Office"
OFFICE_FIELD = "kelisim_office"
ADMIN_ROLES = {"System Manager", "Administrator", rules.ROLE_ADMINISTRATOR}

# Frappe's behaviour as the app changes it (kelisim_app/overrides), in any process that checks a permission:
# hooks install it before every request and job; importing the permissions installs it in the others
install_overrides()


def _install_confidential() -> None:
	# #18: what Frappe serves beside a document is redacted too (history, milestones, attachments, digest)
	from kelisim_app.overrides import confidential

	confidential.install()


_install_confidential()


def app_modules() -> list[str]:
	return frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")


def region_scoped_doctypes() -> list[str]:
	"""DocTypes of the app whose records carry a region the user permission applies to: any non-child,
	non-single DocType with a Link to KLS Region that does not ignore user permissions."""
	modules = app_modules()
	if not modules:
		return []
	dt, df = DocType("DocType"), DocType("DocField")
	rows = (
		frappe.qb.from_(df)
		.join(dt)
		.on(dt.name == df.parent)
		.select(df.parent)
		.distinct()
		.where(
			(dt.module.isin(modules))
			& (dt.istable == 0)
			& (dt.issingle == 0)
			& (df.fieldtype == "Link")
			& (df.options == REGION)
			& (df.ignore_user_permissions == 0)
			& (df.parent != REGION)
		)
		.orderby(df.parent)
	).run(pluck=True)
	return list(rows)


def user_office(user: str) -> frappe._dict | None:
	"""The user's office, from the document cache (asked by every permission check and region guard of a
	request; saving the user or the office clears it)."""
	if user in ("Guest",) or not frappe.db.exists("User", user, cache=True):
		return None
	office = frappe.get_cached_value("User", user, OFFICE_FIELD)
	if not office:
		return None
	return frappe.get_cached_value(OFFICE, office, ["name", "office_type", "region"], as_dict=True)


def user_region(user: str | None = None) -> str | None:
	"""The region a KGU user is confined to; None for everyone else (RGU, observers, administrators)."""
	office = user_office(user or frappe.session.user)
	if office and office.office_type == rules.OFFICE_KGU:
		return office.region
	return None


def _existing_grants(user: str) -> dict[RegionGrant, list[str]]:
	out: dict[RegionGrant, list[str]] = {}
	for row in frappe.get_all(
		"User Permission",
		filters={"user": user, "allow": REGION},
		fields=["name", "for_value", "applicable_for", "apply_to_all_doctypes"],
	):
		applicable = "" if row.apply_to_all_doctypes else (row.applicable_for or "")
		out.setdefault(RegionGrant(row.for_value, applicable), []).append(row.name)
	return out


def sync_user_region_permissions(user: str, manage: bool = False) -> tuple[int, int]:
	"""Make the user's Region permissions match his office. Users never attached to an office keep
	whatever an administrator gave them, unless `manage` (the office was just removed)."""
	office = user_office(user)
	if not office and not manage:
		return 0, 0
	existing = _existing_grants(user)
	to_add, to_remove = rules.plan_region_grants(
		office.office_type if office else None,
		office.region if office else None,
		region_scoped_doctypes(),
		existing.keys(),
	)
	for grant in to_remove:
		for name in existing[grant]:
			frappe.delete_doc("User Permission", name, ignore_permissions=True, force=True)
	for grant in sorted(to_add, key=lambda g: g.applicable_for):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": REGION,
				"for_value": grant.region,
				"apply_to_all_doctypes": 0,
				"applicable_for": grant.applicable_for,
			}
		).insert(ignore_permissions=True)
	if to_add or to_remove:
		frappe.cache.hdel("user_permissions", user)
	return len(to_add), len(to_remove)


def resync_all_users() -> int:
	"""After migrate: new region-scoped DocTypes get their grants for every attached user."""
	users = frappe.get_all("User", filters={OFFICE_FIELD: ["is", "set"]}, pluck="name")
	for user in users:
		sync_user_region_permissions(user)
	return len(users)


# --------------------------------------------------------------------------------------- doc events
def validate_user_office(doc, method=None) -> None:
	"""User.validate: a KGU role needs a KGU office; an RGU role excludes one."""
	if doc.name in ("Administrator", "Guest") or not doc.meta.has_field(OFFICE_FIELD):
		return
	office_type = (
		frappe.db.get_value(OFFICE, doc.get(OFFICE_FIELD), "office_type") if doc.get(OFFICE_FIELD) else None
	)
	rules.check_user_office([r.role for r in doc.get("roles") or []], office_type, bool(doc.enabled))


def on_user_update(doc, method=None) -> None:
	"""User.on_update: keep the region scope in step with the office."""
	if doc.name in ("Administrator", "Guest") or not doc.meta.has_field(OFFICE_FIELD):
		return
	before = doc.get_doc_before_save()
	previous = before.get(OFFICE_FIELD) if before else None
	if doc.get(OFFICE_FIELD) or previous:
		sync_user_region_permissions(doc.name, manage=True)


def report_regions(user: str, doctype: str) -> list[str] | None:
	"""The regions a Script Report over `doctype` may count for `user` (reports built with frappe.qb
	bypass User Permissions, so they apply this themselves); None = every region.

	A KGU user: his region. A user an administrator confined by hand (User Permissions on KLS Region,
	for all DocTypes or for this one): those regions. Everyone else: no limit."""
	from frappe.permissions import get_user_permissions

	region = user_region(user)
	if region is not None:
		return [region]
	granted = [
		perm.doc
		for perm in get_user_permissions(user).get(REGION, [])
		if not perm.get("applicable_for") or perm.get("applicable_for") == doctype
	]
	return sorted(set(granted)) or None


def scoped_regions(user: str, doctype: str, region: str | None = None) -> list[str]:
	"""The region codes a report over `doctype` lists for `user` (`report_regions`, every region when it sets
	no limit), narrowed to `region` when a filter asks for one: a region outside the scope yields none."""
	regions = report_regions(user, doctype)
	if regions is None:
		regions = frappe.get_all(REGION, pluck="name", order_by="name")
	return [r for r in regions if not region or r == region]


# Records a KGU user may create without a region (a person of national standing, registered by anyone).
REGIONLESS_FOR_KGU = frozenset({"KLS Person"})
# creation is checked at validate, once a derived region is known
WRITE_PTYPES = frozenset({"write", "delete", "submit", "cancel", "amend"})


def region_write_guard(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""has_permission for every DocType ("*"): a KGU user changes only records of his own region.

	User Permissions (not strict) let him *read* records that carry no region — the republican structure,
	the RGU's republican plan — and a link filter cannot stop him editing them; this does. A new record's
	region is often derived while it is validated (from its organiser, outlet or event): creation is checked
	then, by `validate_record_region`."""
	if ptype not in WRITE_PTYPES or doc.doctype in REGIONLESS_FOR_KGU:
		return None
	if not doc.meta.has_field("region"):
		return None
	if doc.meta.get_field("region").options != REGION or doc.meta.module not in _app_modules():
		return None
	user = user or frappe.session.user
	region = user_region(user)
	if region is None or ADMIN_ROLES & set(frappe.get_roles(user)):
		return None
	return None if doc.get("region") == region else False


def _app_modules() -> set[str]:
	return set(frappe.get_module_list(APP))


def validate_record_region(doc, method=None) -> None:
	"""doc_events["*"]["validate"]: what a KGU user saves lies in his region (checked after the region has
	been derived; system writes made with ignore_permissions are the app's own)."""
	if doc.flags.ignore_permissions or doc.meta.istable:
		return
	if region_write_guard(doc, "write") is False:
		if doc.is_new() and not doc.get("region"):
			doc._validate_mandatory()  # a region not derived for want of a mandatory value: say which
		frappe.throw(
			frappe._("You can only record data of your own region"),
			frappe.PermissionError,
			title=frappe._("Not permitted"),
		)
	check_links_in_region(doc)


def check_links_in_region(doc) -> None:
	"""A KGU user links only records of his region (or records without one), in the document and its
	tables: link search never offers him the others, and a crafted request may not either."""
	user = frappe.session.user
	region = user_region(user)
	if region is None or ADMIN_ROLES & set(frappe.get_roles(user)) or doc.meta.module not in _app_modules():
		return
	scoped = set(region_scoped_doctypes_cached())
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.get_link_fields():
			value = row.get(df.fieldname)
			if not value or df.options not in scoped or df.ignore_user_permissions:
				continue
			linked_region = frappe.db.get_value(df.options, value, "region")
			if linked_region and linked_region != region:
				frappe.throw(
					frappe._("{0} {1} belongs to another region").format(frappe._(df.options), value),
					frappe.PermissionError,
					title=frappe._("Not permitted"),
				)


def region_scoped_doctypes_cached() -> list[str]:
	return frappe.cache.get_value("kelisim:region_scoped_doctypes", region_scoped_doctypes)
