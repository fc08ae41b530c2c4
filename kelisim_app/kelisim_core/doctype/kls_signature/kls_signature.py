# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kelisim_app.exceptions import SignatureError


class KLSSignature(Document):
	"""Evidence of a signed step: written once by kelisim_core.signing.record, never changed (only the daily
	re-verification sets its result and check time, directly in the database), never deleted while its
	document exists."""

	def validate(self):
		if not self.is_new():
			frappe.throw(_("A signature is evidence: it cannot be changed"), SignatureError)

	def on_trash(self):
		if frappe.db.exists(self.reference_doctype, self.reference_name):
			frappe.throw(
				_("A signature is evidence: it cannot be deleted while its document exists"), SignatureError
			)
