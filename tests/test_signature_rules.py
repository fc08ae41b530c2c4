"""Pure rules of the electronic signatures (kelisim_core/signature_rules.py) and the CMS verification against
a test CA made here (kelisim_core/cms.py): no Frappe."""

from __future__ import annotations

import base64
import json

import pytest

from kelisim_app.exceptions import SignatureError
from kelisim_app.kelisim_core import signature_rules as rules


def test_canonical_bytes_sort_keys_at_every_level_and_keep_kazakh_letters():
	data = rules.canonical_bytes({"b": 1, "a": {"я": "Қазақ", "d": [True, None, "x"]}})
	assert data == '{"a":{"d":[true,null,"x"],"я":"Қазақ"},"b":1}'.encode()
	assert data.decode("utf-8").encode("utf-8") == data
	assert rules.canonical_bytes({"a": 1, "b": 2}) == rules.canonical_bytes({"b": 2, "a": 1})


def test_canonical_bytes_refuse_floats_and_other_types():
	with pytest.raises(TypeError, match="decimal_text"):
		rules.canonical_bytes({"share": 33.5})
	with pytest.raises(TypeError):
		rules.canonical_bytes({"when": object()})
	with pytest.raises(TypeError):
		rules.canonical_bytes({1: "x"})


def test_decimal_text_and_text():
	assert rules.decimal_text(50) == "50.00"
	assert rules.decimal_text(33.335) == "33.34"
	assert rules.decimal_text(None) == "0.00"
	assert rules.decimal_text("7.5", 1) == "7.5"
	assert rules.text(None) == ""
	assert rules.text("a\r\nb\rc") == "a\nb\nc"


def test_content_hash_is_sha256_hex():
	assert rules.content_hash(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_iin_from_the_subjects_serial_number():
	assert rules.iin_from_serial_numbers(["IIN880101300111"]) == "880101300111"
	assert rules.iin_from_serial_numbers(["BIN123456789012", " iin790202400222 "]) == "790202400222"
	assert rules.iin_from_serial_numbers(["IIN12345"]) is None
	assert rules.iin_from_serial_numbers([]) is None


def test_signing_and_authentication_certificates():
	assert rules.is_signing_certificate({"digital_signature", "non_repudiation"}, None)
	assert not rules.is_signing_certificate({"digital_signature", "key_agreement"}, {rules.EKU_CLIENT_AUTH})
	assert rules.is_signing_certificate(None, {rules.EKU_EMAIL_PROTECTION})
	assert not rules.is_signing_certificate(None, {rules.EKU_CLIENT_AUTH})
	assert not rules.is_signing_certificate(None, None)


def test_step_required_exact_row_wins_over_prefix():
	steps = [
		{"document_type": "KLS National Report", "action": "Hand over*", "required": 1},
		{"document_type": "KLS National Report", "action": "Hand over to archive", "required": 0},
		{"document_type": "KLS Regional Report", "action": "Sign off", "required": 1},
	]
	assert rules.step_required(steps, "KLS National Report", "Hand over to the ministry") is True
	assert rules.step_required(steps, "KLS National Report", "Hand over to archive") is False
	assert rules.step_required(steps, "KLS Regional Report", "Sign off") is True
	assert rules.step_required(steps, "KLS Regional Report", "Return") is None
	assert rules.step_required(steps, "KLS National Report", "Sign off") is None


def test_default_steps_require_sign_offs():
	required = {(d, a) for d, a, r in rules.DEFAULT_STEPS if r}
	assert ("KLS Regional Report", "Sign off") in required
	assert ("KLS National Report", "Sign off") in required
	assert ("KLS Instruction Execution", "Accept") in required
	assert ("KLS Regional Report", "Submit to RGU") not in required


def test_check_iin():
	rules.check_iin("880101300111", "880101300111")
	for cert_iin, user_iin in (("880101300111", "790202400222"), (None, "1"), ("880101300111", None)):
		with pytest.raises(SignatureError):
			rules.check_iin(cert_iin, user_iin)


# ---------------------------------------------------------------------- the CMS rules, without a site
@pytest.fixture(scope="module")
def ca():
	pytest.importorskip("asn1crypto")
	from kelisim_app.tests.signing_ca import TestCA

	return TestCA()


def test_cms_verifies_and_reads_the_signer(ca):
	from kelisim_app.kelisim_core import cms
	from kelisim_app.tests.signing_ca import sign

	content = rules.canonical_bytes({"name": "RR-1", "state": "Signed off"})
	signer = ca.signer("880101300111", "ТЕСТОВ ТЕСТ")
	check = cms.verify(base64.b64decode(sign(content, signer, [ca.intermediate])), content, [ca.root.der])
	assert (check.algorithm, check.verified, check.iin, check.common_name) == (
		"RSA",
		True,
		"880101300111",
		"ТЕСТОВ ТЕСТ",
	)
	assert check.serial_hex == format(signer.cert.serial_number, "X")
	assert len(check.chain) == 3


@pytest.mark.parametrize(
	"case, message",
	[
		("tampered", "does not match"),
		("foreign root", "trusted root"),
		("no intermediate", "trusted root"),
		("expired", "not valid at the signing time"),
		("authentication", "authentication certificate"),
		("not cms", "not a CMS"),
	],
)
def test_cms_refusals(ca, case, message):
	from kelisim_app.kelisim_core import cms
	from kelisim_app.tests.signing_ca import TestCA, sign

	content = json.dumps({"a": 1}).encode()
	signer, chain, roots, data = ca.signer("880101300111"), [ca.intermediate], [ca.root.der], content
	if case == "tampered":
		data = content + b" "
	elif case == "foreign root":
		roots = [TestCA("Foreign").root.der]
	elif case == "no intermediate":
		chain = []
	elif case == "expired":
		signer = ca.signer("880101300111", expired=True)
	elif case == "authentication":
		signer = ca.signer("880101300111", usage="auth")
	der = b"\x30\x03\x02\x01\x01" if case == "not cms" else base64.b64decode(sign(content, signer, chain))
	with pytest.raises(SignatureError, match=message):
		cms.verify(der, data, roots)
