"""/appeal-status: a citizen checks his appeal with its reference number and his phone or e-mail."""

import frappe
from frappe import _

from kelisim_app.kelisim_mediation import appeals
from kelisim_app.kelisim_mediation.exceptions import AppealRateLimitError

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Status of a mediation appeal")
	form = frappe.form_dict
	context.reference = (form.get("reference") or "").strip()[:40]
	context.contact = ""  # never echoed back
	context.asked = bool(form.get("reference") or form.get("contact"))
	context.status = None
	context.error = None
	if context.asked:
		try:
			context.status = appeals.check_status_limited(form.get("reference"), form.get("contact"))
		except AppealRateLimitError:
			frappe.clear_messages()
			context.error = _("Too many attempts. Please try again in an hour.")
		if not context.status and not context.error:
			context.error = appeals.not_found_message()
	return context
