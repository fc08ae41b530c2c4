"""Generated scanner of document-taking whitelisted methods (issue #18).

At test time it finds every whitelisted method of Frappe and of the app whose arguments name a DocType and a
document (or filters), by reading their source and signatures - never a hand-made list of paths - and calls
each through the request handler (so the app's overrides apply, as for the desk) as every user kind the issue
names, for a record of every region-scoped DocType outside the user's reach and for a name that does not
exist. It asserts that

* the two answers cannot be told apart (error type and message, result, what the response carries - with the
  names replaced by a placeholder): existence is as secret as content;
* the database is unchanged after each call (rows of Comment, Tag Link, ToDo, DocShare, File, Document
  Follow, Version; the document's modified, likes, tags, assignments, comments, docstatus): writes are as
  guarded as reads, for every record the user may not write.

Methods the scanner does not call are listed in `SAFE_BY_CONSTRUCTION` with the reason; the test fails when a
listed method no longer exists, so none is skipped silently.
"""

from __future__ import annotations

import ast
import base64
import inspect
import json
import os
import re
import sys
import time
from collections import Counter
from functools import partial
from pathlib import Path
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core.permissions import region_scoped_doctypes
from kelisim_app.tests.security import matrix, scan, world

DOCTYPE_PARAMS = ("doctype", "dt", "reference_doctype", "ref_doctype", "reference_type", "document_type")
NAME_PARAMS = ("name", "docname", "dn", "reference_name", "doc_name", "ref_docname", "document_name")
LIST_PARAMS = ("docnames", "names", "docs")
FILTER_PARAMS = ("filters",)
KINDS = ("kgu_other", "secretary_other", "mediator_other", "observer", "guest")
WATCHED = ("Comment", "Tag Link", "ToDo", "DocShare", "File", "Document Follow", "Version")
DOC_COLUMNS = ("modified", "docstatus", "_liked_by", "_user_tags", "_assign", "_comments")

# Methods whose document is nested in an argument: called with these arguments (name: the record's name).
SHAPED = {
	"frappe.desk.form.assign_to.add": lambda dt, name, user: {
		"doctype": dt,
		"name": name,
		"assign_to": json.dumps([user]),
		"description": "scanner",
	},
	"frappe.desk.form.assign_to.add_multiple": lambda dt, name, user: {
		"args": json.dumps(
			{"doctype": dt, "name": json.dumps([name]), "assign_to": json.dumps([user]), "bulk_assign": 1}
		)
	},
	"frappe.handler.upload_file": lambda dt, name, user: {
		"doctype": dt,
		"docname": name,
		"filename": "scanner.txt",
		"file_url": "",
		"is_private": 1,
		"library_file_name": "",
	},
	"frappe.desk.reportview.get": lambda dt, name, user: {
		"doctype": dt,
		"fields": json.dumps([f"`tab{dt}`.`name`"]),
		"filters": json.dumps([[dt, "name", "=", name]]),
	},
	"frappe.desk.reportview.get_count": lambda dt, name, user: {
		"doctype": dt,
		"filters": json.dumps([[dt, "name", "=", name]]),
	},
	"frappe.desk.form.utils.update_comment": None,  # built in setUp: a comment of the record (see _comment)
}

# Called from the client without a whitelist decorator (execute_cmd exempts run_doc_method from its check).
UNDECORATED = ("frappe.handler.run_doc_method",)

# Picked by their signature but not called, each with the reason.
SAFE_BY_CONSTRUCTION = {
	"frappe.email.queue.unsubscribe": "answers only a request signed by Frappe (verify_request) before reading",
	"frappe.email.doctype.newsletter.newsletter.newsletter_email_read": "Newsletter only: records a read "
	"receipt of a Newsletter e-mail, never touches the DocType it is given",
	"frappe.website.doctype.discussion_topic.discussion_topic.submit_discussion": "writes Discussion Topic / "
	"Reply rows on a web page's discussion, never the document it names",
	"frappe.core.doctype.access_log.access_log.make_access_log": "records the caller's own export or print "
	"in the Access Log (as Frappe does for every export); reads nothing",
	"frappe.email.relink": "needs write on the Communication first; Communication is a System Manager's "
	"and Inbox User's (none of the user kinds)",
	"frappe.workflow.doctype.workflow_action.workflow_action.apply_action": "answers only a request signed by "
	"Frappe (verify_request) before reading the document",
	"frappe.workflow.doctype.workflow_action.workflow_action.confirm_action": "answers only a request signed "
	"by Frappe (verify_request) before reading the document",
	"frappe.core.doctype.user_permission.user_permission.check_applicable_doc_perm": "System Manager only "
	"(frappe.only_for)",
	"frappe.email.doctype.email_group.email_group.import_from": "Email Group only: its `name` is an Email "
	"Group, the DocType a source of addresses read with get_list (the user's scope)",
}

DEFAULTS = {
	"content": "scanner",
	"comment": "scanner",
	"comment_email": "scanner@example.com",
	"comment_by": "Scanner",
	"tag": "sec-scan",
	"tags": json.dumps(["sec-scan"]),
	"txt": "",
	"searchfield": "name",
	"start": 0,
	"page_len": 20,
	"fieldname": "name",
	"field": "name",
	"fields": json.dumps(["name"]),
	"stats": json.dumps(["_user_tags"]),
	"action": "scan",
	"add": "Yes",
	"like": "true",
	"following": 1,
	"value": "scan",
	"title": "Scan",
	"filename": "scanner.txt",
	"filedata": base64.b64encode(b"scan").decode(),
	"decode_base64": 1,
	"frequency": "Daily",
	"perm_type": "read",
	"permission_to": "read",
	"read": 1,
	"write": 1,
	"share": 1,
	"items": json.dumps([]),
	"subject": "scan",
	"recipients": "scanner@example.com",
	"send_email": 0,
	"start_date": "2031-01-01",
	"end_date": "2031-12-31",
	"prev": 0,
	"web_form_name": "mediation-appeal",
	"route": "scan",
	"linkinfo": json.dumps({}),
	"attachments": json.dumps([]),
	"data": json.dumps({}),
	"report_settings": json.dumps({}),
	"method": "run",
	"docfield": "",
	"goal_value_field": "name",
	"goal_total_field": "name",
	"goal_history_field": "name",
	"goal_doctype": "ToDo",
	"goal_doctype_link": "name",
	"goal_field": "name",
	"date_field": "creation",
	"aggregation": "count",
	"type": "location_field",
	"field_map": json.dumps({"start": "creation", "end": "creation", "id": "name", "title": "name"}),
	"ignore_permissions": 1,  # a client asking to switch the checks off: must change nothing
}


# ------------------------------------------------------------------------------------------ discovery
def _whitelist_decorators(node) -> list:
	out = []
	for d in node.decorator_list:
		target = d.func if isinstance(d, ast.Call) else d
		if isinstance(target, ast.Attribute) and target.attr == "whitelist":
			out.append(d)
		elif isinstance(target, ast.Name) and target.id == "whitelist":
			out.append(d)
	return out


def module_whitelisted(app: str) -> list[str]:
	"""Dotted paths of the module-level whitelisted functions of `app` (its source, tests left out)."""
	root = Path(frappe.get_app_path(app))
	found = []
	for path in sorted(root.rglob("*.py")):
		rel = path.relative_to(root.parent)
		if "tests" in rel.parts or path.name.startswith("test_") or "patches" in rel.parts:
			continue
		try:
			tree = ast.parse(path.read_text(encoding="utf-8"))
		except (SyntaxError, UnicodeDecodeError):
			continue
		module = ".".join(rel.with_suffix("").parts)
		if module.endswith(".__init__"):
			module = module[: -len(".__init__")]
		for node in tree.body:
			if isinstance(node, ast.FunctionDef) and _whitelist_decorators(node):
				found.append(f"{module}.{node.name}")
	return found


def takes_a_document(params: list[str]) -> bool:
	names = set(params)
	return bool(names & set(DOCTYPE_PARAMS)) and bool(names & set(NAME_PARAMS + LIST_PARAMS + FILTER_PARAMS))


def candidates() -> dict[str, list[str]]:
	"""method -> its parameters, for every whitelisted method taking a DocType and a document or filters."""
	out = {}
	for app in ("frappe", scan.APP):
		for path in module_whitelisted(app):
			if path in SAFE_BY_CONSTRUCTION:
				continue
			try:
				fn = frappe.get_attr(path)
			except Exception:
				continue  # a module that cannot be imported here (optional dependency) serves nothing either
			params = list(inspect.signature(inspect.unwrap(fn)).parameters)
			if takes_a_document(params) or path in SHAPED:
				out[path] = params
	for path in [*SHAPED, *UNDECORATED]:
		if path not in out:
			out[path] = list(inspect.signature(inspect.unwrap(frappe.get_attr(path))).parameters)
	return out


def arguments(method: str, params: list[str], doctype: str, name: str, user: str, extra: dict) -> dict:
	if method in SHAPED:
		return SHAPED[method](doctype, name, user) if SHAPED[method] else dict(extra)
	fn = inspect.unwrap(frappe.get_attr(method))
	signature = inspect.signature(fn).parameters
	kwargs = {}
	for param in params:
		if param in DOCTYPE_PARAMS:
			kwargs[param] = doctype
		elif param in NAME_PARAMS:
			kwargs[param] = name
		elif param in LIST_PARAMS:
			kwargs[param] = json.dumps([name])
		elif param in FILTER_PARAMS:
			kwargs[param] = json.dumps({"name": name})
		elif param in ("user", "assign_to"):
			kwargs[param] = user if param == "user" else json.dumps([user])
		elif param in DEFAULTS:
			kwargs[param] = DEFAULTS[param]
		elif signature[param].default is inspect.Parameter.empty and signature[param].kind not in (
			inspect.Parameter.VAR_KEYWORD,
			inspect.Parameter.VAR_POSITIONAL,
		):
			kwargs[param] = "scan"
	if method == "frappe.handler.run_doc_method":
		kwargs.update({"dt": doctype, "dn": name, "method": extra.get("doc_method", "run")})
	return kwargs


WRITE_VERB = re.compile(
	r"(^|_)(add|set|save|submit|cancel|delete|remove|update|rename|follow|unfollow|like|attach|upload|assign|"
	r"share|apply|make|create|bulk|close|unlock|insert|import|relink|toggle|mark|run|send|print|amend|restore)"
)


def writes(method: str) -> bool:
	"""Whether a method may change something: its right in the guard table, or a verb of change in its name
	(for a reader of the record the scanner calls only these, to check they change nothing)."""
	from kelisim_app.overrides.guarded_methods import GUARDED_METHODS, READ

	if method in GUARDED_METHODS:
		return GUARDED_METHODS[method][0] != READ
	return bool(WRITE_VERB.search(method.rsplit(".", 1)[-1])) or method in SHAPED


def right(method: str) -> str:
	"""The right whose holder may change something through `method` (e-mail for `communication.make`: a
	user who may e-mail about a record he may read records the e-mail on it)."""
	from kelisim_app.overrides.guarded_methods import GUARDED_METHODS, READ

	ptype = GUARDED_METHODS.get(method, ("write",))[0]
	return "write" if ptype == READ else ptype


# ------------------------------------------------------------------------------------------ calling
def normalise(value, names: tuple[str, ...]) -> str:
	text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
	for name in sorted(names, key=len, reverse=True):
		text = text.replace(name, "<N>")
	text = re.sub(r'"__frappe_exc_id": "[0-9a-f]+"', '"__frappe_exc_id": "<id>"', text)  # random per message
	return re.sub(r"\s+", " ", text)


def call(method: str, kwargs: dict, names: tuple[str, ...]) -> str:
	"""The answer of the request handler as a client would see it, names replaced by a placeholder."""
	from frappe.handler import execute_cmd

	matrix.reset_request(kwargs, method="POST")
	frappe.flags.error_message = None
	# a method that commits or rolls back would end the test's savepoint: both stay inside it
	db = frappe.local.db
	commits = []
	# the app's read-only figures (`replica_read`) start a READ ONLY transaction when the connection has no
	# uncommitted writes, which would end the scan's savepoint: the scan's own records count as such writes
	db.transaction_writes = max(1, db.transaction_writes)
	with (
		patch.object(db, "commit", lambda *a, **k: commits.append(1)),
		patch.object(db, "begin", lambda *a, **k: None),
		patch.object(db, "rollback", partial(_rollback_inside, type(db).rollback.__get__(db))),
	):
		try:
			result = execute_cmd(method)
			kind = "ok"
		except Exception as e:
			result = str(e)
			kind = type(e).__name__
	response = {k: v for k, v in (frappe.local.response or {}).items() if k not in ("docs",) or v}
	messages = [m for m in frappe.get_message_log()]
	frappe.clear_messages()
	return normalise({"kind": kind, "result": result, "response": response, "messages": messages}, names)


def _rollback_inside(rollback, *, save_point=None):
	return rollback(save_point=save_point or "kls_scan")


def snapshot(doctype: str, name: str) -> tuple:
	counts = tuple(
		frappe.db.sql(" union all ".join(f"select count(*) from `tab{dt}`" for dt in WATCHED), pluck=True)
	)
	columns = [c for c in DOC_COLUMNS if frappe.db.has_column(doctype, c)]
	row = frappe.db.get_value(doctype, name, columns, as_dict=True) if name else None
	return counts, json.dumps(row, sort_keys=True, default=str)


class TestMethodScanner(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = world.users()
		cls.kinds = {k.key: k for k in world.kinds_with_users() if k.key in KINDS}
		cls.doctypes = region_scoped_doctypes()
		cls.records = world.records(cls.users, cls.doctypes)
		frappe.set_user("Administrator")
		cls.comments = {
			dt: frappe.get_doc(dt, name).add_comment("Comment", "scanner's comment").name
			for dt, name in cls.records.items()
		}
		cls.methods = candidates()
		if os.environ.get("KELISIM_SCAN_ONLY"):  # a developer's narrowed run (never in ./dev/test)
			cls.methods = {
				m: p for m, p in cls.methods.items() if re.search(os.environ["KELISIM_SCAN_ONLY"], m)
			}

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		matrix.clear_request()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		matrix.clear_request()

	def test_safe_by_construction_methods_exist(self):
		for method in SAFE_BY_CONSTRUCTION:
			self.assertTrue(callable(frappe.get_attr(method)), method)

	def test_every_guarded_method_exists_and_is_found(self):
		"""The guard table names only real methods, and the scanner calls each of them."""
		from kelisim_app.overrides.guarded_methods import GUARDED_METHODS, GUEST_GUARDS

		not_whitelisted = [
			m
			for m in GUARDED_METHODS
			if m not in GUEST_GUARDS and frappe.get_attr(m) not in frappe.whitelisted
		]
		self.assertFalse(not_whitelisted, "not whitelisted methods in the guard table")
		from kelisim_app.overrides.guarded_methods import OVERRIDES

		hooks = frappe.get_hooks("override_whitelisted_methods")
		unhooked = [m for m, path in OVERRIDES.items() if hooks.get(m, [None])[-1] != path]
		self.assertFalse(unhooked, "hooks.py override_whitelisted_methods lacks these guards")
		missed = [m for m in GUARDED_METHODS if m not in self.methods]
		self.assertFalse(missed, f"the scanner does not call {missed}")

	def test_scanner(self):
		failures: list[str] = []
		tried = Counter()
		doctypes_tried, users_tried = set(), set()
		timing = Counter()
		for method, params in sorted(self.methods.items()):
			started = time.monotonic()
			for doctype, name in sorted(self.records.items()):
				for key, kind in self.kinds.items():
					may_read = matrix.expected(kind, doctype, world.REGION_A, "read")
					may_write = matrix.expected(kind, doctype, world.REGION_A, "write")
					if may_read and (may_write or not writes(method)):
						continue  # a read of a record he may read, or a record his to change: nothing to hide
					for extra in self.variants(method, doctype):
						self.probe(method, params, doctype, name, kind, key, extra, failures, tried)
					doctypes_tried.add(doctype)
					users_tried.add(key)
			timing[method] = time.monotonic() - started
			if os.environ.get("KELISIM_SCAN_PROGRESS"):
				print(f"{method} {timing[method]:.1f}s {len(failures)}", file=sys.stderr, flush=True)
		frappe.set_user("Administrator")
		print("slowest:", ", ".join(f"{m} {t:.0f}s" for m, t in timing.most_common(8)))
		print(
			f"kelisim-metric: method scanner {len(self.methods)} methods × {len(doctypes_tried)} DocTypes × "
			f"{len(users_tried)} user kinds, {tried['pairs']} pairs, {tried['calls']} calls, "
			f"{len(failures)} leaks, {len(SAFE_BY_CONSTRUCTION)} safe by construction"
		)
		self.assertFalse(failures, "\n".join(failures[:60]) + f"\n… {len(failures)} in all")

	def variants(self, method: str, doctype: str) -> list[dict]:
		"""The extra arguments of each call: a comment of the record to edit, each method of the DocType's
		controller for run_doc_method (its own whitelisted methods), nothing otherwise."""
		if method == "frappe.desk.form.utils.update_comment":
			return [{"name": self.comments[doctype], "content": "scanner"}]
		if method in ("frappe.handler.run_doc_method", "frappe.desk.form.run_method.runserverobj"):
			own = [m.name for m in scan.whitelisted_methods() if m.doctype == doctype]
			return [{"doc_method": m} for m in own or ["run"]]
		return [{}]

	def probe(self, method, params, doctype, name, kind, key, extra, failures, tried) -> None:
		may_read = matrix.expected(kind, doctype, world.REGION_A, "read")
		may_write = matrix.expected(kind, doctype, world.REGION_A, right(method))
		missing = f"{name}-0NOPE"
		frappe.set_user(kind.user)
		answers = []
		for target in (name, missing):
			if method == "frappe.desk.form.utils.update_comment" and target == missing:
				extra = {"name": f"{self.comments[doctype]}-0NOPE", "content": "scanner"}
			kwargs = arguments(method, params, doctype, target, kind.user, extra)
			before = snapshot(doctype, name)
			frappe.db.savepoint("kls_scan")
			try:
				answers.append(
					call(
						method,
						kwargs,
						(name, missing, self.comments[doctype], f"{self.comments[doctype]}-0NOPE"),
					)
				)
				after = snapshot(doctype, name)
			finally:
				try:
					frappe.db.rollback(save_point="kls_scan")
				except Exception:
					failures.append(f"{method} {doctype} as {key}: ended the transaction (committed)")
					after = None
			tried["calls"] += 1
			if after != before and not (may_write and target == name):
				failures.append(f"{method} {doctype} as {key} ({target}): changed the database")
		if not may_read and answers[0] != answers[1]:
			at = next((i for i, (a, b) in enumerate(zip(*answers, strict=False)) if a != b), 0)
			failures.append(
				f"{method} {doctype} as {key} {extra or ''}: tells the record exists\n"
				f"  outside: …{answers[0][max(0, at - 80) : at + 160]}\n"
				f"  missing: …{answers[1][max(0, at - 80) : at + 160]}"
			)
		tried["pairs"] += 1
