"""Install, migrate and uninstall steps. Every step is idempotent: running it twice changes nothing."""

from __future__ import annotations

import contextlib
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import frappe

from kelisim_app.kelisim_core import locale_rules, rules
from kelisim_app.kelisim_core.frappe_version import check_installed_frappe
from kelisim_app.kelisim_core.indexes import ensure_indexes
from kelisim_app.kelisim_core.localization import (
	apply_kazakhstan_formats,
	remove_master_translations,
	sync_master_translations,
	translate_workflow_states,
	untranslate_workflow_states,
)
from kelisim_app.kelisim_core.permissions import resync_all_users
from kelisim_app.kelisim_core.workflow_sync import sync_shipped_workflows
from kelisim_app.utils.i18n import N_

KAZAKH = {"language_code": "kk", "language_name": "Қазақ тілі"}

ROLE_DESCRIPTION_FIELD = "kelisim_description"

# Labels and descriptions of the custom fields shipped in fixtures/custom_field.json, marked so that the
# translation catalogue carries them (the desk translates them when it shows the User and Role forms).
FIXTURE_MESSAGES = (
	N_("Description"),
	N_("Kelisim"),
	N_("Kelisim office"),
	N_("The office the user works in; a regional office confines him to its region."),
	N_("Kelisim region"),
	# #22: the user's IIN, which his electronic signatures must carry
	N_("IIN (for electronic signatures)"),
	N_(
		"The IIN of the user's NCA certificate: his electronic signatures are accepted only with it. Confidential."
	),
)


def before_install() -> None:
	check_installed_frappe()
	ensure_roles()


def after_install() -> None:
	# Frappe syncs an app's fixtures only after its after_install hooks; the custom fields are needed now
	from frappe.utils.fixtures import sync_fixtures

	sync_fixtures("kelisim_app")
	setup_site()


def after_migrate() -> None:
	setup_site()


def setup_site() -> None:
	"""Everything install and migrate keep in place (the custom fields come with the fixtures)."""
	ensure_roles()
	ensure_role_profiles()
	ensure_kazakh_language()
	sync_regions()
	ensure_offices()
	sync_shipped_masters()
	sync_master_translations()
	translate_workflow_states()
	ensure_indexes()
	apply_kazakhstan_formats()
	sync_shipped_workflows()
	resync_all_users()
	compile_translations()


def ensure_roles() -> None:
	"""The app's roles exist, with their descriptions (once the description field exists)."""
	described = frappe.get_meta("Role").has_field(ROLE_DESCRIPTION_FIELD)
	for spec in rules.ROLES:
		if not frappe.db.exists("Role", spec.name):
			frappe.get_doc(
				{"doctype": "Role", "role_name": spec.name, "desk_access": int(spec.desk_access)}
			).insert(ignore_permissions=True)
		if described and frappe.db.get_value("Role", spec.name, ROLE_DESCRIPTION_FIELD) != spec.description:
			frappe.db.set_value("Role", spec.name, ROLE_DESCRIPTION_FIELD, spec.description)


def ensure_role_profiles() -> None:
	"""Create the app's role profiles; an administrator's later edits of them are kept."""
	for spec in rules.ROLE_PROFILES:
		if frappe.db.exists("Role Profile", spec.name):
			continue
		doc = frappe.get_doc({"doctype": "Role Profile", "role_profile": spec.name})
		for role in spec.roles:
			doc.append("roles", {"role": role})
		doc.insert(ignore_permissions=True)


def ensure_kazakh_language() -> None:
	"""Frappe v15 ships no Kazakh: make `kk` a selectable language."""
	if frappe.db.exists("Language", KAZAKH["language_code"]):
		if not frappe.db.get_value("Language", KAZAKH["language_code"], "enabled"):
			frappe.db.set_value("Language", KAZAKH["language_code"], "enabled", 1)
		return
	frappe.get_doc({"doctype": "Language", "enabled": 1, **KAZAKH}).insert(ignore_permissions=True)


def sync_regions() -> int:
	"""Create the shipped regions and keep their names, kind and centre in step (never the population)."""
	changed = 0
	fields = [
		"region_code",
		"kind",
		"region_name",
		"region_name_ru",
		"region_name_kk",
		"admin_centre",
		"is_shipped",
	]
	for row in rules.parse_regions():
		current = frappe.db.get_value("KLS Region", row.code, fields, as_dict=True)
		updates = rules.region_updates(row, current)
		if not updates:
			continue
		changed += 1
		if current is None:
			frappe.get_doc({"doctype": "KLS Region", **updates}).insert(ignore_permissions=True)
		else:
			doc = frappe.get_doc("KLS Region", row.code)
			doc.update(updates)
			doc.save(ignore_permissions=True)
	return changed


APP_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ShippedMaster:
	"""Master records shipped as a CSV file: created by install, kept in step by migrate."""

	doctype: str
	key: str
	path: Path
	columns: dict[str, str] | None = None  # CSV column -> field, when they differ
	deferred: tuple[str, ...] = ()  # fields linking to records of the same file: written in a second pass


SHIPPED_MASTERS = (
	ShippedMaster(
		"KLS Structure Kind",
		"kind_name",
		APP_DIR / "kelisim_registry" / "data" / "structure_kinds.csv",
		columns={
			"name_en": "kind_name",
			"name_ru": "kind_name_ru",
			"name_kk": "kind_name_kk",
			"parent_kind": "parent_kind",
			"description": "description",
		},
		deferred=("parent_kind",),
	),
	ShippedMaster(
		"KLS Base Project", "project_name", APP_DIR / "kelisim_projects" / "data" / "base_projects.csv"
	),
	ShippedMaster("KLS Event Type", "type_name", APP_DIR / "kelisim_events" / "data" / "event_types.csv"),
	ShippedMaster("KLS Language", "language_name", APP_DIR / "kelisim_events" / "data" / "languages.csv"),
	# after the languages: a group names its language
	ShippedMaster(
		"KLS Ethnic Group", "group_name", APP_DIR / "kelisim_registry" / "data" / "ethnic_groups.csv"
	),
)


def read_master(master: ShippedMaster) -> list[dict]:
	with open(master.path, encoding="utf-8", newline="") as f:
		rows = list(csv.DictReader(f))
	if master.columns:
		rows = [{master.columns[k]: v for k, v in row.items() if k in master.columns} for row in rows]
	return [{k: (v.strip() if isinstance(v, str) else v) for k, v in row.items()} for row in rows]


def _differs(current, wanted) -> bool:
	return str(current if current is not None else "") != str(wanted if wanted is not None else "")


def sync_master(master: ShippedMaster) -> int:
	"""Create the shipped records and bring their shipped fields back in step; returns how many changed."""
	changed = 0
	rows = read_master(master)
	for row in rows:
		wanted = {k: v for k, v in row.items() if k not in master.deferred} | {"is_shipped": 1}
		name = row[master.key]
		if not frappe.db.exists(master.doctype, name):
			frappe.get_doc({"doctype": master.doctype, **wanted}).insert(ignore_permissions=True)
			changed += 1
			continue
		current = frappe.db.get_value(master.doctype, name, list(wanted), as_dict=True)
		updates = {k: v for k, v in wanted.items() if k != master.key and _differs(current.get(k), v)}
		if updates:
			frappe.db.set_value(master.doctype, name, updates)
			changed += 1
	for row in rows:
		updates = {
			f: (row.get(f) or None)
			for f in master.deferred
			if _differs(frappe.db.get_value(master.doctype, row[master.key], f), row.get(f) or None)
		}
		if updates:
			frappe.db.set_value(master.doctype, row[master.key], updates)
			changed += 1
	return changed


def sync_structure_kinds() -> int:
	from kelisim_app.kelisim_registry.rules import parse_kinds

	parse_kinds()  # rejects a malformed file before anything is written
	return sync_master(SHIPPED_MASTERS[0])


def sync_shipped_masters() -> int:
	sync_structure_kinds()
	return sum(sync_master(master) for master in SHIPPED_MASTERS[1:])


def ensure_offices() -> None:
	"""The RGU and one KGU per region exist, named in Kazakh and Russian; their cards (head, staff, contacts)
	are the users' to keep."""
	if not frappe.db.exists("KLS Office", {"office_type": rules.OFFICE_RGU}):
		name_kk, name_ru = locale_rules.office_names(True)
		frappe.get_doc(
			{
				"doctype": "KLS Office",
				"office_type": rules.OFFICE_RGU,
				"office_name": name_kk,
				"office_name_ru": name_ru,
			}
		).insert(ignore_permissions=True)
	regions = frappe.get_all("KLS Region", fields=["name", "region_name_kk", "region_name_ru"])
	for region in regions:
		if frappe.db.exists("KLS Office", {"office_type": rules.OFFICE_KGU, "region": region.name}):
			continue
		name_kk, name_ru = locale_rules.office_names(
			False, region.region_name_kk or region.name, region.region_name_ru
		)
		frappe.get_doc(
			{
				"doctype": "KLS Office",
				"office_type": rules.OFFICE_KGU,
				"region": region.name,
				"office_name": name_kk,
				"office_name_ru": name_ru,
			}
		).insert(ignore_permissions=True)
	name_offices_in_russian({r.name: r for r in regions})


def name_offices_in_russian(regions: dict) -> None:
	"""Offices made before the Russian name existed get it, once (a name an administrator gives is kept)."""
	if not frappe.get_meta("KLS Office").has_field("office_name_ru"):
		return
	for office in frappe.get_all(
		"KLS Office", filters={"office_name_ru": ["is", "not set"]}, fields=["name", "office_type", "region"]
	):
		region = regions.get(office.region) or frappe._dict()
		_kk, name_ru = locale_rules.office_names(
			office.office_type == rules.OFFICE_RGU,
			region.region_name_kk or office.region,
			region.region_name_ru,
		)
		frappe.db.set_value("KLS Office", office.name, "office_name_ru", name_ru)


def compile_translations() -> None:
	"""Build the app's .mo files so a fresh site speaks kk and ru without a `bench build`."""
	try:
		from frappe.gettext.translate import compile_translations as compile_po

		with contextlib.redirect_stdout(io.StringIO()):
			compile_po("kelisim_app")
	except Exception:
		frappe.log_error(title="Kelisim: compiling translations failed")


def before_uninstall() -> None:
	"""Remove what install created outside the app's own DocTypes."""
	remove_master_translations()
	untranslate_workflow_states()
	frappe.db.delete("User Permission", {"allow": "KLS Region"})
	for doctype in ("Workflow",):
		for name in frappe.get_all(doctype, filters={"document_type": ["like", "KLS %"]}, pluck="name"):
			frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
	for spec in rules.ROLE_PROFILES:
		if frappe.db.exists("Role Profile", spec.name):
			frappe.delete_doc("Role Profile", spec.name, ignore_permissions=True, force=True)
	for spec in rules.ROLES:
		frappe.db.delete("Has Role", {"role": spec.name})
		if frappe.db.exists("Role", spec.name):
			frappe.delete_doc("Role", spec.name, ignore_permissions=True, force=True)
