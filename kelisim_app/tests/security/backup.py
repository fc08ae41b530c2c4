"""What `dev/check-backup` compares between a site and its restored copy (run with `bench execute`):
the row count of every DocType of the app, a sample of documents, every signed-off document (its snapshot
included) and every private attachment of the app's records (its bytes), each as a digest."""

from __future__ import annotations

import hashlib
import json

import frappe

from kelisim_app.tests.security.scan import app_modules

SAMPLE = 3
MARK = "Backup check"


def digest(value) -> str:
	return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def app_doctypes() -> list[frappe._dict]:
	return frappe.get_all(
		"DocType",
		filters={"module": ["in", app_modules()], "issingle": 0, "is_virtual": 0},
		fields=["name", "istable", "is_submittable"],
		order_by="name",
	)


def doc_digest(doctype: str, name: str) -> str:
	return digest(frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True))


def fingerprint() -> dict:
	doctypes = app_doctypes()
	counts = {d.name: frappe.db.count(d.name) for d in doctypes}
	sample = {}
	signed = {}
	for d in doctypes:
		if d.istable:
			continue
		names = frappe.get_all(d.name, pluck="name", order_by="name")
		for name in names[:SAMPLE] + names[-SAMPLE:]:
			sample[f"{d.name}/{name}"] = doc_digest(d.name, name)
		if d.is_submittable:
			for name in frappe.get_all(d.name, filters={"docstatus": 1}, pluck="name"):
				signed[f"{d.name}/{name}"] = doc_digest(d.name, name)
	files = {}
	for f in frappe.get_all(
		"File",
		filters={"is_private": 1, "is_folder": 0, "attached_to_doctype": ["in", [d.name for d in doctypes]]},
		fields=["name", "file_url", "attached_to_doctype", "attached_to_name"],
	):
		content = frappe.get_doc("File", f.name).get_content()
		content = content.encode() if isinstance(content, str) else content
		files[f.file_url] = [f.attached_to_doctype, f.attached_to_name, hashlib.sha256(content).hexdigest()]
	return {
		"counts": counts,
		"sample": sample,
		"signed": signed,
		"files": files,
		"records": sum(counts.values()),
	}


def seed() -> dict:
	"""Make sure the site has what the check must see survive: a private attachment of an app record and a
	signed-off document with its snapshot (made once, marked "Backup check")."""
	from kelisim_app.kelisim_reporting import rules

	made = {}
	if not frappe.db.exists("KLS Regional Report", {"docstatus": 1}):
		period = (
			frappe.db.get_value("KLS Reporting Period", {}, "name")
			or frappe.get_doc(
				{
					"doctype": "KLS Reporting Period",
					"period_type": "Quarter",
					"year": 2001,
					"number": 1,
					"due_date": "2001-04-30",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		region = frappe.get_all("KLS Region", pluck="name", order_by="name", limit=1)[0]
		report = frappe.get_doc(
			{
				"doctype": "KLS Regional Report",
				"period": period,
				"region": region,
				"language": "ru",
				"achievements": MARK,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value(
			"KLS Regional Report",
			report.name,
			{"docstatus": 1, "workflow_state": "Signed off", "snapshot": rules.snapshot(report.figures())},
			update_modified=False,
		)
		made["signed"] = report.name
	doctypes = [d.name for d in app_doctypes()]
	if not frappe.db.exists("File", {"is_private": 1, "attached_to_doctype": ["in", doctypes]}):
		target = frappe.get_all("KLS Region", pluck="name", limit=1)[0]
		made["file"] = (
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "backup-check.txt",
					"attached_to_doctype": "KLS Region",
					"attached_to_name": target,
					"is_private": 1,
					"content": f"{MARK}: private attachment",
				}
			)
			.insert(ignore_permissions=True)
			.file_url
		)
	frappe.db.commit()  # nosemgrep: bench execute of a dev script, before the backup is taken
	return made
