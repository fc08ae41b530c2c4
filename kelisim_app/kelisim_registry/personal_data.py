"""Personal data of the registry's people on a site (docs/security.md, «Personal data»): who sees a person
without consent, the read audit of confidential fields, the retention rule and anonymisation on request.
The rules themselves: `personal_data_rules`."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, cint, getdate, now_datetime, today

from kelisim_app.exceptions import PersonalDataPermissionError
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.permissions import ADMIN_ROLES, OFFICE_FIELD
from kelisim_app.kelisim_registry import personal_data_rules as rules

PERSON = "KLS Person"
# who may anonymise a person on request: his region's KGU Head (write on the person), an administrator
ERASERS = frozenset({core.ROLE_KGU_HEAD, core.ROLE_ADMINISTRATOR, "System Manager"})


def office_of(user: str) -> str | None:
	if user in ("Guest", None):
		return None
	return frappe.get_cached_value("User", user, OFFICE_FIELD) if frappe.db.exists("User", user) else None


def registering_office(region: str | None, user: str | None = None) -> str | None:
	"""The office a new person is registered by: the creator's office, else his region's KGU, else the RGU
	(a secretary or an administrator registers for the office of the person's region)."""
	office = office_of(user) if user else None
	if office:
		return office
	filters = {"office_type": core.OFFICE_KGU, "region": region} if region else {"office_type": "RGU"}
	return frappe.db.get_value("KLS Office", filters)


def is_unrestricted(user: str) -> bool:
	return user == "Administrator" or bool(ADMIN_ROLES & set(frappe.get_roles(user)))


def consented(doc) -> bool:
	withdrawn = getdate(doc.get("consent_withdrawn_on")) if doc.get("consent_withdrawn_on") else None
	return rules.has_consent(bool(cint(doc.get("consent_given"))), withdrawn, getdate(today()))


def may_see(doc, user: str) -> bool:
	"""A person without consent is seen only by the office that registered him, who registered him, and the
	secretaries of the structures he is a member of (who hold his membership)."""
	if consented(doc) or is_unrestricted(user) or doc.get("owner") == user:
		return True
	office = office_of(user)
	if office and office == (doc.get("registered_by_office") or registering_office(doc.get("region"))):
		return True
	return bool(
		frappe.db.exists(
			"KLS Membership",
			{"person": doc.name, "structure": ["in", structures_of_secretary(user) or [""]]},
		)
	)


def structures_of_secretary(user: str) -> list[str]:
	return frappe.get_all("KLS Public Structure", filters={"secretary_user": user}, pluck="name")


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The list, report view, link search and counts: the same rule as `may_see`."""
	user = user or frappe.session.user
	if is_unrestricted(user):
		return ""
	table = f"`tab{PERSON}`"
	office = office_of(user)
	mine = f"{table}.`owner` = {frappe.db.escape(user)}"
	if office:
		mine += f" or {table}.`registered_by_office` = {frappe.db.escape(office)}"
	mine += (
		f" or {table}.`name` in (select m.`person` from `tabKLS Membership` m join `tabKLS Public Structure` s"
		f" on s.`name` = m.`structure` where s.`secretary_user` = {frappe.db.escape(user)})"
	)
	return (
		f"(({table}.`consent_given` = 1 and ({table}.`consent_withdrawn_on` is null "
		f"or {table}.`consent_withdrawn_on` > {frappe.db.escape(today())})) or {mine})"
	)


# ---------------------------------------------------------------------------------------------- read audit
def confidential_fields(meta) -> list[str]:
	return [df.fieldname for df in meta.fields if (df.permlevel or 0) > 0]


def audit_read(doc, user: str) -> None:
	"""A View Log when a user who holds the level of the person's confidential fields (IIN, birth date)
	opens the person, whatever the path (form, REST, print, a method): the single-document read check runs
	on each. Once per request and reader; readers without the level see no such field and leave no log."""
	if user in ("Guest", None) or not doc.get("name") or getattr(doc, "is_new", lambda: True)():
		return
	if frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_patch or frappe.flags.in_import:
		return
	if not getattr(frappe.local, "request", None) and not frappe.flags.kls_audit_person_reads:
		return  # the app's own reads (jobs, validations) are not a person's view
	seen = frappe.flags.setdefault("kls_person_reads", set())
	key = (doc.name, user)
	if key in seen:
		return
	seen.add(key)
	meta = frappe.get_meta(PERSON)
	levels = {df.permlevel for df in meta.fields if (df.permlevel or 0) > 0}
	if not levels or not any(l in meta.get_permlevel_access("read", user=user) for l in levels):
		return
	frappe.get_doc(
		{
			"doctype": "View Log",
			"viewed_by": user,
			"reference_doctype": PERSON,
			"reference_name": doc.name,
		}
	).insert(ignore_permissions=True)


# ---------------------------------------------------------------------------------------------- retention
def daily() -> None:
	"""Scheduler: people who left every structure longer ago than the retention period are flagged for
	review, or anonymised when the registry settings say so."""
	settings = frappe.get_cached_doc("KLS Registry Settings")
	years = cint(settings.get("retention_years") or 5)
	action = settings.get("retention_action") or rules.FLAG
	for name in due_for_retention(years):
		if action == rules.ANONYMISE:
			erase(name, _("Retention period of {0} years over").format(years), by="Administrator")
		else:
			frappe.db.set_value(PERSON, name, "retention_due", 1, update_modified=False)


def due_for_retention(years: int) -> list[str]:
	membership = frappe.qb.DocType("KLS Membership")
	person = frappe.qb.DocType(PERSON)
	rows = (
		frappe.qb.from_(membership)
		.join(person)
		.on(person.name == membership.person)
		.select(membership.person, membership.from_date, membership.to_date)
		.where((person.anonymised == 0) & (person.retention_due == 0))
		.run(as_dict=True)
	)
	by_person: dict[str, list] = {}
	for row in rows:
		by_person.setdefault(row.person, []).append(
			(
				getdate(row.from_date) if row.from_date else None,
				getdate(row.to_date) if row.to_date else None,
			)
		)
	now = getdate(today())
	return sorted(p for p, spans in by_person.items() if rules.retention_over(spans, years, now))


# ---------------------------------------------------------------------------------------------- anonymisation
@frappe.whitelist(methods=["POST"])
def anonymise(person: str | None = None, reason: str | None = None) -> None:
	"""On the person's request (or the law's), replace his name, IIN and contacts with anonymous values and
	scrub his change history; the row and his memberships stay, so every count of the reports is kept.
	For his region's KGU Head (who may change the person) and for administrators."""
	if not ERASERS & set(frappe.get_roles()) and frappe.session.user != "Administrator":
		frappe.throw(
			_("Only a KGU Head or an administrator anonymises a person's data"),
			PersonalDataPermissionError,
			title=_("Not permitted"),
		)
	if not person or not frappe.db.exists(PERSON, person):
		frappe.throw(_("{0} {1} not found").format(_(PERSON), person), frappe.DoesNotExistError)
	frappe.get_doc(PERSON, person).check_permission("write")
	erase(person, reason, by=frappe.session.user)


def erase(person: str, reason: str | None, by: str) -> None:
	doc = frappe.get_doc(PERSON, person)
	reason = rules.check_anonymisation(reason, bool(doc.anonymised))
	for fieldname in rules.PERSONAL_FIELDS:
		doc.set(fieldname, None)
	doc.first_name = _(rules.ANONYMOUS_FIRST_NAME)
	doc.last_name = rules.anonymous_last_name(doc.name)
	doc.consent_given = 0
	doc.consent_date = doc.consent_form = doc.consent_purpose = doc.consent_withdrawn_on = None
	doc.update(
		{
			"anonymised": 1,
			"anonymised_on": now_datetime(),
			"anonymised_by": by,
			"anonymisation_reason": reason,
			"retention_due": 0,
		}
	)
	doc.flags.ignore_permissions = True
	doc.flags.ignore_version = True
	doc.flags.anonymising = True
	doc.save()
	# the names copied into the records that link him (he has no consent now: the copies are emptied)
	refresh_copies(doc)
	scrub_history(person)
	for file in frappe.get_all(
		"File", filters={"attached_to_doctype": PERSON, "attached_to_name": person}, pluck="name"
	):
		frappe.delete_doc("File", file, ignore_permissions=True)
	doc.add_comment(
		"Info",
		_("Personal data anonymised by {0} on {1}: {2}").format(
			by, frappe.format(doc.anonymised_on, "Datetime"), reason
		),
	)


def scrub_history(person: str) -> None:
	"""The person's Versions (they hold the old values), his View Logs and the search index entry go."""
	frappe.db.delete("Version", {"ref_doctype": PERSON, "docname": person})
	frappe.db.delete("View Log", {"reference_doctype": PERSON, "reference_name": person})
	frappe.db.delete("__global_search", {"doctype": PERSON, "name": person})


def on_person_validate(doc) -> None:
	"""Consent recorded as the law asks; the registering office set once."""
	rules.check_consent(
		bool(cint(doc.consent_given)),
		getdate(doc.consent_date) if doc.consent_date else None,
		doc.consent_form,
		doc.consent_purpose,
		doc.consent_document,
		getdate(doc.consent_withdrawn_on) if doc.consent_withdrawn_on else None,
		getdate(add_days(today(), 0)),
	)
	if not doc.registered_by_office:
		doc.registered_by_office = registering_office(doc.region, doc.owner or frappe.session.user)
	if doc.anonymised and not doc.flags.anonymising and doc.has_value_changed("full_name"):
		frappe.throw(_("An anonymised person's data are not entered again"), rules.AnonymisationError)


# ---------------------------------------------------------------------------------------------- copies
# The app copies a person's name into the records that link him (fetch_from: a membership's person_name, a
# case party's, a speaker's, a plan activity's responsible...), and those records are read beyond the office
# that registered him. Which fields are copies is read from the metadata, never listed: a read-only field
# fetched (not only when empty) from a Link to KLS Person. A copy holds the value only while the person
# consents; it is emptied when he has none, and filled again when he gives it.
COPIED_SOURCES = frozenset({"full_name", "first_name", "last_name", *rules.PERSONAL_FIELDS})


def copies_in(doctype: str) -> list[tuple[str, str]]:
	"""(link field, copy field) of `doctype` that copy a person's data."""
	meta = frappe.get_meta(doctype)
	links = {df.fieldname for df in meta.fields if df.fieldtype == "Link" and df.options == PERSON}
	out = []
	for df in meta.fields:
		link, _dot, source = (df.fetch_from or "").partition(".")
		if link in links and source in COPIED_SOURCES and df.read_only and not df.fetch_if_empty:
			out.append((link, df.fieldname))
	return out


def copies_of(doctype: str) -> list[tuple[str | None, str, str]]:
	"""(table field or None for the document itself, link field, copy field) of a parent DocType."""
	out = [(None, link, copy) for link, copy in copies_in(doctype)]
	for table in frappe.get_meta(doctype).get_table_fields():
		out += [(table.fieldname, link, copy) for link, copy in copies_in(table.options)]
	return out


def copying_doctypes() -> list[str]:
	"""Every DocType of the app (children included) with a copy of a person's data."""
	modules = frappe.get_module_list("kelisim_app")
	doctypes = frappe.get_all("DocType", filters={"module": ("in", modules)}, pluck="name")
	return sorted(dt for dt in doctypes if copies_in(dt))


def person_consents(person: str) -> bool:
	row = frappe.db.get_value(PERSON, person, ["consent_given", "consent_withdrawn_on"], as_dict=True)
	return bool(row) and consented(row)


def empty_copies_without_consent(doc, method=None) -> None:
	"""doc_events validate of every DocType: the copies of a person without consent stay empty (Frappe has
	just fetched them)."""
	if doc.get("parenttype") or not doc.doctype.startswith("KLS "):
		return
	for table, link, copy in copies_of(doc.doctype):
		for row in doc.get(table) or [] if table else [doc]:
			person = row.get(link)
			if person and row.get(copy) and not person_consents(person):
				row.set(copy, None)


def refresh_copies(doc) -> None:
	"""A person's consent or name changed: his copies everywhere hold his data again, or nothing."""
	keep = consented(doc)
	for doctype in copying_doctypes():
		for link, copy in copies_in(doctype):
			source = frappe.get_meta(doctype).get_field(copy).fetch_from.partition(".")[2]
			frappe.db.set_value(
				doctype, {link: doc.name}, copy, doc.get(source) if keep else None, update_modified=False
			)


def on_person_update(doc) -> None:
	fields = ("consent_given", "consent_withdrawn_on", *COPIED_SOURCES)
	if doc.flags.in_insert or not doc.get_doc_before_save():
		return
	if any(doc.has_value_changed(f) for f in fields if doc.meta.has_field(f)):
		refresh_copies(doc)
