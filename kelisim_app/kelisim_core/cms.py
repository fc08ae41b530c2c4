"""Verification of a detached CMS (PKCS#7 SignedData, CAdES-BES) signature as NCALayer makes it, in pure
Python: `asn1crypto` parses the structure, `cryptography` checks the RSA signatures. GOST keys (NCA's arc
1.2.398.*) are parsed but not verified here: the caller sends them to NCANode or stores them as "not
verified here".

The rules, each refused with a `SignatureError`:

1. the CMS is SignedData with one signer, whose certificate it carries;
2. the signed attributes' messageDigest equals the content's digest (or, without signed attributes, the
   signature is over the content itself), and the RSA signature over them verifies with the certificate;
3. the certificate chains, through the intermediates in the CMS, to a trusted root: each link's signature
   verifies with its issuer's key, and every issuer is a CA;
4. every certificate of the chain is valid at the signing time (the signingTime attribute, else now);
5. the certificate is a signing one (nonRepudiation / NCA's signing EKU), not an authentication one;
6. the IIN in its subject is the acting user's (checked by the caller with `signature_rules.check_iin`).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone

from asn1crypto import cms as acms
from asn1crypto import core as acore
from asn1crypto import pem as apem
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from kelisim_app.exceptions import SignatureError, fail
from kelisim_app.kelisim_core.signature_rules import iin_from_serial_numbers, is_signing_certificate
from kelisim_app.utils.i18n import _

HASHES = {"sha1": hashes.SHA1, "sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}
GOST_ARC = "1.2.398."
MAX_CHAIN = 8


@dataclass
class Verification:
	"""What a checked signature tells; `verified` is False for a GOST one (not checked here)."""

	algorithm: str  # "RSA" or "GOST"
	verified: bool
	signing_time: datetime  # aware, UTC
	signer_der: bytes
	iin: str | None
	common_name: str
	subject: str
	issuer: str
	serial_hex: str
	valid_from: datetime
	valid_to: datetime
	chain: list[str] = field(default_factory=list)  # subjects from the signer up to the root


def load_certificates(text_or_der: bytes | str) -> list[bytes]:
	"""DER certificates from PEM text (one or many blocks) or one DER certificate."""
	data = text_or_der.encode() if isinstance(text_or_der, str) else text_or_der
	if apem.detect(data):
		return [der for _type, _headers, der in apem.unarmor(data, multiple=True)]
	return [data]


def decode_signature(signature: str | bytes) -> bytes:
	"""The CMS as DER, from base64 (what NCALayer returns, line breaks allowed) or PEM."""
	if isinstance(signature, bytes):
		signature = signature.decode("ascii", "ignore")
	text = signature.strip()
	if text.startswith("-----BEGIN"):
		return apem.unarmor(text.encode())[2]
	try:
		return base64.b64decode("".join(text.split()), validate=True)
	except ValueError:
		fail(_("The signature is not a base64-encoded CMS"), SignatureError)


def inspect(
	cms_der: bytes,
) -> tuple[acms.SignerInfo, ax509.Certificate, list[ax509.Certificate], bytes | None]:
	"""The signer, its certificate, every certificate of the CMS and the attached content (None: detached)."""
	try:
		info = acms.ContentInfo.load(cms_der)
		if info["content_type"].native != "signed_data":
			raise ValueError
		signed = info["content"]
		signers = list(signed["signer_infos"])
		certs = [c.chosen for c in (signed["certificates"] or []) if c.name == "certificate"]
		attached = signed["encap_content_info"]["content"]
		attached = attached.native if attached is not None and attached.native is not None else None
	except Exception:
		fail(_("The signature is not a CMS SignedData structure"), SignatureError)
	if len(signers) != 1:
		fail(_("The signature must have exactly one signer"), SignatureError)
	signer = signers[0]
	cert = _find_signer(signer, certs)
	if cert is None:
		fail(_("The signature does not carry its signer's certificate"), SignatureError)
	return signer, cert, certs, attached


def _find_signer(signer: acms.SignerInfo, certs: list[ax509.Certificate]) -> ax509.Certificate | None:
	sid = signer["sid"]
	for cert in certs:
		if sid.name == "issuer_and_serial_number":
			if (
				cert.issuer == sid.chosen["issuer"]
				and cert.serial_number == sid.chosen["serial_number"].native
			):
				return cert
		elif cert.key_identifier == sid.chosen.native:
			return cert
	return None


def signing_time(signer: acms.SignerInfo, now: datetime) -> datetime:
	for attr in signer["signed_attrs"] or []:
		if attr["type"].native == "signing_time":
			value = attr["values"][0].native
			return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
	return now


def key_algorithm(cert: ax509.Certificate) -> str:
	"""The dotted OID of the certificate's key algorithm, read without parsing the key (asn1crypto knows
	no GOST key structure)."""
	spki = acore.Sequence.load(cert["tbs_certificate"]["subject_public_key_info"].dump())
	identifier = acore.Sequence.load(spki[0].dump())
	return acore.ObjectIdentifier.load(identifier[0].dump()).dotted


def is_gost(cert: ax509.Certificate) -> bool:
	return key_algorithm(cert).startswith(GOST_ARC)


def verify(
	cms_der: bytes,
	content: bytes,
	trusted_roots: list[bytes],
	now: datetime | None = None,
) -> Verification:
	"""Check rules 1-5 for an RSA signature; for a GOST one only what needs no GOST arithmetic (the content's
	digest cannot be recomputed without Streebog/GOST 34.311, so nothing cryptographic): usage and validity.
	Raises SignatureError."""
	now = now or datetime.now(timezone.utc)
	signer, cert, certs, attached = inspect(cms_der)
	if attached is not None and attached != content:
		fail(_("The signature was made over other content than this document's"), SignatureError)
	when = signing_time(signer, now)
	gost = is_gost(cert)
	if not gost:
		_check_rsa_signature(signer, cert, content)
	chain = [] if gost else _check_chain(cert, certs, trusted_roots, when)
	_check_validity(cert, when)
	_check_usage(cert)
	return Verification(
		algorithm="GOST" if gost else "RSA",
		verified=not gost,
		signing_time=when,
		signer_der=cert.dump(),
		iin=certificate_iin(cert),
		common_name=str(cert.subject.native.get("common_name") or ""),
		subject=cert.subject.human_friendly,
		issuer=cert.issuer.human_friendly,
		serial_hex=format(cert.serial_number, "X"),
		valid_from=cert["tbs_certificate"]["validity"]["not_before"].native,
		valid_to=cert["tbs_certificate"]["validity"]["not_after"].native,
		chain=chain,
	)


def certificate_iin(cert: ax509.Certificate) -> str | None:
	values = []
	for rdn in cert.subject.chosen:
		for attr in rdn:
			if attr["type"].native == "serial_number":
				values.append(attr["value"].native)
	return iin_from_serial_numbers(values)


def _digest_name(signer: acms.SignerInfo) -> str:
	name = signer["digest_algorithm"]["algorithm"].native
	if name not in HASHES:
		fail(
			_("The signature uses a digest algorithm this server does not check: {0}").format(name),
			SignatureError,
		)
	return name


def _check_rsa_signature(signer: acms.SignerInfo, cert: ax509.Certificate, content: bytes) -> None:
	name = _digest_name(signer)
	digest = hashlib.new(name, content).digest()
	attrs = signer["signed_attrs"]
	if attrs is not None and len(attrs):
		message_digest = None
		for attr in attrs:
			if attr["type"].native == "message_digest":
				message_digest = attr["values"][0].native
		if message_digest != digest:
			fail(_("The signature does not match this document's content"), SignatureError)
		signed_bytes = attrs.untag().dump()
	else:
		signed_bytes = content
	public_key = x509.load_der_x509_certificate(cert.dump()).public_key()
	if not isinstance(public_key, rsa.RSAPublicKey):
		fail(_("The signer's key is neither RSA nor GOST"), SignatureError)
	algorithm = signer["signature_algorithm"]
	try:
		if algorithm.signature_algo == "rsassa_pss":
			params = algorithm["parameters"]
			pss_hash = HASHES[params["hash_algorithm"]["algorithm"].native]()
			public_key.verify(
				signer["signature"].native,
				signed_bytes,
				padding.PSS(mgf=padding.MGF1(pss_hash), salt_length=params["salt_length"].native),
				pss_hash,
			)
		else:
			public_key.verify(signer["signature"].native, signed_bytes, padding.PKCS1v15(), HASHES[name]())
	except InvalidSignature:
		fail(_("The signature does not match this document's content"), SignatureError)
	except (KeyError, ValueError):
		fail(_("The signature's algorithm is not supported"), SignatureError)


def _check_chain(
	cert: ax509.Certificate, certs: list[ax509.Certificate], roots: list[bytes], when: datetime
) -> list[str]:
	"""Subjects from the signer to the trusted root; refuses a chain that ends elsewhere."""
	if not roots:
		fail(
			_("No trusted root certificate is loaded: the administrator loads the NCA roots"), SignatureError
		)
	trusted = [x509.load_der_x509_certificate(r) for r in roots]
	pool = trusted + [x509.load_der_x509_certificate(c.dump()) for c in certs]
	current = x509.load_der_x509_certificate(cert.dump())
	chain = [current.subject.rfc4514_string()]
	for _depth in range(MAX_CHAIN):
		if any(current == root for root in trusted):
			return chain
		issuer = _issuer_of(current, pool)
		if issuer is None:
			fail(_("The certificate does not chain to a trusted root"), SignatureError)
		_check_is_ca(issuer)
		_check_validity_crypto(issuer, when)
		chain.append(issuer.subject.rfc4514_string())
		if issuer == current:  # a self-signed certificate that is not trusted
			break
		current = issuer
	fail(_("The certificate does not chain to a trusted root"), SignatureError)


def _issuer_of(cert: x509.Certificate, pool: list[x509.Certificate]) -> x509.Certificate | None:
	for candidate in pool:
		if candidate.subject != cert.issuer:
			continue
		try:
			cert.verify_directly_issued_by(candidate)
		except (ValueError, TypeError, InvalidSignature):
			continue
		return candidate
	return None


def _check_is_ca(cert: x509.Certificate) -> None:
	try:
		constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
	except x509.ExtensionNotFound:
		constraints = None
	if not constraints or not constraints.ca:
		fail(_("A certificate of the chain is not a certification authority"), SignatureError)


def _check_validity_crypto(cert: x509.Certificate, when: datetime) -> None:
	if not (cert.not_valid_before_utc <= when <= cert.not_valid_after_utc):
		fail(_("A certificate of the chain was not valid at the signing time"), SignatureError)


def _check_validity(cert: ax509.Certificate, when: datetime) -> None:
	validity = cert["tbs_certificate"]["validity"]
	if not (validity["not_before"].native <= when <= validity["not_after"].native):
		fail(_("The certificate was not valid at the signing time"), SignatureError)


def _check_usage(cert: ax509.Certificate) -> None:
	key_usage = set(cert.key_usage_value.native) if cert.key_usage_value is not None else None
	eku = {item.dotted for item in cert.extended_key_usage_value} if cert.extended_key_usage_value else None
	if not is_signing_certificate(key_usage, eku):
		fail(
			_("This is an authentication certificate, not a signing one: sign with your signing key"),
			SignatureError,
		)


def describe_certificate(der: bytes) -> dict:
	"""Subject, issuer, serial, validity of a certificate (for the trusted roots' table)."""
	cert = ax509.Certificate.load(der)
	return {
		"subject": cert.subject.human_friendly,
		"issuer": cert.issuer.human_friendly,
		"serial": format(cert.serial_number, "X"),
		"valid_to": cert["tbs_certificate"]["validity"]["not_after"].native,
		"fingerprint": hashlib.sha256(der).hexdigest(),
	}


def to_pem(der: bytes, label: str = "CERTIFICATE") -> str:
	return apem.armor(label, der).decode("ascii")
