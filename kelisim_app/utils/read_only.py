"""`replica_read`: run a read-heavy function (a Script Report's `execute`, dashboard figures, the national
roll-up) the way Frappe runs its own report endpoint, and guarantee that it cannot write.

Frappe v15's `frappe.read_only()` only swaps the connection: when the site sets `read_from_replica`, the
function runs on a connection to `replica_host` (and back to the primary afterwards); without a replica it
does nothing, so a write inside it would go through. `replica_read` wraps `frappe.read_only()` and adds the
guarantee on whatever connection the body gets (replica or primary):

* when the connection has no uncommitted writes, the body runs in a MariaDB `START TRANSACTION READ ONLY`
  transaction, so the database itself refuses a write (error 1792, raised by Frappe as
  `frappe.InReadOnlyMode`); afterwards the read-only transaction is rolled back (it holds nothing) and a normal
  one begins, so the caller writes again;
* when the caller already has uncommitted writes (a request or a test that wrote before calling a report),
  starting a new transaction would commit them implicitly (Frappe refuses: `ImplicitCommitError`), so the body
  keeps the caller's transaction and a guard on `frappe.db.sql` refuses every write or DDL statement with the
  same `frappe.InReadOnlyMode` (temporary tables excepted, as in a MariaDB read-only transaction), and a
  commit too (it would commit the caller's work);
* `frappe.flags.read_only` is set while the body runs, so a `frappe.db.commit()` inside it begins another
  read-only transaction rather than a writable one, and Frappe skips its own bookkeeping writes (seen-by,
  session updates);
* nested decorated calls run inside the outer one without switching anything again.
"""

from __future__ import annotations

import functools
import re

import frappe
from frappe import _

# statements that change data or schema; `create temporary table` / `drop temporary table` are allowed
_WRITE = re.compile(
	r"^\s*(insert|update|delete|replace|alter|drop(?!\s+temporary)|create(?!\s+temporary)|truncate|rename"
	r"|grant|revoke|lock\s+tables)\b",
	re.IGNORECASE,
)


_COMMIT = re.compile(r"^\s*(commit|start\s+transaction|begin)\b", re.IGNORECASE)


def is_write_statement(query) -> bool:
	return bool(_WRITE.match(str(query or "")))


def _refuse():
	frappe.throw(
		_("This report only reads data; it cannot change records."),
		title=_("In Read Only Mode"),
		exc=frappe.InReadOnlyMode,
	)


def _depth() -> int:
	return getattr(frappe.local, "kls_read_only_depth", 0)


def _guarded(fn, args, kwargs):
	"""Run `fn` on the current connection (`frappe.db`, the replica's inside `frappe.read_only`) read-only."""
	if _depth():
		return fn(*args, **kwargs)

	db = frappe.db
	previous_flag = frappe.flags.read_only
	database_level = not db.transaction_writes
	original_sql = None

	if database_level:
		db.sql("START TRANSACTION READ ONLY")
	else:
		original_sql = db.sql

		@functools.wraps(original_sql)
		def guarded_sql(query, *a, **kw):
			if is_write_statement(query) or _COMMIT.match(str(query or "")):
				_refuse()  # a commit here would commit the caller's writes and end the guard
			return original_sql(query, *a, **kw)

		db.sql = guarded_sql  # instance attribute: shadows the method for this connection only

	frappe.local.kls_read_only_depth = 1
	frappe.flags.read_only = True
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.local.kls_read_only_depth = 0
		frappe.flags.read_only = previous_flag
		if original_sql is not None:
			del db.sql
		if database_level:
			# nothing was written (the server refused it); `rollback` also clears Frappe's write counter that
			# counted the refused statement, so the normal transaction can begin
			db.sql("ROLLBACK")
			db.begin()


def replica_read(fn):
	"""Decorator: `fn` reads from the replica when the site has one, and cannot write in any case."""

	@functools.wraps(fn)
	def wrapper(*args, **kwargs):
		return frappe.read_only()(functools.partial(_guarded, fn, args, kwargs))()

	return wrapper


__all__ = ["is_write_statement", "replica_read"]
