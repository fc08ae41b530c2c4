"""Helpers of the layer-2 (Frappe) tests: users of each kind, made idempotently."""

from __future__ import annotations

import contextlib
from unittest.mock import patch

import frappe

from kelisim_app.install import setup_site

TEST_DOMAIN = "test.kelisim.kz"


def before_tests() -> None:
	"""bench run-tests: the site has the app's base data (roles, regions, offices)."""
	frappe.clear_cache()
	setup_site()
	# the approval chains are tested without electronic signatures; the signature suite
	# (kelisim_core/tests/test_signing.py) switches them on for itself
	frappe.db.set_single_value("KLS Signature Settings", "enabled", 0)
	frappe.db.commit()  # nosemgrep: base data must outlive the test classes' rollbacks


def make_user(key: str, roles: list[str], office: str | None = None, language: str = "en") -> str:
	"""A user `<key>@test.kelisim.kz` with exactly these roles and this office."""
	email = f"{key}@{TEST_DOMAIN}"
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.new_doc("User")
		user.update({"email": email, "first_name": key, "send_welcome_email": 0, "user_type": "System User"})
	user.language = language
	user.kelisim_office = office
	user.set("roles", [{"role": r} for r in roles])
	user.flags.ignore_permissions = True
	user.save() if not user.is_new() else user.insert()
	return email


def kgu_office(region: str) -> str:
	return frappe.db.get_value("KLS Office", {"office_type": "KGU", "region": region})


def rgu_office() -> str:
	return frappe.db.get_value("KLS Office", {"office_type": "RGU"})


@contextlib.contextmanager
def unwatched_queues():
	"""Jobs enqueued inside go to a real RQ queue that no worker listens to (`kelisim-test:<queue>`), so a
	bench whose workers run (`bench start`) cannot execute them on the test site while the test looks at
	them. Yields the queue types the code asked for (e.g. ["long"])."""
	from frappe.utils import background_jobs
	from rq import Queue

	real = background_jobs.get_queue
	asked: list[str] = []

	def get_queue(qtype: str = "default", is_async: bool = True):
		asked.append(qtype)
		queue = real(qtype, is_async=is_async)  # Frappe's own validation of the queue type
		return Queue(f"kelisim-test:{queue.name}", connection=queue.connection, is_async=is_async)

	with patch.object(background_jobs, "get_queue", get_queue):
		yield asked


def run_data_import(doctype: str, csv_text: str, file_name: str, ignore_permissions: bool = False):
	"""Frappe's own Data Import (Insert New Records) of `csv_text` into `doctype`, as the current user unless
	`ignore_permissions`, run at once; returns the reloaded Data Import (status, template_warnings)."""
	file = frappe.get_doc(
		{"doctype": "File", "file_name": file_name, "content": csv_text.encode("utf-8"), "is_private": 1}
	).insert(ignore_permissions=ignore_permissions)
	data_import = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": doctype,
			"import_type": "Insert New Records",
			"import_file": file.file_url,
			"mute_emails": 1,
		}
	).insert(ignore_permissions=ignore_permissions)
	frappe.db.commit()  # nosemgrep: as Frappe's importer tests (the import runs on committed data)
	data_import.start_import()
	data_import.reload()
	return data_import
