# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kelisim_app.exceptions import SignatureError
from kelisim_app.kelisim_core import cms


def root_der(row) -> bytes | None:
	"""The DER of a trusted root row: its PEM text, else its attached file."""
	if (row.certificate_pem or "").strip():
		data = row.certificate_pem.strip().encode()
	elif row.certificate_file:
		data = frappe.get_doc("File", {"file_url": row.certificate_file}).get_content()
		data = data.encode() if isinstance(data, str) else data
	else:
		return None
	ders = cms.load_certificates(data)
	return ders[0] if ders else None


class KLSSignatureSettings(Document):
	def validate(self):
		self.check_steps()
		self.describe_roots()

	def check_steps(self):
		from kelisim_app.kelisim_core.signing import signed_doctypes

		signable, seen = signed_doctypes(), set()
		for row in self.steps:
			row.action = (row.action or "").strip()
			if row.document_type not in signable:
				frappe.throw(
					_("Row {0}: documents of type {1} are not signed").format(row.idx, _(row.document_type)),
					SignatureError,
				)
			if (row.document_type, row.action) in seen:
				frappe.throw(_("Row {0}: this step is listed twice").format(row.idx), SignatureError)
			seen.add((row.document_type, row.action))

	def describe_roots(self):
		for row in self.trusted_roots:
			try:
				der = root_der(row)
				info = cms.describe_certificate(der) if der else None
			except Exception:
				info = None
			if not info:
				frappe.throw(
					_("Trusted root {0}: attach a certificate file or paste its PEM text").format(row.idx),
					SignatureError,
				)
			row.subject, row.serial, row.fingerprint = info["subject"], info["serial"], info["fingerprint"]
			row.valid_to = info["valid_to"].replace(tzinfo=None)
			row.title = row.title or info["subject"][:140]
