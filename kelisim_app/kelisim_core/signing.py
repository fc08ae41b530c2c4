"""Electronic digital signatures (ЭЦП) on the workflow steps that make a document official.

* Which documents can be signed, and how their content is built: hooks ``kelisim_signed_documents``
  ({doctype: dotted path of ``builder(doc) -> dict``}); the kernel imports no feature module.
* Which steps require a signature: **KLS Signature Settings** (a row per DocType and action; sign-offs on
  by default), with the trusted roots and the optional NCANode address.
* The desk (public/js/kelisim_signing.js) asks ``signing_request`` for the canonical content
  (`signature_rules`), has NCALayer sign it, and calls ``apply_signed_transition``, which verifies the
  signature (`cms`, or NCANode for GOST), applies the workflow action and keeps the evidence as a
  **KLS Signature**. A step that requires a signature applied any other way (the plain ``apply_workflow``,
  a form save, REST) is refused by ``guard`` (doc_events validate).
* ``recheck_signatures`` (daily) and ``signature_status`` (when the form opens) compare the stored content
  with the document as it is now: a report changed behind the app's back is flagged.
"""

from __future__ import annotations

import base64
import json
from datetime import timezone

import frappe
from frappe import _
from frappe import _ as translated  # of values (workflow actions, results), not of literals
from frappe.model.workflow import apply_workflow, get_transitions, get_workflow_name
from frappe.utils import get_datetime, now_datetime

from kelisim_app.exceptions import SignatureError, SignatureRequiredError
from kelisim_app.kelisim_core import cms
from kelisim_app.kelisim_core import signature_rules as rules

SETTINGS = "KLS Signature Settings"
SIGNATURE = "KLS Signature"
CURRENT_RESULTS = (rules.VALID, rules.NOT_VERIFIED_HERE, rules.CONTENT_CHANGED)


# ------------------------------------------------------------------ what can be signed
def signed_doctypes() -> dict[str, str]:
	"""{doctype: builder path} from every app's hooks (the last one wins)."""
	return {dt: paths[-1] for dt, paths in (frappe.get_hooks("kelisim_signed_documents") or {}).items()}


def build_content(doc, action: str, target_state: str) -> bytes:
	"""The canonical bytes of `doc` as signed for `action` (see signature_rules)."""
	builder = signed_doctypes().get(doc.doctype)
	if not builder:
		frappe.throw(_("Documents of type {0} are not signed").format(_(doc.doctype)), SignatureError)
	body = frappe.get_attr(builder)(doc)
	body.update(
		{
			"format": rules.CONTENT_FORMAT,
			"doctype": doc.doctype,
			"name": doc.name,
			"action": action,
			"state": target_state,
		}
	)
	return rules.canonical_bytes(body)


# ------------------------------------------------------------------ settings
def settings():
	return frappe.get_cached_doc(SETTINGS)


def is_required(doctype: str, action: str) -> bool:
	conf = settings()
	if not conf.enabled or doctype not in signed_doctypes():
		return False
	return bool(rules.step_required([row.as_dict() for row in conf.steps], doctype, action))


def ensure_signature_setup() -> None:
	"""Install/migrate: the IIN of users is confidential (User, permlevel 1: System Manager and Kelisim
	Administrator read and write it), and the settings have their default steps."""
	from frappe.permissions import add_permission, update_permission_property

	for role in ("System Manager", "Kelisim Administrator"):
		if not frappe.db.exists("Custom DocPerm", {"parent": "User", "role": role, "permlevel": 1}):
			add_permission("User", role, 1)
			update_permission_property("User", role, 1, "write", 1)
	ensure_default_steps()


def ensure_default_steps() -> None:
	"""The default rows (signature_rules.DEFAULT_STEPS) a settings table lacks; an
	administrator's rows and choices are kept."""
	conf = frappe.get_doc(SETTINGS)
	have = {(row.document_type, row.action) for row in conf.steps}
	missing = [
		s for s in rules.DEFAULT_STEPS if (s[0], s[1]) not in have and frappe.db.exists("DocType", s[0])
	]
	if not missing and conf.ncalayer_url:
		return
	for doctype, action, required in missing:
		conf.append("steps", {"document_type": doctype, "action": action, "required": int(required)})
	if conf.is_new() or not frappe.db.get_single_value(SETTINGS, "ncalayer_url"):
		conf.enabled = 1 if conf.enabled is None else conf.enabled
		conf.ncalayer_url = conf.ncalayer_url or "wss://127.0.0.1:13579"
	conf.flags.ignore_permissions = True
	conf.save()


# ------------------------------------------------------------------ the desk's two calls
def _transition(doc, action: str):
	"""The workflow transition `action` the session user may take on `doc` now."""
	for transition in get_transitions(doc):
		if transition.action == action:
			return transition
	# a refusal of permission: the user may not take this step (or not now)
	frappe.throw(
		_("The action {0} is not available on {1} now").format(translated(action), doc.name),
		frappe.PermissionError,
	)


def _document(doctype: str, name: str):
	"""The document the user may read; a record he may not read and one that does not exist get the same
	answer (existence is as secret as content: overrides/document_access.py)."""
	from kelisim_app.overrides.document_access import may, refuse

	if not may(doctype, name, "read"):
		refuse(doctype, name)
	return frappe.get_doc(doctype, name)


@frappe.whitelist(methods=["POST"])
def signing_request(doctype: str, name: str, action: str) -> dict:
	"""Whether `action` on the document requires a signature and, if so, the content to sign (base64)."""
	doc = _document(doctype, name)
	transition = _transition(doc, action)
	if not is_required(doctype, action):
		return {"required": False}
	content = build_content(doc, action, transition.next_state)
	return {
		"required": True,
		"content": base64.b64encode(content).decode(),
		"content_hash": rules.content_hash(content),
		"ncalayer_url": settings().ncalayer_url or "wss://127.0.0.1:13579",
	}


@frappe.whitelist(methods=["POST"])
def apply_signed_transition(doctype: str, name: str, action: str, signature: str):
	"""Verify `signature` (CMS, base64) over the document's content for `action`, apply the action and keep
	the evidence. Nothing changes when the signature is refused."""
	doc = _document(doctype, name)
	transition = _transition(doc, action)
	content = build_content(doc, action, transition.next_state)
	check = verify_for_user(signature, content, frappe.session.user)
	key = (doctype, name)
	frappe.flags.kelisim_signed_steps = {**(frappe.flags.kelisim_signed_steps or {}), key: action}
	try:
		doc = apply_workflow(doc, action)
	finally:
		frappe.flags.kelisim_signed_steps.pop(key, None)
	if build_content(doc, action, transition.next_state) != content:
		frappe.throw(_("The step changed the content that was signed; nothing was saved"), SignatureError)
	record(doc, action, transition.next_state, content, signature, check)
	return doc


def verify_for_user(signature: str, content: bytes, user: str) -> cms.Verification:
	"""Every rule of `cms.verify` (or NCANode for a GOST key), and the signer's IIN is the user's."""
	der = cms.decode_signature(signature)
	conf = settings()
	check = cms.verify(der, content, trusted_roots(conf))
	if check.algorithm == "GOST" and conf.ncanode_url:
		from kelisim_app.kelisim_core import ncanode

		ncanode.verify(conf.ncanode_url, conf.ncanode_timeout or 15, der, content, check)
	rules.check_iin(check.iin, frappe.db.get_value("User", user, "kelisim_iin"))
	return check


def trusted_roots(conf=None) -> list[bytes]:
	conf = conf or settings()
	from kelisim_app.kelisim_core.doctype.kls_signature_settings.kls_signature_settings import root_der

	return [der for row in conf.trusted_roots if (der := root_der(row))]


def record(doc, action: str, state: str, content: bytes, signature: str, check: cms.Verification) -> str:
	sig = frappe.get_doc(
		{
			"doctype": SIGNATURE,
			"reference_doctype": doc.doctype,
			"reference_name": doc.name,
			"action": action,
			"target_state": state,
			"result": rules.VALID if check.verified else rules.NOT_VERIFIED_HERE,
			"signer": frappe.session.user,
			"signer_name": check.common_name,
			"signing_time": _local(check.signing_time),
			"algorithm": check.algorithm,
			"verification_note": _("Chain: {0}").format(" → ".join(check.chain))
			if check.chain
			else _("GOST signature: its cryptography is not verified by this server"),
			"certificate_serial": check.serial_hex,
			"certificate_subject": check.subject,
			"certificate_issuer": check.issuer,
			"certificate_valid_from": _local(check.valid_from),
			"certificate_valid_to": _local(check.valid_to),
			"iin": check.iin,
			"content_hash": rules.content_hash(content),
			"content": content.decode("utf-8"),
			"signature": "".join(signature.split()),
			"certificate": cms.to_pem(check.signer_der),
			"last_checked_on": now_datetime(),
		}
	)
	sig.flags.ignore_permissions = True
	sig.insert()
	return sig.name


def _local(value):
	"""An aware datetime as the site's naive local time (how Frappe stores Datetime)."""
	from frappe.utils import convert_utc_to_system_timezone

	if value.tzinfo:
		value = convert_utc_to_system_timezone(value.astimezone(timezone.utc).replace(tzinfo=None))
	return value.replace(tzinfo=None)


# ------------------------------------------------------------------ the guard (doc_events validate)
def guard(doc, method=None) -> None:
	"""A workflow step that requires a signature passes only through apply_signed_transition; entering a
	state from which a signed step starts again supersedes the earlier signatures of that step."""
	before = doc.get_doc_before_save()
	previous, state = (before.get("workflow_state") if before else None), doc.get("workflow_state")
	if not previous or previous == state:
		return
	actions = _actions_between(doc.doctype, previous, state)
	signed = (frappe.flags.kelisim_signed_steps or {}).get((doc.doctype, doc.name))
	if not frappe.flags.kelisim_signing_waived:
		for action in actions:
			if is_required(doc.doctype, action) and signed != action:
				frappe.throw(
					_(
						"The step {0} requires your electronic digital signature: use the action on the form"
					).format(_(action)),
					SignatureRequiredError,
					title=_("Signature required"),
				)
	if doc.docstatus == 0:
		_supersede(doc, state)


def _actions_between(doctype: str, previous: str, state: str) -> list[str]:
	name = get_workflow_name(doctype)
	if not name:
		return []
	return [
		t.action
		for t in frappe.get_cached_doc("Workflow", name).transitions
		if t.state == previous and t.next_state == state
	]


def _supersede(doc, state: str) -> None:
	name = get_workflow_name(doc.doctype)
	if not name:
		return
	starting = {t.action for t in frappe.get_cached_doc("Workflow", name).transitions if t.state == state}
	if not starting:
		return
	sig = frappe.qb.DocType(SIGNATURE)
	(
		frappe.qb.update(sig)
		.set(sig.result, rules.SUPERSEDED)
		.set(sig.superseded_on, now_datetime())
		.where(
			(sig.reference_doctype == doc.doctype)
			& (sig.reference_name == doc.name)
			& sig.action.isin(list(starting))
			& sig.result.isin(list(CURRENT_RESULTS))
		)
	).run()


# ------------------------------------------------------------------ re-verification
def current_signatures(doctype: str | None = None, name: str | None = None) -> list[dict]:
	filters = {"result": ["in", CURRENT_RESULTS]}
	if doctype:
		filters.update(reference_doctype=doctype, reference_name=name)
	return frappe.get_all(
		SIGNATURE,
		filters=filters,
		fields=[
			"name",
			"reference_doctype",
			"reference_name",
			"action",
			"target_state",
			"content_hash",
			"result",
			"algorithm",
		],
		order_by="creation asc",
	)


def content_matches(row: dict) -> bool:
	"""The document as it is now still yields the content that was signed."""
	if not frappe.db.exists(row["reference_doctype"], row["reference_name"]):
		return False
	doc = frappe.get_doc(row["reference_doctype"], row["reference_name"])
	return rules.content_hash(build_content(doc, row["action"], row["target_state"])) == row["content_hash"]


def recheck_signatures() -> int:
	"""Daily: flag (and unflag) the signatures whose document's content no longer matches; returns the
	number flagged."""
	flagged = 0
	for row in current_signatures():
		matches = content_matches(row)
		result = row["result"]
		if not matches and result != rules.CONTENT_CHANGED:
			result = rules.CONTENT_CHANGED
			_comment(row)
		elif matches and result == rules.CONTENT_CHANGED:
			result = rules.VALID if row["algorithm"] == "RSA" else rules.NOT_VERIFIED_HERE
		flagged += not matches
		frappe.db.set_value(
			SIGNATURE,
			row["name"],
			{"result": result, "last_checked_on": now_datetime()},
			update_modified=False,
		)
	return flagged


def _comment(row: dict) -> None:
	frappe.get_doc(row["reference_doctype"], row["reference_name"]).add_comment(
		"Comment",
		_(
			"The document no longer matches its electronic signature {0} (step {1}): it was changed outside the app"
		).format(row["name"], translated(row["action"])),
	)


def daily() -> None:
	recheck_signatures()


# ------------------------------------------------------------------ the form, the print, the files
def _readable_doc(doctype: str, name: str):
	if doctype not in signed_doctypes():
		from kelisim_app.overrides.document_access import refuse

		refuse(doctype, name)
	return _document(doctype, name)


@frappe.whitelist()
def signature_status(doctype: str, name: str) -> dict:
	"""The document's signatures for its form, each checked against the document as it is now."""
	doc = _readable_doc(doctype, name)
	rows = frappe.get_all(
		SIGNATURE,
		filters={"reference_doctype": doc.doctype, "reference_name": doc.name},
		fields=[
			"name",
			"action",
			"target_state",
			"result",
			"signer",
			"signer_name",
			"signing_time",
			"certificate_serial",
			"algorithm",
		],
		order_by="creation asc",
	)
	for row in rows:
		row["matches"] = row.result in CURRENT_RESULTS and rules.content_hash(
			build_content(doc, row.action, row.target_state)
		) == frappe.db.get_value(SIGNATURE, row.name, "content_hash")
		row["changed"] = row.result in CURRENT_RESULTS and not row["matches"]
		row["result_label"] = translated(rules.CONTENT_CHANGED if row["changed"] else row.result)
	return {"signatures": rows, "changed": any(r["changed"] for r in rows)}


def kelisim_signatures(doc, lang: str | None = None) -> list[dict]:
	"""Jinja (print formats): the document's current signatures, results in `lang`."""
	rows = frappe.get_all(
		SIGNATURE,
		filters={
			"reference_doctype": doc.doctype,
			"reference_name": doc.name,
			"result": ["in", CURRENT_RESULTS],
		},
		fields=["name", "action", "signer", "signer_name", "signing_time", "certificate_serial", "result"],
		order_by="creation asc",
	)
	for row in rows:
		row["signer_full_name"] = frappe.utils.get_fullname(row.signer)
		row["result_label"] = translated(row.result, lang=lang)
		row["action_label"] = translated(row.action, lang=lang)
	return rows


def _download(sig_name: str, field: str, extension: str, mimetype: str) -> None:
	sig = frappe.db.get_value(
		SIGNATURE, sig_name, ["reference_doctype", "reference_name", "signature", "content"], as_dict=True
	)
	if not sig:  # refused like an unreadable one: no oracle of which signatures exist
		raise frappe.PermissionError
	_readable_doc(sig.reference_doctype, sig.reference_name)
	data = base64.b64decode(sig.signature) if field == "signature" else sig.content.encode("utf-8")
	frappe.local.response.filename = f"{sig.reference_name}-{sig_name}.{extension}"
	frappe.local.response.filecontent = data
	frappe.local.response.type = "download"
	frappe.local.response.content_type = mimetype


@frappe.whitelist()
def download_signature(name: str) -> None:
	"""The signature as a .p7s file (DER CMS, detached): `openssl cms -verify -binary -inform DER
	-in X.p7s -content X.json -CAfile roots.pem`."""
	_download(name, "signature", "p7s", "application/pkcs7-signature")


@frappe.whitelist()
def download_content(name: str) -> None:
	"""The signed content (canonical JSON, UTF-8) the .p7s is checked against."""
	_download(name, "content", "json", "application/json")


def boot(bootinfo) -> None:
	"""The desk knows which DocTypes may ask for a signature (its before_workflow_action handlers)."""
	if frappe.session.user != "Guest":
		bootinfo.kelisim_signed_doctypes = sorted(signed_doctypes())
