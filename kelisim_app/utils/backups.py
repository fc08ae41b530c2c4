"""Scheduled backups from Frappe's own scheduler, for deployments where bench's cron entry
(`bench setup backups`) does not exist, e.g. containers: the scheduler pod takes them.

Frappe v15 has the backup (`frappe.utils.backups.new_backup`: database dump, site config, public and private
files) and its retention (`keep_backups_for_hours`: every backup run first deletes older backup files), but no
scheduled event that calls it. `hourly` is that event (`hourly_long`, so the long queue runs it). It is off
unless the site config says how often:

    bench --site SITE set-config kelisim_backup_interval_hours 6 --parse      # 0 / absent: off
    bench --site SITE set-config kelisim_backup_with_files 1 --parse          # default 1: public and private files
    bench --site SITE set-config keep_backups_for_hours 168 --parse           # Frappe's retention (default 24)

Frappe decides whether a backup is due: `new_backup(older_than=interval)` reuses a set younger than the
interval. Frappe's own hourly `delete_downloadable_backups` also keeps at most *System Settings → Number of
Backups* database dumps: set it to at least keep_backups_for_hours / interval (docs/deployment.md).
"""

from __future__ import annotations

import os

import frappe
from frappe.utils import cint

CONF_INTERVAL = "kelisim_backup_interval_hours"
CONF_WITH_FILES = "kelisim_backup_with_files"


def interval_hours() -> int:
	return max(cint(frappe.conf.get(CONF_INTERVAL)), 0)


def with_files() -> bool:
	return bool(cint(frappe.conf.get(CONF_WITH_FILES, 1)))


def hourly() -> dict[str, str] | None:
	"""The scheduled event: a backup when the last one is older than the interval; returns the set's paths
	(None when scheduled backups are off)."""
	from frappe.utils.backups import new_backup

	hours = interval_hours()
	if not hours:
		return None
	odb = new_backup(older_than=hours, ignore_files=not with_files())
	paths = {
		"database": odb.backup_path_db,
		"config": odb.backup_path_conf,
	}
	if with_files():
		paths.update({"public": odb.backup_path_files, "private": odb.backup_path_private_files})
	missing = [kind for kind, path in paths.items() if not (path and os.path.exists(path))]
	logger = frappe.logger("kelisim.backup")
	if missing:
		logger.error(f"scheduled backup incomplete, missing: {', '.join(missing)}")
		frappe.log_error(title="Kelisim scheduled backup incomplete", message=repr(paths))
	else:
		logger.info(f"scheduled backup: {paths['database']}")
	return paths
