# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""Electronic signatures of the official steps, against a test certification authority made here (RSA root,
intermediate, signers with an IIN; an expired one, an authentication one, another person's): every rule of
the server's verification, the evidence, the refusal of unsigned steps, re-verification, the print block,
and GOST signatures with and without a stand-in NCANode on loopback."""

import base64
import json
import shutil
import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from kelisim_app.exceptions import SignatureError, SignatureRequiredError
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core import signature_rules, signing
from kelisim_app.kelisim_reporting.tests.factories import NARRATIVE, quarter, regional_report
from kelisim_app.tests.signing_ca import TestCA, sign
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REGION = "KZ-55"
REPORT = "KLS Regional Report"
HEAD_IIN, RGU_HEAD_IIN, OTHER_IIN = "880101300111", "790202400222", "900303500333"


def in_language(message: str, lang: str) -> str:
	return frappe._(message, lang=lang)


class TestSigning(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.ca = TestCA()
		cls.head_key = cls.ca.signer(HEAD_IIN, "БАСШЫ КГУ")
		cls.rgu_key = cls.ca.signer(RGU_HEAD_IIN, "БАСШЫ РГУ")
		cls.expired = cls.ca.signer(RGU_HEAD_IIN, "БАСШЫ РГУ", expired=True)
		cls.auth_only = cls.ca.signer(RGU_HEAD_IIN, "БАСШЫ РГУ", usage="auth")
		cls.other_person = cls.ca.signer(OTHER_IIN, "БӨТЕН АДАМ")
		cls.foreign = TestCA("Foreign")
		cls.foreign_key = cls.foreign.signer(RGU_HEAD_IIN, "БАСШЫ РГУ")

	def setUp(self):
		frappe.set_user("Administrator")
		self.specialist = make_user("kgu-spec-sign-55", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION))
		self.head = make_user(
			"kgu-head-sign-55", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(REGION)
		)
		self.coordinator = make_user("rgu-coord-sign", [core.ROLE_RGU_COORDINATOR], rgu_office())
		self.rgu_head = make_user("rgu-head-sign", [core.ROLE_RGU_HEAD], rgu_office())
		self.outsider = make_user("kgu-spec-sign-59", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-59"))
		frappe.db.set_value("User", self.head, "kelisim_iin", HEAD_IIN)
		frappe.db.set_value("User", self.rgu_head, "kelisim_iin", RGU_HEAD_IIN)
		self.configure(submission=1)
		self.period = quarter(2032, 1)
		for name in frappe.get_all(REPORT, filters={"period": self.period}, pluck="name"):
			frappe.db.delete(signing.SIGNATURE, {"reference_doctype": REPORT, "reference_name": name})
			frappe.db.delete("Comment", {"reference_doctype": REPORT, "reference_name": name})
		frappe.db.delete(REPORT, {"period": self.period})

	def tearDown(self):
		frappe.set_user("Administrator")

	def configure(self, submission=1, sign_off=1, enabled=1, ncanode_url=None, roots=None):
		conf = frappe.get_doc(signing.SETTINGS)
		conf.enabled = enabled
		conf.ncanode_url = ncanode_url
		conf.set("steps", [])
		conf.append("steps", {"document_type": REPORT, "action": "Submit to RGU", "required": submission})
		conf.append("steps", {"document_type": REPORT, "action": "Sign off", "required": sign_off})
		conf.append("steps", {"document_type": "KLS National Report", "action": "Sign off", "required": 1})
		conf.set("trusted_roots", [])
		for pem in roots if roots is not None else [self.ca.root.pem]:
			conf.append("trusted_roots", {"certificate_pem": pem})
		conf.save()

	# ------------------------------------------------------------------ helpers
	def prepared(self) -> str:
		report = regional_report(self.period, REGION, self.specialist, **NARRATIVE)
		frappe.get_doc(REPORT, report.name).compile()
		frappe.set_user("Administrator")
		return report.name

	def content(self, user, name, action) -> bytes:
		frappe.set_user(user)
		request = signing.signing_request(REPORT, name, action)
		self.assertTrue(request["required"])
		return base64.b64decode(request["content"])

	def signed(self, user, name, action, party, chain=None, content=None):
		data = content if content is not None else self.content(user, name, action)
		signature = sign(data, party, [self.ca.intermediate] if chain is None else chain)
		frappe.set_user(user)
		return signing.apply_signed_transition(REPORT, name, action, signature)

	def reviewed(self) -> str:
		name = self.prepared()
		if signing.is_required(REPORT, "Submit to RGU"):
			self.signed(self.head, name, "Submit to RGU", self.head_key)
		else:
			frappe.set_user(self.head)
			apply_workflow(frappe.get_doc(REPORT, name), "Submit to RGU")
		frappe.set_user(self.coordinator)
		apply_workflow(frappe.get_doc(REPORT, name), "Pass for sign-off")
		frappe.set_user("Administrator")
		return name

	def assert_refused(self, name, message_part, party, chain=None, content=None, user=None):
		state = frappe.db.get_value(REPORT, name, "workflow_state")
		count = frappe.db.count(signing.SIGNATURE)
		with self.assertRaises(SignatureError) as caught:
			self.signed(user or self.rgu_head, name, "Sign off", party, chain, content)
		self.assertIn(message_part, str(caught.exception))
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value(REPORT, name, "workflow_state"), state, "nothing changed")
		self.assertEqual(frappe.db.count(signing.SIGNATURE), count, "no evidence of a refused signature")

	def signatures(self, name):
		return frappe.get_all(
			signing.SIGNATURE, filters={"reference_name": name}, fields=["*"], order_by="creation asc"
		)

	# ------------------------------------------------------------------ the happy path and its evidence
	def test_signed_submission_and_sign_off_keep_the_evidence(self):
		name = self.reviewed()
		content = self.content(self.rgu_head, name, "Sign off")
		body = json.loads(content)
		self.assertEqual(
			(body["format"], body["state"], body["region"], body["period"], body["action"]),
			("kelisim-signature/1", "Signed off", REGION, self.period, "Sign off"),
		)
		self.assertEqual(body["narrative"]["problems"], NARRATIVE["problems"])
		self.assertIn("events_held", body["figures"])
		doc = self.signed(self.rgu_head, name, "Sign off", self.rgu_key, content=content)
		self.assertEqual((doc.docstatus, doc.workflow_state), (1, "Signed off"))

		frappe.set_user("Administrator")
		submission, sign_off = self.signatures(name)
		self.assertEqual(
			(submission.action, submission.signer, submission.iin), ("Submit to RGU", self.head, HEAD_IIN)
		)
		self.assertEqual(sign_off.signer, self.rgu_head)
		self.assertEqual(sign_off.result, signature_rules.VALID)
		self.assertEqual(sign_off.certificate_serial, format(self.rgu_key.cert.serial_number, "X"))
		self.assertEqual(sign_off.content.encode(), content)
		self.assertEqual(sign_off.content_hash, signature_rules.content_hash(content))
		self.assertTrue(sign_off.signing_time and "Root CA" in sign_off.verification_note)
		self.assertIn("BEGIN CERTIFICATE", sign_off.certificate)

		# the .p7s any CMS tool can check, with the exported content
		frappe.set_user(self.rgu_head)
		signing.download_signature(sign_off.name)
		p7s = frappe.local.response.filecontent
		signing.download_content(sign_off.name)
		self.assertEqual(frappe.local.response.filecontent, content)
		if shutil.which("openssl"):
			with tempfile.TemporaryDirectory() as tmp:
				for file, data in (
					("s.p7s", p7s),
					("c.json", content),
					("root.pem", self.ca.root.pem.encode()),
				):
					with open(f"{tmp}/{file}", "wb") as fh:
						fh.write(data)
				run = subprocess.run(
					[
						"openssl",
						"cms",
						"-verify",
						"-binary",
						"-inform",
						"DER",
						"-in",
						f"{tmp}/s.p7s",
						"-content",
						f"{tmp}/c.json",
						"-CAfile",
						f"{tmp}/root.pem",
						"-purpose",
						"any",
						"-out",
						"/dev/null",
					],
					capture_output=True,
				)
				self.assertEqual(run.returncode, 0, run.stderr)

		# the form's view; a KGU user of another region reads none of it
		status = signing.signature_status(REPORT, name)
		self.assertEqual([s["result"] for s in status["signatures"]], ["Valid", "Valid"])
		self.assertFalse(status["changed"])
		frappe.set_user(self.outsider)
		self.assertRaises(frappe.PermissionError, signing.signature_status, REPORT, name)
		self.assertRaises(frappe.PermissionError, signing.download_signature, sign_off.name)

	# ------------------------------------------------------------------ the steps that require a signature
	def test_a_required_step_is_refused_without_a_signature(self):
		name = self.prepared()
		frappe.set_user(self.head)
		self.assertRaises(
			SignatureRequiredError, apply_workflow, frappe.get_doc(REPORT, name), "Submit to RGU"
		)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value(REPORT, name, "workflow_state"), "Draft")
		# a form save that sets the state is refused too
		frappe.set_user(self.head)
		doc = frappe.get_doc(REPORT, name)
		doc.workflow_state = "Submitted"
		self.assertRaises(SignatureRequiredError, doc.save)
		# the setting per step: off, the plain action goes through
		frappe.set_user("Administrator")
		self.configure(submission=0)
		frappe.set_user(self.head)
		self.assertFalse(signing.signing_request(REPORT, name, "Submit to RGU")["required"])
		self.assertEqual(
			apply_workflow(frappe.get_doc(REPORT, name), "Submit to RGU").workflow_state, "Submitted"
		)
		frappe.set_user(self.coordinator)
		apply_workflow(frappe.get_doc(REPORT, name), "Pass for sign-off")
		frappe.set_user(self.rgu_head)
		self.assertRaises(SignatureRequiredError, apply_workflow, frappe.get_doc(REPORT, name), "Sign off")
		# signatures switched off altogether
		frappe.set_user("Administrator")
		self.configure(enabled=0)
		frappe.set_user(self.rgu_head)
		self.assertEqual(apply_workflow(frappe.get_doc(REPORT, name), "Sign off").docstatus, 1)

	def test_only_who_may_take_the_step_gets_its_content(self):
		name = self.prepared()
		frappe.set_user(self.specialist)
		self.assertRaises(frappe.PermissionError, signing.signing_request, REPORT, name, "Submit to RGU")
		frappe.set_user(self.outsider)
		self.assertRaises(frappe.PermissionError, signing.signing_request, REPORT, name, "Submit to RGU")

	# ------------------------------------------------------------------ every verification rule
	def test_a_signature_over_other_content_is_refused(self):
		name = self.reviewed()
		content = self.content(self.rgu_head, name, "Sign off")
		self.assert_refused(
			name, "does not match", self.rgu_key, content=content.replace(b'"Sign off"', b'"Return"')
		)
		self.assert_refused(name, "does not match", self.rgu_key, content=content + b" ")
		frappe.set_user(self.rgu_head)
		self.assertRaises(
			SignatureError, signing.apply_signed_transition, REPORT, name, "Sign off", "not base64!"
		)
		self.assertRaises(
			SignatureError, signing.apply_signed_transition, REPORT, name, "Sign off", "aGVsbG8="
		)

	def test_the_certificate_must_chain_to_a_trusted_root(self):
		name = self.reviewed()
		self.assert_refused(name, "trusted root", self.foreign_key, chain=[self.foreign.intermediate])
		# without the intermediate in the CMS there is no path to the root
		self.assert_refused(name, "trusted root", self.rgu_key, chain=[])
		frappe.set_user("Administrator")
		self.configure(roots=[])
		self.assert_refused(name, "No trusted root", self.rgu_key)

	def test_an_expired_certificate_is_refused(self):
		self.assert_refused(self.reviewed(), "not valid at the signing time", self.expired)

	def test_an_authentication_certificate_is_refused(self):
		self.assert_refused(self.reviewed(), "authentication certificate", self.auth_only)

	def test_the_certificate_must_be_the_acting_users(self):
		name = self.reviewed()
		self.assert_refused(name, "another person", self.other_person)
		frappe.db.set_value("User", self.rgu_head, "kelisim_iin", None)
		self.assert_refused(name, "no IIN", self.rgu_key)

	def test_trusted_roots_are_described_and_checked(self):
		conf = frappe.get_doc(signing.SETTINGS)
		self.assertIn("Root CA", conf.trusted_roots[0].subject)
		self.assertEqual(conf.trusted_roots[0].serial, format(self.ca.root.cert.serial_number, "X"))
		conf.append("trusted_roots", {"certificate_pem": "not a certificate"})
		self.assertRaises(SignatureError, conf.save)
		conf.reload()
		conf.append("steps", {"document_type": "KLS Event", "action": "Verify", "required": 1})
		self.assertRaises(SignatureError, conf.save)

	# ------------------------------------------------------------------ evidence and re-verification
	def test_the_evidence_is_immutable(self):
		name = self.reviewed()
		(evidence,) = self.signatures(name)
		doc = frappe.get_doc(signing.SIGNATURE, evidence.name)
		doc.content_hash = "0" * 64
		self.assertRaises(SignatureError, doc.save)
		self.assertRaises(SignatureError, frappe.delete_doc, signing.SIGNATURE, evidence.name)
		frappe.set_user(self.rgu_head)
		self.assertRaises(frappe.PermissionError, frappe.delete_doc, signing.SIGNATURE, evidence.name)

	def test_a_return_supersedes_the_submission_signature(self):
		name = self.reviewed()
		frappe.set_user(self.rgu_head)
		doc = frappe.get_doc(REPORT, name)
		doc.return_reason = "Explain the figures"
		doc.save()
		apply_workflow(frappe.get_doc(REPORT, name), "Return")
		frappe.set_user("Administrator")
		self.assertEqual([s.result for s in self.signatures(name)], [signature_rules.SUPERSEDED])
		self.assertEqual(signing.recheck_signatures(), 0)

	def test_content_changed_behind_the_apps_back_is_flagged(self):
		name = self.reviewed()
		self.signed(self.rgu_head, name, "Sign off", self.rgu_key)
		frappe.set_user("Administrator")
		self.assertEqual(signing.recheck_signatures(), 0)
		frappe.db.set_value(REPORT, name, "events_held", 999, update_modified=False)  # behind the app's back
		self.assertTrue(signing.signature_status(REPORT, name)["changed"])
		self.assertEqual(signing.recheck_signatures(), 2)
		self.assertEqual({s.result for s in self.signatures(name)}, {signature_rules.CONTENT_CHANGED})
		self.assertTrue(
			frappe.db.exists("Comment", {"reference_name": name, "content": ["like", "%no longer matches%"]})
		)
		frappe.db.set_value(
			REPORT, name, "events_held", frappe.get_doc(REPORT, name).figures()["events_held"]
		)
		original = json.loads(self.signatures(name)[0].content)["figures"]["events_held"]
		frappe.db.set_value(REPORT, name, "events_held", original, update_modified=False)
		self.assertEqual(signing.recheck_signatures(), 0)
		self.assertEqual({s.result for s in self.signatures(name)}, {signature_rules.VALID})

	def test_the_print_shows_the_signature_block_in_kazakh_and_russian(self):
		name = self.reviewed()
		self.signed(self.rgu_head, name, "Sign off", self.rgu_key)
		frappe.set_user(self.rgu_head)
		serial = format(self.rgu_key.cert.serial_number, "X")
		doc = frappe.get_doc(REPORT, name)
		ru = frappe.get_print(REPORT, name, "Regional Report", doc=doc)
		self.assertIn("Электронные цифровые подписи", ru)
		self.assertIn(serial, ru)
		self.assertIn(in_language(signature_rules.VALID, "ru"), ru)
		doc.language = "kk"  # printed in Kazakh (not saved)
		kk = frappe.get_print(REPORT, name, "Regional Report", doc=doc)
		self.assertIn("Электрондық цифрлық қолтаңбалар", kk)
		self.assertIn(serial, kk)
		self.assertIn(in_language(signature_rules.VALID, "kk"), kk)

	# ------------------------------------------------------------------ GOST keys
	def gost_signature(self, content: bytes) -> str:
		"""A CMS whose signer's key is declared GOST 34.310 (NCA's arc): its cryptography cannot be checked
		here, only through NCANode."""
		from asn1crypto import cms as acms

		info = acms.ContentInfo.load(base64.b64decode(sign(content, self.rgu_key, [self.ca.intermediate])))
		for choice in info["content"]["certificates"]:
			cert = choice.chosen
			if cert.subject.native.get("serial_number") == f"IIN{RGU_HEAD_IIN}":
				cert["tbs_certificate"]["subject_public_key_info"]["algorithm"]["algorithm"] = (
					"1.2.398.3.10.1.1.1.1"
				)
		return base64.b64encode(info.dump(force=True)).decode()

	def test_a_gost_signature_is_stored_as_not_verified_here_without_ncanode(self):
		self.configure(submission=0)
		name = self.reviewed()
		content = self.content(self.rgu_head, name, "Sign off")
		doc = signing.apply_signed_transition(REPORT, name, "Sign off", self.gost_signature(content))
		self.assertEqual(doc.workflow_state, "Signed off")
		frappe.set_user("Administrator")
		evidence = self.signatures(name)[-1]
		self.assertEqual((evidence.algorithm, evidence.result), ("GOST", signature_rules.NOT_VERIFIED_HERE))
		frappe.set_user(self.rgu_head)
		print_ru = frappe.get_print(REPORT, name, "Regional Report")
		self.assertIn(in_language(signature_rules.NOT_VERIFIED_HERE, "ru"), print_ru)
		self.assertNotIn(in_language(signature_rules.VALID, "ru"), print_ru)

	def test_a_gost_signature_goes_to_ncanode_when_configured(self):
		answers = []

		class NCANode(BaseHTTPRequestHandler):
			def do_POST(self):
				body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
				answers.append((self.path, body))
				valid = base64.b64decode(body["data"]).startswith(b"{")
				reply = {
					"status": 200,
					"valid": valid,
					"message": "" if valid else "bad",
					"signers": [{"certificates": [{"valid": valid, "subject": {"iin": RGU_HEAD_IIN}}]}],
				}
				data = json.dumps(reply).encode()
				self.send_response(200)
				self.send_header("Content-Type", "application/json")
				self.send_header("Content-Length", str(len(data)))
				self.end_headers()
				self.wfile.write(data)

			def log_message(self, *args):
				pass

		server = HTTPServer(("127.0.0.1", 0), NCANode)
		thread = threading.Thread(target=server.serve_forever, daemon=True)
		thread.start()
		try:
			self.configure(submission=0, ncanode_url=f"http://127.0.0.1:{server.server_port}")
			name = self.reviewed()
			content = self.content(self.rgu_head, name, "Sign off")
			signing.apply_signed_transition(REPORT, name, "Sign off", self.gost_signature(content))
			frappe.set_user("Administrator")
			evidence = self.signatures(name)[-1]
			self.assertEqual((evidence.algorithm, evidence.result), ("GOST", signature_rules.VALID))
			path, body = answers[-1]
			self.assertEqual(path, "/cms/verify")
			self.assertEqual(base64.b64decode(body["data"]), content)
		finally:
			server.shutdown()
			server.server_close()
