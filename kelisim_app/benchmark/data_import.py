"""Data Import of events: rows per second through Frappe's Data Import (every row inserted through the
controller, committed per row as Frappe does), beside a bulk SQL insert (floor) and a naive loop of
`get_doc().insert()` with a commit per row. The imported rows are deleted afterwards."""

from __future__ import annotations

import csv
import os
import tempfile
import time

import frappe
from frappe.utils import add_days, getdate, today

MARK = "BENCH-IMPORT"
REGION = "KZ-75"
CHILD_TABLES = ("KLS Event Language", "KLS Event Organiser", "KLS Event Speaker", "KLS Event Participant")


def rows(n: int) -> list[dict]:
	organisers = frappe.get_all(
		"KLS Public Structure",
		filters={"region": REGION, "status": "Active", "structure_kind": "Council of Public Consent"},
		pluck="name",
		limit=200,
	)
	out = []
	base = getdate(today())
	for i in range(n):
		day = add_days(base, -(i % 300) - 1)
		out.append(
			{
				"title": f"{MARK} {i:05d}",
				"event_type": "Round table",
				"organiser": organisers[i % len(organisers)],
				"region": REGION,
				"start": f"{day} 10:00:00",
				"end": f"{day} 12:00:00",
				"format": "In person",
				"participants_total": 40,
				"participants_youth": 10,
				"ethnic_groups_count": 5,
			}
		)
	return out


def cleanup() -> int:
	names = frappe.get_all("KLS Event", filters={"title": ["like", f"{MARK}%"]}, pluck="name")
	for chunk in range(0, len(names), 1000):
		part = names[chunk : chunk + 1000]
		for child in CHILD_TABLES:
			frappe.db.delete(child, {"parent": ["in", part]})
		frappe.db.delete("KLS Event", {"name": ["in", part]})
	frappe.db.commit()  # nosemgrep: the benchmark removes the rows it imported
	return len(names)


def via_data_import(data: list[dict]) -> float:
	from frappe.core.doctype.data_import.data_import import start_import

	fd, path = tempfile.mkstemp(suffix=".csv")
	with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
		writer = csv.DictWriter(f, fieldnames=list(data[0]))
		writer.writeheader()
		writer.writerows(data)
	with open(path, "rb") as f:
		content = f.read()
	os.unlink(path)
	file = frappe.get_doc(
		{"doctype": "File", "file_name": "bench-events.csv", "content": content, "is_private": 1}
	).insert(ignore_permissions=True)
	di = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": "KLS Event",
			"import_type": "Insert New Records",
			"import_file": file.file_url,
			"mute_emails": 1,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: the import runs in its own transactions
	started = time.perf_counter()
	start_import(di.name)
	elapsed = time.perf_counter() - started
	imported = frappe.db.count("KLS Event", {"title": ["like", f"{MARK}%"]})
	frappe.delete_doc("Data Import", di.name, ignore_permissions=True, force=True)
	frappe.delete_doc("File", file.name, ignore_permissions=True, force=True)
	if imported < len(data):
		print(f"  data import: {imported} of {len(data)} rows imported", flush=True)
	return imported / elapsed if elapsed else 0.0


def via_bulk_sql(data: list[dict]) -> float:
	fields = ["name", "creation", "modified", "owner", "modified_by", "docstatus", "workflow_state", *data[0]]
	now = frappe.utils.now()
	values = [
		(f"BENCH-{i:06d}", now, now, "Administrator", "Administrator", 0, "Planned", *row.values())
		for i, row in enumerate(data)
	]
	started = time.perf_counter()
	frappe.db.bulk_insert("KLS Event", fields, values, chunk_size=1000)
	frappe.db.commit()  # nosemgrep: measured like the import, which commits
	return len(data) / (time.perf_counter() - started)


def via_naive_loop(data: list[dict]) -> float:
	started = time.perf_counter()
	for row in data:
		frappe.get_doc({"doctype": "KLS Event", **row}).insert()
		frappe.db.commit()  # nosemgrep: a commit per row, as a naive script does
	return len(data) / (time.perf_counter() - started)


def run(n: int) -> str:
	frappe.set_user("Administrator")
	cleanup()
	data = rows(n)
	print(f"  data import of {n} events …", flush=True)
	app = via_data_import(data)
	cleanup()
	floor = via_bulk_sql(data)
	cleanup()
	naive_n = min(n, 1000)
	naive = via_naive_loop(data[:naive_n])
	cleanup()
	met = "yes" if app >= 300 else "**no**"
	return "\n".join(
		[
			"| Data Import (Administrator) | app rows/s | SQL floor rows/s | naive loop rows/s | floor / app "
			"| app / naive | target | met |",
			"|---|---:|---:|---:|---:|---:|---|---|",
			f"| {n:,} events via Data Import (naive loop on {naive_n:,} rows) | {app:,.0f} | {floor:,.0f} "
			f"| {naive:,.0f} | {floor / app if app else 0:.0f}× | {app / naive if naive else 0:.1f}× "
			f"| ≥ 300 rows/s | {met} |",
		]
	)
