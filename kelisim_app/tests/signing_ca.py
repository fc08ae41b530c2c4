"""A test certification authority, made with `cryptography` on the fly: an RSA root, an intermediate, and
signer certificates shaped like NCA RK's (subject CN, SURNAME, serialNumber "IIN…"; a signing certificate
with nonRepudiation, an authentication one with digitalSignature + keyAgreement and clientAuth), and the
detached CMS signature NCALayer's `createCAdESFromBase64(…, false)` returns. Used by the layer-2 tests and
by the browser journeys' stand-in NCALayer (e2e/ncalayer_standin.py). Nothing here is a real key."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass
class Party:
	cert: x509.Certificate
	key: rsa.RSAPrivateKey

	@property
	def pem(self) -> str:
		return self.cert.public_bytes(serialization.Encoding.PEM).decode()

	@property
	def der(self) -> bytes:
		return self.cert.public_bytes(serialization.Encoding.DER)

	def key_pem(self) -> str:
		return self.key.private_bytes(
			serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
		).decode()


def _key() -> rsa.RSAPrivateKey:
	return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(cn: str, iin: str | None = None, surname: str | None = None) -> x509.Name:
	attrs = [x509.NameAttribute(NameOID.COMMON_NAME, cn)]
	if surname:
		attrs.append(x509.NameAttribute(NameOID.SURNAME, surname))
	if iin:
		attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, f"IIN{iin}"))
	attrs.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"))
	return x509.Name(attrs)


def _issue(subject, key, issuer: Party | None, ca: bool, not_before, not_after, usage: str | None = None):
	builder = (
		x509.CertificateBuilder()
		.subject_name(subject)
		.issuer_name(issuer.cert.subject if issuer else subject)
		.public_key(key.public_key())
		.serial_number(x509.random_serial_number())
		.not_valid_before(not_before)
		.not_valid_after(not_after)
		.add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
	)
	flags = dict.fromkeys(
		(
			"digital_signature",
			"content_commitment",
			"key_encipherment",
			"data_encipherment",
			"key_agreement",
			"key_cert_sign",
			"crl_sign",
			"encipher_only",
			"decipher_only",
		),
		False,
	)
	if ca:
		flags.update(key_cert_sign=True, crl_sign=True)
	elif usage == "sign":
		flags.update(digital_signature=True, content_commitment=True)
		builder = builder.add_extension(
			x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
		)
	else:  # authentication
		flags.update(digital_signature=True, key_agreement=True)
		builder = builder.add_extension(
			x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False
		)
	builder = builder.add_extension(x509.KeyUsage(**flags), critical=True)
	return builder.sign((issuer.key if issuer else key), hashes.SHA256())


class TestCA:
	"""Root → intermediate → signers."""

	def __init__(self, label: str = "Kelisim Test"):
		now = datetime.now(timezone.utc)
		self.now = now
		root_key = _key()
		self.root = Party(
			_issue(
				_name(f"{label} Root CA"),
				root_key,
				None,
				True,
				now - timedelta(days=3650),
				now + timedelta(days=3650),
			),
			root_key,
		)
		inter_key = _key()
		self.intermediate = Party(
			_issue(
				_name(f"{label} Intermediate CA"),
				inter_key,
				self.root,
				True,
				now - timedelta(days=1000),
				now + timedelta(days=1000),
			),
			inter_key,
		)

	def signer(
		self, iin: str, name: str = "ТЕСТОВ ТЕСТ", usage: str = "sign", expired: bool = False
	) -> Party:
		key = _key()
		if expired:
			start, end = self.now - timedelta(days=800), self.now - timedelta(days=435)
		else:
			start, end = self.now - timedelta(days=10), self.now + timedelta(days=355)
		surname = name.split()[0]
		cert = _issue(_name(name, iin, surname), key, self.intermediate, False, start, end, usage)
		return Party(cert, key)


def sign(content: bytes, signer: Party, chain: list[Party] | None = None) -> str:
	"""A detached CMS (SignedData with signingTime and messageDigest), base64 as NCALayer returns it."""
	builder = (
		pkcs7.PKCS7SignatureBuilder().set_data(content).add_signer(signer.cert, signer.key, hashes.SHA256())
	)
	for party in chain or []:
		builder = builder.add_certificate(party.cert)
	der = builder.sign(
		serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]
	)
	return base64.b64encode(der).decode()
