# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""The acceptance of an instruction execution, signed: its content (the report and evidence), the refusal of
the unsigned step, and the evidence (the rules themselves: test_signing.py)."""

import base64
import json

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from kelisim_app.exceptions import SignatureRequiredError
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core import signature_rules, signing
from kelisim_app.kelisim_instructions.doctype.kls_instruction.test_kls_instruction import issue
from kelisim_app.tests.signing_ca import TestCA, sign
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

EXECUTION = "KLS Instruction Execution"
RGU_IIN = "810303300333"


class TestSignedAcceptance(FrappeTestCase):
	def test_an_accepted_execution_is_signed(self):
		ca = TestCA()
		key = ca.signer(RGU_IIN, "РГУ ҮЙЛЕСТІРУШІ")
		rgu = make_user("rgu-exec-sign", [core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR], rgu_office())
		head = make_user(
			"kgu-head-exec-sign-71", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71")
		)
		frappe.set_user("Administrator")
		frappe.db.set_value("User", rgu, "kelisim_iin", RGU_IIN)
		conf = frappe.get_doc(signing.SETTINGS)
		conf.enabled = 1
		conf.set("steps", [{"document_type": EXECUTION, "action": "Accept", "required": 1}])
		conf.set("trusted_roots", [{"certificate_pem": ca.root.pem}])
		conf.save()

		frappe.set_user(rgu)
		name = f"{issue(('KZ-71',), deadline_in=10).name}-KZ-71"
		frappe.set_user(head)
		doc = frappe.get_doc(EXECUTION, name)
		doc.report_text = "<p>Дөңгелек үстелдер бес ауданда өтті.</p>"
		doc.save()
		self.assertFalse(signing.signing_request(EXECUTION, name, "Submit report")["required"])
		apply_workflow(frappe.get_doc(EXECUTION, name), "Submit report")

		frappe.set_user(rgu)
		self.assertRaises(SignatureRequiredError, apply_workflow, frappe.get_doc(EXECUTION, name), "Accept")
		content = base64.b64decode(signing.signing_request(EXECUTION, name, "Accept")["content"])
		body = json.loads(content)
		self.assertEqual((body["state"], body["region"]), ("Accepted", "KZ-71"))
		self.assertEqual(body["report"], "<p>Дөңгелек үстелдер бес ауданда өтті.</p>")
		accepted = signing.apply_signed_transition(
			EXECUTION, name, "Accept", sign(content, key, [ca.intermediate])
		)
		self.assertEqual((accepted.docstatus, accepted.workflow_state), (1, "Accepted"))
		frappe.set_user("Administrator")
		evidence = frappe.get_all(
			signing.SIGNATURE, filters={"reference_name": name}, fields=["result", "signer", "content_hash"]
		)
		self.assertEqual(
			[(e.result, e.signer, e.content_hash) for e in evidence],
			[(signature_rules.VALID, rgu, signature_rules.content_hash(content))],
		)
		self.assertFalse(signing.signature_status(EXECUTION, name)["changed"])
