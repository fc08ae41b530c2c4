from frappe import _

from kelisim_app.utils.i18n import N_

# shown on the success page by mediation_appeal.js, with the case's reference number
REGISTERED = N_("Your appeal is registered under number {0}. Keep it to check the status.")


def get_context(context):
	# the form is public; nothing of other appeals is ever listed
	context.show_sidebar = False
	# Frappe's web form shows its introduction and the page's title as they are stored: show them in the
	# reader's language
	if context.get("introduction_text"):
		context.introduction_text = _(context.introduction_text)
	if context.get("title"):
		context.title = _(context.title)
	# the script of the page is rendered with this context (Jinja): it gets this text in the reader's language
	context.registered_message = _(REGISTERED)
