"""A bulk-replicated "scale N" for the benchmark when generating scale N would take too long:
the mass records the demo generator made (structures, people, memberships, mediators, events, cases,
publications, with their child rows) copied N-1 times by INSERT … SELECT, names and links suffixed `-R<k>`.

NOT a demo data set — no validation runs, every copy repeats its original's dates and figures — only the
row counts and value distributions of scale N for measuring queries. Label results "scale N (replicated)":

    bench --site SITE execute kelisim_app.benchmark.replicate.replicate --kwargs "{'factor': 10}"
"""

from __future__ import annotations

import frappe

from kelisim_app.demo import users

# table → {column: how the copy's value is made}; "name" and link columns are suffixed
LINKS = {
	"KLS Public Structure": ("name", "parent_structure"),
	"KLS Person": ("name",),
	"KLS Membership": ("name", "person", "structure"),
	"KLS Mediator": ("name", "person", "mediation_structure"),
	"KLS Event": ("name", "organiser", "venue"),
	"KLS Event Language": ("name", "parent"),
	"KLS Event Organiser": ("name", "parent", "structure"),
	"KLS Mediation Case": ("name", "mediator", "handling_structure", "co_handler"),
	"KLS Case Party": ("name", "parent", "person"),
	"KLS Case Assignment": ("name", "parent", "mediator"),
	"KLS Media Publication": ("name", "outlet", "event"),
}
CHILD_TABLES = {
	"KLS Event": ("KLS Event Language", "KLS Event Organiser"),
	"KLS Mediation Case": ("KLS Case Party", "KLS Case Assignment"),
}
CHILDREN = {child: parent for parent, children in CHILD_TABLES.items() for child in children}
CLEARED = {"KLS Mediator": ("user",), "KLS Public Structure": ("secretary_user",)}


def copy_table(doctype: str, k: int, owner: str) -> int:
	columns = frappe.db.get_table_columns(doctype)
	suffix = f"-R{k}"
	expressions = []
	for col in columns:
		if col in LINKS[doctype]:
			expressions.append(f"if(`{col}` is null or `{col}`='', `{col}`, concat(`{col}`, '{suffix}'))")
		elif col in CLEARED.get(doctype, ()):
			expressions.append("null")
		elif doctype == "KLS Public Structure" and col == "structure_name":
			expressions.append(f"concat(`structure_name`, ' R{k}')")
		else:
			expressions.append(f"`{col}`")
	parent = CHILDREN.get(doctype)
	originals = "owner=%(owner)s and name not like '%%-R%%'"  # copy the generated records, never a copy
	where = f"parent in (select name from `tab{parent}` where {originals})" if parent else originals
	cols = ", ".join(f"`{c}`" for c in columns)
	frappe.db.sql(
		f"insert into `tab{doctype}` ({cols}) select {', '.join(expressions)} from `tab{doctype}` where {where}",  # nosemgrep
		{"owner": owner},
	)
	return frappe.db.sql("select row_count()")[0][0]


def replicate(factor: int = 10, owner: str = users.LOADER) -> dict[str, int]:
	"""Copy the generated mass records factor-1 times; idempotent per copy (a copy that exists is skipped)."""
	copied: dict[str, int] = {}
	for k in range(1, int(factor)):
		if frappe.db.exists("KLS Public Structure", {"name": ["like", f"%-R{k}"]}):
			continue
		for doctype in LINKS:
			copied[doctype] = copied.get(doctype, 0) + copy_table(doctype, k, owner)
		frappe.db.commit()  # nosemgrep: a CLI helper owns its transaction, one commit per copy
		print(f"copy {k} of {int(factor) - 1} done", flush=True)
	return copied
