def get_context(context):
	# the form is public; nothing of other appeals is ever listed
	context.show_sidebar = False
