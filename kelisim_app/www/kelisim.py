"""/kelisim: the field app (frontend/, built into public/frontend and this page's kelisim.html), booted with
the signed-in user, his language, the translations of the interface and a CSRF token. Guests sign in first."""

import frappe
from frappe import _

from kelisim_app.field import api

no_cache = 1
sitemap = 0  # a signed-in app, not a public page
SW_URL = "/kelisim-sw.js"


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/kelisim"
		raise frappe.Redirect(302)  # not 301: a browser would keep sending a signed-in user to the login
	new_token = not frappe.local.session.data.csrf_token
	csrf_token = frappe.sessions.get_csrf_token()
	if new_token:
		# as Frappe's own /app page does: the session row now holding the token must outlive this GET request
		frappe.db.commit()  # nosemgrep
	boot = api.bootstrap()
	boot.update(
		{
			"csrf_token": csrf_token,
			"messages": api.messages_for(frappe.local.lang),
			"sw_url": SW_URL,
			"site_name": frappe.local.site,
		}
	)
	context.boot = {"kelisim_boot": boot}
	context.title = _("Kelisim in the field")
	return context
