from frappe import _


def get_context(context):
	# the form is public; nothing of other appeals is ever listed
	context.show_sidebar = False
	# Frappe's web form shows its introduction and the page's title as they are stored: show them in the
	# reader's language
	if context.get("introduction_text"):
		context.introduction_text = _(context.introduction_text)
	if context.get("title"):
		context.title = _(context.title)
