"""Data of journey j7 (electronic signature of a sign-off), called by setup_site.py on the throwaway site: a
test CA made now (kelisim_app/tests/signing_ca.py), its root trusted by KLS Signature Settings, the RGU Head's
IIN on his user, a national report in Kazakh awaiting his sign-off, and one in Russian he signed already
(through the server, with the same key) so both print languages show a signature block. The stand-in
NCALayer (ncalayer_standin.py) signs with the key written to DIR."""

from __future__ import annotations

import base64
import os

import frappe

IIN = "790202400222"
NATIONAL = "KLS National Report"


def _period(year: int, number: int) -> str:
	from kelisim_app.kelisim_reporting.tests.factories import quarter

	return quarter(year, number)


def _fresh_national_report(period: str, language: str) -> str:
	"""A national report of `period` compiled and submitted for sign-off (an earlier run's goes first)."""
	from frappe.model.workflow import apply_workflow

	for name in frappe.get_all(NATIONAL, filters={"period": period}, pluck="name", order_by="creation desc"):
		frappe.db.delete("KLS Signature", {"reference_doctype": NATIONAL, "reference_name": name})
		frappe.db.set_value(NATIONAL, name, "docstatus", 2)  # a test site's leftover
		frappe.delete_doc(NATIONAL, name, ignore_permissions=True, force=True)
	doc = frappe.get_doc({"doctype": NATIONAL, "period": period, "language": language}).insert(
		ignore_permissions=True
	)
	doc.summary = "<p>E2E: Қоғамдық келісім кеңестері белсенді жұмыс істеді.</p>"
	doc.save(ignore_permissions=True)
	doc.compile()
	apply_workflow(frappe.get_doc(NATIONAL, doc.name), "Submit for sign-off")
	return doc.name


def setup_signing(rgu_head: str, out_dir: str) -> dict:
	from kelisim_app.kelisim_core import signing
	from kelisim_app.tests.signing_ca import TestCA, sign

	ca = TestCA("Kelisim E2E")
	key = ca.signer(IIN, "Е2Е-РММ АЙГҮЛ")
	os.makedirs(out_dir, exist_ok=True)
	files = {
		"key": (os.path.join(out_dir, "ncalayer-key.pem"), key.key_pem()),
		"cert": (os.path.join(out_dir, "ncalayer-cert.pem"), key.pem),
		"chain": (os.path.join(out_dir, "ncalayer-chain.pem"), ca.intermediate.pem),
	}
	for path, text in files.values():
		with open(path, "w") as fh:
			fh.write(text)

	signing.ensure_signature_setup()
	conf = frappe.get_doc(signing.SETTINGS)
	conf.enabled = 1
	conf.ncanode_url = None
	for row in conf.steps:
		# journey 2 signs off a regional report without NCALayer; the national report's sign-off is signed
		if row.document_type == "KLS Regional Report":
			row.required = 0
		if row.document_type == NATIONAL and row.action == "Sign off":
			row.required = 1
	conf.set("trusted_roots", [{"title": "Kelisim E2E Root CA", "certificate_pem": ca.root.pem}])
	conf.save(ignore_permissions=True)
	frappe.db.set_value("User", rgu_head, "kelisim_iin", IIN)

	to_sign = _fresh_national_report(_period(2024, 1), "kk")
	signed_ru = _fresh_national_report(_period(2024, 2), "ru")
	frappe.set_user(rgu_head)
	try:
		content = base64.b64decode(signing.signing_request(NATIONAL, signed_ru, "Sign off")["content"])
		signing.apply_signed_transition(
			NATIONAL, signed_ru, "Sign off", sign(content, key, [ca.intermediate])
		)
	finally:
		frappe.set_user("Administrator")
	return {
		"national_to_sign": to_sign,
		"national_signed_ru": signed_ru,
		"serial": format(key.cert.serial_number, "X"),
		"files": {k: path for k, (path, _text) in files.items()},
	}
