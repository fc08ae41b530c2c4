"""Field-level confidentiality as one mechanism (issue #18), derived from the metadata.

For every region-scoped DocType of the app with confidential fields (permlevel >= 1, `kelisim_core.metadata.hidden_fields`)
the world's record gets a distinctive value in each of its confidential text fields and a change history
that holds them. Every user kind who may read the record but not the level then pulls it through every path
the desk and the API offer - the form with everything loaded with it (history, timeline, attachments), REST,
list, report view, export, print, link and global search, the document-follow digest, every Script Report of
the app - and none of the values may come back. A reader who holds the level still sees the history whole.

Nothing here names a DocType or a field: a DocType the app gains later with a confidential field is probed
the same way (its record from `world.RECORD_FACTORIES`)."""

from __future__ import annotations

import json

import frappe
from frappe.model import no_value_fields
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core.metadata import hidden_fields
from kelisim_app.kelisim_core.permissions import region_scoped_doctypes
from kelisim_app.tests.security import matrix, scan, world

TEXT_TYPES = frozenset({"Data", "Small Text", "Text", "Long Text", "Text Editor", "Markdown Editor"})
KINDS = ("kgu_same", "kgu_other", "secretary_other", "mediator_other", "observer")


def confidential_fields(doctype: str) -> list:
	"""The valued fields of `doctype` some permission rule keeps at a level above 0."""
	return [
		df
		for df in frappe.get_meta(doctype).fields
		if df.permlevel and df.fieldtype not in no_value_fields and df.fieldtype != "Table"
	]


class TestConfidentialFields(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = world.users()
		cls.kinds = [k for k in world.kinds_with_users() if k.key in KINDS]
		doctypes = [dt for dt in region_scoped_doctypes() if confidential_fields(dt)]
		cls.records = world.records(cls.users, doctypes)
		frappe.set_user("Administrator")
		cls.secrets = {dt: cls.plant(dt, name) for dt, name in cls.records.items()}

	@classmethod
	def plant(cls, doctype: str, name: str) -> dict[str, str]:
		"""Sentinels in the record's confidential text fields and a change history that holds them (as a
		site that recorded them before the history was guarded would have); field -> value."""
		secrets = {}
		old = {}
		for df in confidential_fields(doctype):
			current = frappe.db.get_value(doctype, name, df.fieldname)
			if current and len(str(current)) >= 6:
				value = str(current)  # an IIN, a birth date, a narrative as the record holds it
			elif df.fieldtype in TEXT_TYPES:
				value = f"Sentinel{frappe.generate_hash(length=10)}"
				frappe.db.set_value(doctype, name, df.fieldname, value, update_modified=False)
			else:
				continue
			old[df.fieldname] = current
			secrets[df.fieldname] = value
		diff = {
			"changed": [[field, old.get(field), value] for field, value in secrets.items()],
			"added": [],
			"removed": [],
			"row_changed": [],
		}
		frappe.get_doc(
			{
				"doctype": "Version",
				"ref_doctype": doctype,
				"docname": name,
				"data": json.dumps(diff, default=str),
			}
		).insert(ignore_permissions=True)
		return secrets

	def tearDown(self):
		frappe.set_user("Administrator")
		matrix.clear_request()

	# -------------------------------------------------------------------------------------- paths
	def cmd(self, method: str, **form):
		from frappe.handler import execute_cmd

		matrix.reset_request(form, method="POST")
		try:
			result = execute_cmd(method)
		except frappe.PermissionError:
			result = "refused"
		out = {"result": result, "response": dict(frappe.local.response)}
		frappe.clear_messages()
		return out

	def readings(self, doctype: str, name: str, user: str) -> dict[str, object]:
		from frappe.api.v1 import read_doc
		from frappe.desk.form import document_follow
		from frappe.desk.reportview import export_query, get
		from frappe.utils.global_search import search
		from frappe.www.printview import get_html_and_style

		valued = [
			df.fieldname for df in frappe.get_meta(doctype).fields if df.fieldtype not in no_value_fields
		]
		out = {}
		out["form (getdoc)"] = self.cmd("frappe.desk.form.load.getdoc", doctype=doctype, name=name)
		out["docinfo"] = self.cmd("frappe.desk.form.load.get_docinfo", doctype=doctype, name=name)
		out["frappe.client.get"] = self.cmd("frappe.client.get", doctype=doctype, name=name)
		out["validate_link with fields"] = self.cmd(
			"frappe.client.validate_link", doctype=doctype, docname=name, fields=json.dumps(valued)
		)
		out["get_value"] = self.cmd(
			"frappe.client.get_value", doctype=doctype, fieldname=json.dumps(valued), filters=name
		)
		matrix.reset_request()
		out["REST read"] = read_doc(doctype, name).as_dict()
		out["list *"] = frappe.get_list(doctype, filters={"name": name}, fields=["*"])
		for field in valued:
			try:
				out[f"list {field}"] = frappe.get_list(doctype, filters={"name": name}, fields=[field])
			except frappe.PermissionError:
				pass
		matrix.reset_request(
			{"doctype": doctype, "fields": json.dumps(valued), "filters": json.dumps({"name": name})}
		)
		out["report view"] = get()
		matrix.reset_request(
			{
				"doctype": doctype,
				"fields": json.dumps([f"`tab{doctype}`.`{f}`" for f in valued]),
				"filters": json.dumps({"name": name}),
				"file_format_type": "CSV",
				"title": "sec",
			}
		)
		try:
			export_query()
			out["export"] = frappe.safe_decode(frappe.response.get("filecontent") or b"")
		except frappe.PermissionError:
			pass
		matrix.reset_request()
		try:  # Data Export (the desk's Data Export tool), with the child tables
			from frappe.core.doctype.data_export.exporter import export_data

			export_data(doctype=doctype, all_doctypes=True, with_data=True, filters={"name": name})
			out["Data Export"] = frappe.safe_decode(frappe.response.get("result") or "")
		except frappe.PermissionError:
			pass
		matrix.reset_request()
		try:
			out["print"] = get_html_and_style(doctype, name)
		except frappe.PermissionError:
			pass
		out["link search"] = self.cmd("frappe.desk.search.search_link", doctype=doctype, txt="")
		out["global search"] = [search(value) for value in self.secrets[doctype].values()]
		out["follow digest"] = document_follow.get_version(doctype, name, "Daily", user)
		for report in scan.script_reports():
			out[f"report {report.name}"] = self.cmd(
				"frappe.desk.query_report.run",
				report_name=report.name,
				filters=json.dumps({"year": 2031, "from_date": "2000-01-01", "to_date": "2100-12-31"}),
			)
		return out

	# -------------------------------------------------------------------------------------- tests
	def test_no_confidential_value_reaches_a_reader_without_the_level(self):
		leaks, pairs, paths = [], 0, 0
		for doctype, name in sorted(self.records.items()):
			for kind in self.kinds:
				if not matrix.expected(kind, doctype, world.REGION_A, "read"):
					continue
				secret = {
					field: value
					for field, value in self.secrets[doctype].items()
					if field in hidden_fields(doctype, user=kind.user)
				}
				if not secret:
					continue
				frappe.set_user(kind.user)
				readings = self.readings(doctype, name, kind.user)
				frappe.set_user("Administrator")
				pairs += 1
				paths += len(readings)
				for path, value in readings.items():
					text = json.dumps(value, default=str)
					found = [field for field, s in secret.items() if s in text]
					if found:
						leaks.append(f"{doctype} as {kind.key} via {path}: {found}")
		print(
			f"kelisim-metric: confidential fields {pairs} DocType × reader pairs, {paths} paths, {len(leaks)} leaks"
		)
		self.assertTrue(pairs, "no DocType with confidential fields was probed")
		self.assertFalse(leaks, "\n".join(leaks))

	def test_a_reader_with_the_level_sees_the_history_whole(self):
		checked = 0
		for doctype, name in sorted(self.records.items()):
			holder = next(
				(
					k
					for k in self.kinds
					if matrix.expected(k, doctype, world.REGION_A, "read")
					and not set(self.secrets[doctype]) & hidden_fields(doctype, user=k.user)
				),
				None,
			)
			if not holder or not self.secrets[doctype]:
				continue
			frappe.set_user(holder.user)
			docinfo = self.cmd("frappe.desk.form.load.getdoc", doctype=doctype, name=name)["response"]
			frappe.set_user("Administrator")
			history = json.dumps(docinfo.get("docinfo", {}).get("versions"), default=str)
			for field, value in self.secrets[doctype].items():
				self.assertIn(
					value, history, f"{doctype}.{field} hidden from {holder.key}, who holds its level"
				)
			checked += 1
		self.assertTrue(checked)

	def test_confidential_fields_are_no_search_title_or_preview_keys(self):
		"""Link search shows and matches a DocType's search fields and title, global search its indexed
		fields, a link preview its preview fields, all without looking at permission levels: a confidential
		field may be none of them (every DocType of the app, from its metadata)."""
		wrong = []
		for doctype in frappe.get_all(
			"DocType", filters={"module": ["in", scan.app_modules()]}, pluck="name"
		):
			meta = frappe.get_meta(doctype)
			secret = {df.fieldname for df in meta.fields if df.permlevel}
			keys = {f.strip() for f in (meta.search_fields or "").split(",") if f.strip()}
			keys |= {meta.title_field} if meta.title_field else set()
			keys |= {df.fieldname for df in meta.fields if df.in_global_search or df.in_preview}
			wrong += [f"{doctype}.{f}" for f in sorted(secret & keys)]
		self.assertFalse(wrong, f"confidential fields used as search, title or preview keys: {wrong}")
