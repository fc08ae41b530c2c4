"""Pure rules of the electronic digital signature (ЭЦП) of the app's official steps: the canonical content
that is signed, the IIN in a certificate's subject, what makes a certificate a signing one, and which steps
require a signature by default. No Frappe here (layer-1 tests import it).

Canonical content (version 1) — what the desk sends to NCALayer and the server verifies, byte for byte:

* a JSON object built on the server by the document's content builder (hooks `kelisim_signed_documents`)
  from the stored record: ``{"format": "kelisim-signature/1", "doctype", "name", "action", "state" (the state
  the step leads to), ...the document's own fields}``;
* values are only strings, integers, booleans, null, lists and objects: a fractional number is written by
  the builder as a string with a fixed number of decimals (`decimal_text`), because the text of a float
  differs between languages and libraries;
* serialised with the keys of every object sorted by their Unicode code points, no whitespace between tokens
  (separators ``,`` and ``:``), non-ASCII characters written as themselves (not ``\\u`` escapes);
* encoded as UTF-8 without a byte-order mark.

The desk receives these bytes base64-encoded from the server (so client and server cannot disagree on them)
and NCALayer signs them as a detached CMS (CAdES-BES) signature; anyone can check it later with the exported
content and ``openssl cms -verify -binary -content content.json -inform DER -in signature.p7s``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from kelisim_app.exceptions import SignatureError, fail
from kelisim_app.utils.i18n import N_, _

CONTENT_FORMAT = "kelisim-signature/1"

# results kept on a KLS Signature
VALID = N_("Valid")
NOT_VERIFIED_HERE = N_("Not verified here")
CONTENT_CHANGED = N_("Content changed")
SUPERSEDED = N_("Superseded")
RESULTS = (VALID, NOT_VERIFIED_HERE, CONTENT_CHANGED, SUPERSEDED)

# the steps that make a document official, and whether each requires a signature on a new site: sign-offs
# do; the KGU Head's submission may be switched on by the administrator. An action is matched by its name
# or, with a trailing "*", by its beginning (a hand-over step added to a workflow later is covered as well).
DEFAULT_STEPS: tuple[tuple[str, str, bool], ...] = (
	("KLS Regional Report", "Submit to RGU", False),
	("KLS Regional Report", "Sign off", True),
	("KLS National Report", "Sign off", True),
	("KLS National Report", "Hand over*", True),
	("KLS Instruction Execution", "Accept", True),
)

# NCA RK's extended key usages: the signing certificates of individuals carry emailProtection (and NCA's
# own signing policy), authentication ones clientAuth
EKU_EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4"
EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2"

_IIN = re.compile(r"^IIN(\d{12})$")


def canonical_bytes(content: Mapping) -> bytes:
	"""The canonical serialisation described in the module docstring. Refuses floats (see `decimal_text`)."""
	_check_values(content)
	return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _check_values(value, path: str = "$") -> None:
	if isinstance(value, bool) or value is None or isinstance(value, int | str):
		return
	if isinstance(value, float):
		raise TypeError(f"{path}: a float in signed content; write it with decimal_text()")
	if isinstance(value, Mapping):
		for key, item in value.items():
			if not isinstance(key, str):
				raise TypeError(f"{path}: a key that is not a string")
			_check_values(item, f"{path}.{key}")
		return
	if isinstance(value, list | tuple):
		for i, item in enumerate(value):
			_check_values(item, f"{path}[{i}]")
		return
	raise TypeError(f"{path}: {type(value).__name__} cannot be signed")


def content_hash(data: bytes) -> str:
	"""SHA-256 of the canonical bytes, hex."""
	return hashlib.sha256(data).hexdigest()


def decimal_text(value, places: int = 2) -> str:
	"""A number as fixed-point text: 50 -> "50.00", 33.335 -> "33.34" (half up), None -> "0.00"."""
	quantum = Decimal(1).scaleb(-places)
	return str(Decimal(str(value or 0)).quantize(quantum, rounding=ROUND_HALF_UP))


def text(value) -> str:
	"""A text field as signed: None and "" are both "", line ends normalised to \\n."""
	return (value or "").replace("\r\n", "\n").replace("\r", "\n")


def iin_from_serial_numbers(values: Iterable[str]) -> str | None:
	"""The IIN of a certificate's subject: NCA writes it in serialNumber as "IIN" + 12 digits."""
	for value in values:
		match = _IIN.match((value or "").strip().upper())
		if match:
			return match.group(1)
	return None


def is_signing_certificate(key_usage: set[str] | None, extended_key_usage: set[str] | None) -> bool:
	"""A certificate for signing documents, not only for authentication: keyUsage with nonRepudiation
	(contentCommitment), or - without a keyUsage extension - NCA's signing EKU (emailProtection). An
	authentication certificate (digitalSignature + keyAgreement, clientAuth) is refused."""
	if key_usage is not None:
		return "non_repudiation" in key_usage
	eku = extended_key_usage or set()
	return EKU_EMAIL_PROTECTION in eku


def step_required(steps: Iterable[Mapping], doctype: str, action: str) -> bool | None:
	"""Whether the settings' table requires a signature for `action` of `doctype`; None when no row names
	it. An exact row wins over a prefix row ("Hand over*")."""
	prefix_match = None
	for row in steps:
		if row.get("document_type") != doctype:
			continue
		pattern = (row.get("action") or "").strip()
		if pattern == action:
			return bool(row.get("required"))
		if pattern.endswith("*") and action.startswith(pattern[:-1]) and prefix_match is None:
			prefix_match = bool(row.get("required"))
	return prefix_match


def check_iin(certificate_iin: str | None, user_iin: str | None) -> None:
	if not certificate_iin:
		fail(_("The certificate's subject carries no IIN"), SignatureError)
	if not user_iin:
		fail(_("Your user record has no IIN: ask the administrator to enter it"), SignatureError)
	if certificate_iin != user_iin.strip():
		fail(
			_("The certificate belongs to another person: its IIN is not the one of your user"),
			SignatureError,
		)
