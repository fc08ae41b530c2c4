"""The app's alerts as rules an administrator can change (KLS Alert Rule), and the queues they watch.

A feature module declares its alerts (a list of dicts, named in the `kelisim_alerts` hook); this kernel module
knows none of them by name. Migrate turns each declaration into a KLS Alert Rule once (an administrator's
changes to recipients, delays, on/off and texts are kept), and the doc events routed here fire them:

* "On creation" / "On state change": the rule's roles (a KGU role: the document's region only) and, when the
  rule says so, the person the document is assigned to, are told in their language, with a link;
* "Waiting in a queue": while a document stays in the rule's state it is a KLS Waiting Item; the hourly job
  reminds whoever must act after `remind_after_days`, then escalates to `escalation_roles`.

Why a settings DocType rather than Frappe's standard Notification records: docs/notifications.md.

A declaration:
	{"alert": "event-reported", "label": N_("…"), "document_type": "KLS Event",
	 "trigger": "On state change", "state": "Reported", "roles": ["KGU Head"], "include_assignee": 0,
	 "remind_after_days": 0, "escalate_after_days": 0, "escalation_roles": [],
	 "subject": N_("Event {reference} ({event_type}) awaits verification"),
	 "escalation_subject": N_("…"),  # waiting rules only
	 "placeholders": ["event_type"], "context": "dotted.path(doc) -> dict | None"}
The context function gives the placeholders' values (never personal data), and may give "assignee" (a
user), "target" ((doctype, name) the link opens, the document itself by default) or return None to stay silent.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from kelisim_app.kelisim_core import notice_rules as nr
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.localization import in_language, users_by_language
from kelisim_app.kelisim_core.notify import create_logs

RULE = "KLS Alert Rule"
WAITING = "KLS Waiting Item"
CACHE_KEY = "kelisim-alert-rules"


# ---------------------------------------------------------------------------------------------- declarations
def declarations() -> dict[str, dict]:
	"""Every alert the installed modules declare, by code."""
	out: dict[str, dict] = {}
	for path in frappe.get_hooks("kelisim_alerts"):
		for spec in frappe.get_attr(path):
			out[spec["alert"]] = spec
	return out


def allowed_placeholders(spec: dict) -> list[str]:
	extra = list(nr.WAITING_PLACEHOLDERS) if spec.get("trigger") == nr.TRIGGER_WAITING else []
	return [*nr.COMMON_PLACEHOLDERS, *extra, *spec.get("placeholders", [])]


def sync_rules() -> int:
	"""Install / migrate: a KLS Alert Rule for each declared alert that has none; the read-only description
	(label, document, trigger, shipped texts) of existing ones follows the code, what an administrator sets
	(on/off, roles, delays, texts) is never touched. Returns how many rules it created."""
	created = 0
	for code, spec in declarations().items():
		described = {
			"label": spec["label"],
			"document_type": spec["document_type"],
			"trigger": spec["trigger"],
			"state": spec.get("state"),
			"shipped_text": spec["subject"],
			"escalation_text": spec.get("escalation_subject"),
			"placeholders": ", ".join("{" + p + "}" for p in allowed_placeholders(spec)),
		}
		if frappe.db.exists(RULE, code):
			frappe.db.set_value(RULE, code, described, update_modified=False)
			continue
		doc = frappe.get_doc(
			{
				"doctype": RULE,
				"alert": code,
				"enabled": 1,
				**described,
				"recipient_roles": [{"role": r} for r in spec.get("roles", [])],
				"include_assignee": int(spec.get("include_assignee") or 0),
				"remind_after_days": spec.get("remind_after_days") or 0,
				"escalate_after_days": spec.get("escalate_after_days") or 0,
				"escalation_roles": [{"role": r} for r in spec.get("escalation_roles", [])],
			}
		)
		doc.insert(ignore_permissions=True)
		created += 1
	clear_cache()
	return created


def clear_cache(*_args, **_kwargs) -> None:
	frappe.cache.delete_value(CACHE_KEY)


def rules_by_doctype() -> dict[str, list[dict]]:
	"""The enabled-or-not rules, grouped by document type (cached until a rule changes)."""
	cached = frappe.cache.get_value(CACHE_KEY)
	if cached is not None:
		return cached
	out: dict[str, list[dict]] = {}
	if frappe.db.table_exists(RULE):
		for name in frappe.get_all(RULE, pluck="name"):
			rule = frappe.get_doc(RULE, name)
			out.setdefault(rule.document_type, []).append(
				{
					"alert": rule.alert,
					"enabled": rule.enabled,
					"trigger": rule.trigger,
					"state": rule.state,
					"roles": [r.role for r in rule.recipient_roles],
					"include_assignee": rule.include_assignee,
					"remind_after_days": rule.remind_after_days or 0,
					"escalate_after_days": rule.escalate_after_days or 0,
					"escalation_roles": [r.role for r in rule.escalation_roles],
					"texts": {"kk": rule.subject_kk, "ru": rule.subject_ru, "en": rule.subject_en},
				}
			)
	frappe.cache.set_value(CACHE_KEY, out)
	return out


def rule(code: str) -> dict | None:
	for rows in rules_by_doctype().values():
		for row in rows:
			if row["alert"] == code:
				return row
	return None


# ---------------------------------------------------------------------------------------------- recipients
def office_regions(users: list[str]) -> dict[str, tuple[str | None, str | None]]:
	"""user → (office type, region) of his office."""
	rows = frappe.get_all(
		"User", filters={"name": ["in", users or [""]]}, fields=["name", "kelisim_office"], as_list=True
	)
	offices = {o for _u, o in rows if o}
	info = {
		o.name: (o.office_type, o.region)
		for o in frappe.get_all(
			"KLS Office",
			filters={"name": ["in", list(offices) or [""]]},
			fields=["name", "office_type", "region"],
		)
	}
	return {user: info.get(office, (None, None)) for user, office in rows}


def users_with_roles(roles: list[str], region: str | None) -> list[str]:
	"""Enabled users holding one of `roles`; a user of a regional office (KGU) only when `region` is his."""
	if not roles:
		return []
	holders = frappe.get_all(
		"Has Role", filters={"role": ["in", roles], "parenttype": "User"}, pluck="parent", distinct=True
	)
	users = frappe.get_all(
		"User",
		filters={"name": ["in", holders or [""]], "enabled": 1, "user_type": "System User"},
		pluck="name",
	)
	users = [u for u in users if u not in ("Administrator", "Guest")]
	offices = office_regions(users)
	out = []
	for user in users:
		office_type, office_region = offices.get(user, (None, None))
		if office_type == core.OFFICE_KGU and office_region != region:
			continue
		out.append(user)
	return sorted(out)


# ---------------------------------------------------------------------------------------------- sending
def context_of(spec: dict, doc) -> dict | None:
	path = spec.get("context")
	ctx = frappe.get_attr(path)(doc) if path else {}
	if ctx is None:
		return None
	ctx = dict(ctx)
	target = ctx.pop("target", None) or (doc.doctype, doc.name)
	values = {"reference": target[1], "doctype": target[0], **(ctx.pop("values", None) or {})}
	return {"values": values, "target": target, "assignee": ctx.get("assignee")}


def text_for(spec: dict, row: dict, values: dict, lang: str, escalation: bool = False) -> str:
	"""The alert's text in `lang`: the administrator's for that language, else the shipped one translated;
	placeholders whose values are msgids (a state, a category) are translated too."""

	def make():
		shipped_id = spec.get("escalation_subject") if escalation else spec["subject"]
		shipped = _(shipped_id)
		override = None if escalation else (row.get("texts") or {}).get(lang)
		translated = {
			k: (_(v) if k in spec.get("translate", ()) or k == "state" else v) for k, v in values.items()
		}
		translated["doctype"] = _(values.get("doctype") or "")
		return nr.scrub(nr.render_text(nr.choose_text(override, shipped), translated, fallback=shipped))

	return in_language(make, lang)


def send(users: list[str], spec: dict, row: dict, values: dict, target: tuple[str, str], escalation=False):
	"""A Notification Log for each user, in his language, created after the transaction commits (a save that
	fails tells nobody). Telegram forwarding hangs off the Notification Log (kelisim_core.telegram)."""
	users = sorted({u for u in users if u and u not in ("Guest", frappe.session.user)})
	for lang, group in users_by_language(users).items():
		log = {
			"type": "Alert",
			"subject": text_for(spec, row, values, lang, escalation),
			"document_type": target[0],
			"document_name": target[1],
			"from_user": frappe.session.user if frappe.session.user != "Guest" else "Administrator",
		}
		create_logs(group, log)
	return users


def fire(code: str, doc, extra_users: list[str] | None = None) -> list[str]:
	"""Tell the people of alert `code` about `doc` (if the rule is on). Returns who was told."""
	spec, row = declarations().get(code), rule(code)
	if not spec or not row or not row["enabled"]:
		return []
	ctx = context_of(spec, doc)
	if ctx is None:
		return []
	users = users_with_roles(row["roles"], doc.get("region"))
	if row["include_assignee"] and ctx["assignee"]:
		users.append(ctx["assignee"])
	return send(users + list(extra_users or []), spec, row, ctx["values"], ctx["target"])


# ---------------------------------------------------------------------------------------------- doc events
def after_insert(doc, method=None) -> None:
	"""doc_events after_insert of a document type with alerts: "On creation" rules fire; a new document in
	a watched state starts waiting."""
	for row in rules_by_doctype().get(doc.doctype, []):
		if row["trigger"] == nr.TRIGGER_CREATED:
			fire(row["alert"], doc)
	track_waiting(doc)


def on_update(doc, method=None) -> None:
	"""doc_events on_update: "On state change" rules fire when the document enters their state."""
	if doc.is_new() or doc.flags.in_insert:
		return
	before = doc.get_doc_before_save()
	previous = before.get("workflow_state") if before else None
	state = doc.get("workflow_state")
	if state != previous:
		for row in rules_by_doctype().get(doc.doctype, []):
			if row["trigger"] == nr.TRIGGER_STATE and row["state"] == state:
				fire(row["alert"], doc)
	track_waiting(doc)


def on_trash(doc, method=None) -> None:
	frappe.db.delete(WAITING, {"reference_doctype": doc.doctype, "reference_name": doc.name})


# ---------------------------------------------------------------------------------------------- queues
def waiting_states(doctype: str) -> set[str]:
	return {
		r["state"]
		for r in rules_by_doctype().get(doctype, [])
		if r["trigger"] == nr.TRIGGER_WAITING and r["state"]
	}


def track_waiting(doc) -> None:
	"""Keep the document's KLS Waiting Item in step with its state: one while it is in a watched state (its
	clock restarts when it enters the state again), none otherwise."""
	states = waiting_states(doc.doctype)
	if not states:
		return
	state = doc.get("workflow_state")
	if doc.get("docstatus") == 2:
		state = None
	current = frappe.get_all(
		WAITING,
		filters={"reference_doctype": doc.doctype, "reference_name": doc.name},
		fields=["name", "state"],
	)
	if any(row.state == state for row in current) and len(current) == 1:
		return
	for row in current:
		frappe.delete_doc(WAITING, row.name, ignore_permissions=True, force=True)
	if state in states:
		frappe.get_doc(
			{
				"doctype": WAITING,
				"reference_doctype": doc.doctype,
				"reference_name": doc.name,
				"state": state,
				"since": now_datetime(),
			}
		).insert(ignore_permissions=True)


def backfill_waiting() -> int:
	"""Migrate: documents already in a watched state when the rule appeared wait since their last change."""
	added = 0
	for doctype in rules_by_doctype():
		states = waiting_states(doctype)
		if not states or not frappe.db.table_exists(doctype):
			continue
		tracked = set(frappe.get_all(WAITING, filters={"reference_doctype": doctype}, pluck="reference_name"))
		for d in frappe.get_all(
			doctype,
			filters={"workflow_state": ["in", list(states)], "docstatus": ["<", 2]},
			fields=["name", "workflow_state", "modified"],
		):
			if d.name in tracked:
				continue
			frappe.get_doc(
				{
					"doctype": WAITING,
					"reference_doctype": doctype,
					"reference_name": d.name,
					"state": d.workflow_state,
					"since": d.modified,
				}
			).insert(ignore_permissions=True)
			added += 1
	return added


def hourly() -> None:
	"""Scheduler: remind and escalate what waits too long."""
	run_reminders(now_datetime())


def run_reminders(now) -> dict[str, int]:
	"""Each waiting document past its rule's delays: a reminder to the rule's roles (and the assignee), then
	an escalation to the escalation roles; each once per stay in the state. Returns counts."""
	now = get_datetime(now)
	counts = {"reminded": 0, "escalated": 0}
	specs = declarations()
	for doctype, rows in rules_by_doctype().items():
		for row in rows:
			spec = specs.get(row["alert"])
			if row["trigger"] != nr.TRIGGER_WAITING or not row["enabled"] or not spec:
				continue
			for item in frappe.get_all(
				WAITING,
				filters={"reference_doctype": doctype, "state": row["state"]},
				fields=["name", "reference_name", "since", "reminded_on", "escalated_on"],
			):
				step = nr.waiting_step(
					get_datetime(item.since),
					now,
					row["remind_after_days"],
					row["escalate_after_days"],
					bool(item.reminded_on),
					bool(item.escalated_on),
				)
				if not (step.remind or step.escalate):
					continue
				if not frappe.db.exists(doctype, item.reference_name):
					frappe.delete_doc(WAITING, item.name, ignore_permissions=True, force=True)
					continue
				doc = frappe.get_doc(doctype, item.reference_name)
				ctx = context_of(spec, doc)
				if ctx is None:
					continue
				values = {
					**ctx["values"],
					"days": nr.days_waiting(get_datetime(item.since), now),
					"state": row["state"],
				}
				changes = {}
				if step.remind:
					users = users_with_roles(row["roles"], doc.get("region"))
					if row["include_assignee"] and ctx["assignee"]:
						users.append(ctx["assignee"])
					send(users, spec, row, values, ctx["target"])
					changes["reminded_on"] = now
					counts["reminded"] += 1
				if step.escalate:
					users = users_with_roles(row["escalation_roles"], doc.get("region"))
					send(users, spec, row, values, ctx["target"], escalation=True)
					changes["escalated_on"] = now
					counts["escalated"] += 1
				frappe.db.set_value(WAITING, item.name, changes, update_modified=False)
	return counts


def waiting_for(user: str) -> list[dict]:
	"""What waits for `user` to act, grouped by alert: [{alert, label, doctype, state, count, since}] — the
	queues whose rule names one of his roles, in his region (the digest's lines)."""
	from frappe.query_builder import DocType
	from frappe.query_builder.functions import Count, Min

	roles = set(frappe.get_roles(user))
	office_type, region = office_regions([user]).get(user, (None, None))
	specs = declarations()
	out = []
	for doctype, rows in rules_by_doctype().items():
		for row in rows:
			if row["trigger"] != nr.TRIGGER_WAITING or not row["enabled"] or not (roles & set(row["roles"])):
				continue
			item = DocType(WAITING)
			query = frappe.qb.from_(item).select(Count(item.name), Min(item.since))
			query = query.where((item.reference_doctype == doctype) & (item.state == row["state"]))
			if office_type == core.OFFICE_KGU and frappe.get_meta(doctype).has_field("region"):
				target = DocType(doctype)
				query = (
					query.join(target).on(target.name == item.reference_name).where(target.region == region)
				)
			count, since = query.run()[0]
			if count:
				spec = specs.get(row["alert"]) or {}
				out.append(
					{
						"alert": row["alert"],
						"label": spec.get("digest_label") or spec.get("label") or row["alert"],
						"doctype": doctype,
						"state": row["state"],
						"count": count,
						"since": since,
					}
				)
	return out


def after_migrate() -> None:
	"""Install / migrate: the declared alerts become rules; documents already waiting are tracked."""
	sync_rules()
	backfill_waiting()
