app_name = "kelisim_app"
app_title = "Kelisim"
app_publisher = "Kelisim developers"
app_description = (
	"Қоғамдық келісім: registries, base projects, mediation and the KGU→RGU approval chain "
	"for Kazakhstan's public-consent offices"
)
app_email = "dev@kelisim.kz"
app_license = "mit"

# Frappe v15 LTS, the only version tested; pyproject.toml declares the same range to bench, and install and
# migrate refuse any other (kelisim_core/frappe_version.py).
required_apps = []

export_python_type_annotations = True

# Install / migrate / uninstall ------------------------------------------------------------------
before_install = [
	"kelisim_app.install.before_install",
	# #23: the workspaces' map block exists before the workspaces that show it are synced
	"kelisim_app.kelisim_reporting.map_block.ensure_map_block",
]
before_migrate = [
	"kelisim_app.kelisim_core.frappe_version.check_installed_frappe",
	"kelisim_app.kelisim_reporting.map_block.ensure_map_block",  # #23
]
# (#21: then the alerts the modules declare become KLS Alert Rules; an administrator's changes are kept)
after_install = [
	"kelisim_app.install.after_install",
	"kelisim_app.kelisim_core.signing.ensure_signature_setup",  # #22
	"kelisim_app.kelisim_core.alerts.after_migrate",  # #21
	# #23: the module profile that hides Frappe's own workspaces from the app's users
	"kelisim_app.kelisim_core.desk_home.ensure_module_profile",
]
after_migrate = [
	"kelisim_app.install.after_migrate",
	"kelisim_app.kelisim_core.signing.ensure_signature_setup",  # #22
	"kelisim_app.kelisim_core.alerts.after_migrate",  # #21
	"kelisim_app.kelisim_core.desk_home.ensure_module_profile",  # #23
]
# Frappe's setup wizard resets the date and number formats from its country data: Kazakhstan's come back
setup_wizard_complete = "kelisim_app.kelisim_core.localization.after_setup_wizard"
before_uninstall = "kelisim_app.install.before_uninstall"

before_tests = "kelisim_app.tests.utils.before_tests"

# Desk -------------------------------------------------------------------------------------------
# a plain file (no bundle, so no `bench build` is needed): helpers shared by the app's form scripts
app_include_js = [
	"/assets/kelisim_app/js/kelisim_desk.js",
	"/assets/kelisim_app/js/kelisim_locale.js",
	# #22: NCALayer signing of the official workflow steps, and the signatures on their forms
	"/assets/kelisim_app/js/kelisim_signing.js",
	# #23: the map of the regions (the desk page `kelisim-map` and the workspaces' map block draw with it)
	"/assets/kelisim_app/js/kelisim_map.js",
	# #23: workflow states by their translated label, no time zone note when the user's zone is the site's
	"/assets/kelisim_app/js/kelisim_display.js",
]
# whether the site is a demo site (its System Manager may generate demo data from the desk)
extend_bootinfo = [
	"kelisim_app.demo.jobs.boot",
	"kelisim_app.kelisim_core.signing.boot",  # #22: the DocTypes whose steps may be signed
	# #23: the titles of masters named by a code (regions), so that the desk never shows the code
	"kelisim_app.kelisim_core.display.boot",
]

# Print formats ----------------------------------------------------------------------------------
jinja = {
	"methods": [
		"kelisim_app.kelisim_reporting.executive.kelisim_executive_summary",
		"kelisim_app.kelisim_core.signing.kelisim_signatures",  # #22: the signature block of the prints
	]
}

# What the app changes in Frappe's behaviour is installed from one place (kelisim_app/overrides/__init__.py)
# in every process: list queries keep confidential fields back (read_guard), and what Frappe serves beside a
# document is redacted for its reader (confidential)
before_request = ["kelisim_app.overrides.install"]
before_job = ["kelisim_app.overrides.install"]
# link search may not switch off the permission filters of an app DocType (read_guard.may_ignore_user_permissions)
override_whitelisted_methods = {
	"frappe.desk.search.search_link": "kelisim_app.overrides.read_guard.search_link",
	"frappe.desk.search.search_widget": "kelisim_app.overrides.read_guard.search_widget",
	# global search answers only records the user may read (overrides/document_access.py)
	"frappe.utils.global_search.search": "kelisim_app.overrides.document_access.global_search",
	# an app DocType is counted as get_list shows it (Frappe's count checks no permission)
	"frappe.client.get_count": "kelisim_app.overrides.read_guard.get_count",
	# dashboard charts computed per user, never from Frappe's per-chart cache
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": (
		"kelisim_app.overrides.read_guard.dashboard_chart_data"
	),
	# number cards computed on the replica, read-only (dashboard figures, docs/deployment.md)
	"frappe.desk.doctype.number_card.number_card.get_result": (
		"kelisim_app.overrides.read_guard.number_card_result"
	),
	# --- #18B: four eyes; the desk is offered only the workflow actions the user may take, and a refused
	# action is a permission error (403) (kelisim_core/four_eyes.py)
	"frappe.model.workflow.get_transitions": "kelisim_app.kelisim_core.four_eyes.get_transitions",
	"frappe.model.workflow.apply_workflow": "kelisim_app.kelisim_core.four_eyes.apply_workflow",
	# --- #18: one guard for every Frappe method that takes a document by name (overrides/guarded_methods.py):
	# a record the caller may not reach answers as a missing one; nothing is put on a record he may not write
	"frappe.client.validate_link": "kelisim_app.overrides.document_access.frappe__client__validate_link",
	"frappe.client.get": "kelisim_app.overrides.document_access.frappe__client__get",
	"frappe.client.has_permission": "kelisim_app.overrides.document_access.frappe__client__has_permission",
	"frappe.client.get_doc_permissions": "kelisim_app.overrides.document_access.frappe__client__get_doc_permissions",
	"frappe.client.is_document_amended": "kelisim_app.overrides.document_access.frappe__client__is_document_amended",
	"frappe.client.get_password": "kelisim_app.overrides.document_access.frappe__client__get_password",
	"frappe.handler.run_doc_method": "kelisim_app.overrides.document_access.frappe__handler__run_doc_method",
	"frappe.desk.form.load.getdoc": "kelisim_app.overrides.document_access.frappe__desk__form__load__getdoc",
	"frappe.desk.form.load.get_docinfo": "kelisim_app.overrides.document_access.frappe__desk__form__load__get_docinfo",
	"frappe.desk.form.load.get_communications": "kelisim_app.overrides.document_access.frappe__desk__form__load__get_communications",
	"frappe.desk.form.linked_with.get": "kelisim_app.overrides.document_access.frappe__desk__form__linked_with__get",
	"frappe.desk.form.linked_with.get_submitted_linked_docs": "kelisim_app.overrides.document_access.frappe__desk__form__linked_with__get_submitted_linked_docs",
	"frappe.desk.link_preview.get_preview_data": "kelisim_app.overrides.document_access.frappe__desk__link_preview__get_preview_data",
	"frappe.desk.search.get_link_title": "kelisim_app.overrides.document_access.frappe__desk__search__get_link_title",
	"frappe.desk.notifications.get_open_count": "kelisim_app.overrides.document_access.frappe__desk__notifications__get_open_count",
	"frappe.desk.form.document_follow.get_follow_users": "kelisim_app.overrides.document_access.frappe__desk__form__document_follow__get_follow_users",
	"frappe.share.get_users": "kelisim_app.overrides.document_access.frappe__share__get_users",
	"frappe.core.api.file.get_attached_images": "kelisim_app.overrides.document_access.frappe__core__api__file__get_attached_images",
	"frappe.realtime.can_subscribe_doc": "kelisim_app.overrides.document_access.frappe__realtime__can_subscribe_doc",
	"frappe.printing.page.print.print.get_print_settings_to_show": "kelisim_app.overrides.document_access.frappe__printing__page__print__print__get_print_settings_to_show",
	"frappe.core.doctype.submission_queue.submission_queue.get_latest_submissions": "kelisim_app.overrides.document_access.frappe__core__doctype__submission_queue__submission_queue__get_latest_submissions",
	"frappe.social.doctype.energy_point_log.energy_point_log.get_reviews": "kelisim_app.overrides.document_access.frappe__social__doctype__energy_point_log__energy_point_log__get_reviews",
	"frappe.utils.print_format.download_pdf": "kelisim_app.overrides.document_access.frappe__utils__print_format__download_pdf",
	"frappe.utils.print_format.download_multi_pdf": "kelisim_app.overrides.document_access.frappe__utils__print_format__download_multi_pdf",
	"frappe.utils.print_format.download_multi_pdf_async": "kelisim_app.overrides.document_access.frappe__utils__print_format__download_multi_pdf_async",
	"frappe.utils.print_format.print_by_server": "kelisim_app.overrides.document_access.frappe__utils__print_format__print_by_server",
	"frappe.utils.weasyprint.download_pdf": "kelisim_app.overrides.document_access.frappe__utils__weasyprint__download_pdf",
	"frappe.website.doctype.web_form.web_form.get_form_data": "kelisim_app.overrides.document_access.frappe__website__doctype__web_form__web_form__get_form_data",
	"frappe.core.doctype.communication.email.make": "kelisim_app.overrides.document_access.frappe__core__doctype__communication__email__make",
	"frappe.utils.goal.get_monthly_goal_graph_data": "kelisim_app.overrides.document_access.frappe__utils__goal__get_monthly_goal_graph_data",
	"frappe.client.set_value": "kelisim_app.overrides.document_access.frappe__client__set_value",
	"frappe.client.cancel": "kelisim_app.overrides.document_access.frappe__client__cancel",
	"frappe.client.delete": "kelisim_app.overrides.document_access.frappe__client__delete",
	"frappe.client.attach_file": "kelisim_app.overrides.document_access.frappe__client__attach_file",
	"frappe.desk.form.save.cancel": "kelisim_app.overrides.document_access.frappe__desk__form__save__cancel",
	"frappe.desk.form.utils.add_comment": "kelisim_app.overrides.document_access.frappe__desk__form__utils__add_comment",
	"frappe.desk.form.utils.update_comment": "kelisim_app.overrides.document_access.frappe__desk__form__utils__update_comment",
	"frappe.templates.includes.comments.comments.add_comment": "kelisim_app.overrides.document_access.frappe__templates__includes__comments__comments__add_comment",
	"frappe.templates.includes.likes.likes.like": "kelisim_app.overrides.document_access.frappe__templates__includes__likes__likes__like",
	"frappe.desk.like.toggle_like": "kelisim_app.overrides.document_access.frappe__desk__like__toggle_like",
	"frappe.desk.doctype.tag.tag.add_tag": "kelisim_app.overrides.document_access.frappe__desk__doctype__tag__tag__add_tag",
	"frappe.desk.doctype.tag.tag.remove_tag": "kelisim_app.overrides.document_access.frappe__desk__doctype__tag__tag__remove_tag",
	"frappe.desk.doctype.tag.tag.add_tags": "kelisim_app.overrides.document_access.frappe__desk__doctype__tag__tag__add_tags",
	"frappe.desk.form.assign_to.add": "kelisim_app.overrides.document_access.frappe__desk__form__assign_to__add",
	"frappe.desk.form.assign_to.add_multiple": "kelisim_app.overrides.document_access.frappe__desk__form__assign_to__add_multiple",
	"frappe.desk.form.assign_to.remove": "kelisim_app.overrides.document_access.frappe__desk__form__assign_to__remove",
	"frappe.desk.form.assign_to.remove_multiple": "kelisim_app.overrides.document_access.frappe__desk__form__assign_to__remove_multiple",
	"frappe.desk.form.assign_to.close": "kelisim_app.overrides.document_access.frappe__desk__form__assign_to__close",
	"frappe.desk.form.document_follow.follow_document": "kelisim_app.overrides.document_access.frappe__desk__form__document_follow__follow_document",
	"frappe.desk.form.document_follow.unfollow_document": "kelisim_app.overrides.document_access.frappe__desk__form__document_follow__unfollow_document",
	"frappe.desk.form.document_follow.update_follow": "kelisim_app.overrides.document_access.frappe__desk__form__document_follow__update_follow",
	"frappe.share.add": "kelisim_app.overrides.document_access.frappe__share__add",
	"frappe.share.set_permission": "kelisim_app.overrides.document_access.frappe__share__set_permission",
	"frappe.handler.upload_file": "kelisim_app.overrides.document_access.frappe__handler__upload_file",
	"frappe.utils.file_manager.add_attachments": "kelisim_app.overrides.document_access.frappe__utils__file_manager__add_attachments",
	"frappe.model.rename_doc.update_document_title": "kelisim_app.overrides.document_access.frappe__model__rename_doc__update_document_title",
	"frappe.model.document.unlock_document": "kelisim_app.overrides.document_access.frappe__model__document__unlock_document",
	"frappe.automation.doctype.auto_repeat.auto_repeat.make_auto_repeat": "kelisim_app.overrides.document_access.frappe__automation__doctype__auto_repeat__auto_repeat__make_auto_repeat",
	"frappe.automation.doctype.assignment_rule.assignment_rule.bulk_apply": "kelisim_app.overrides.document_access.frappe__automation__doctype__assignment_rule__assignment_rule__bulk_apply",
	"frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs": "kelisim_app.overrides.document_access.frappe__desk__doctype__bulk_update__bulk_update__submit_cancel_or_update_docs",
	"frappe.model.workflow.bulk_workflow_approval": "kelisim_app.overrides.document_access.frappe__model__workflow__bulk_workflow_approval",
	"run_doc_method": "kelisim_app.overrides.document_access.frappe__handler__run_doc_method",
	"runserverobj": "kelisim_app.overrides.document_access.frappe__handler__run_doc_method",
	"frappe.handler.runserverobj": "kelisim_app.overrides.document_access.frappe__handler__run_doc_method",
}

# Region scoping and users -------------------------------------------------------------------------
doc_events = {
	"*": {
		"validate": [
			# texts, numbers and links the database can hold, refused with a message otherwise
			"kelisim_app.kelisim_core.input_guard.check_input",
			"kelisim_app.kelisim_core.permissions.validate_record_region",
			# --- #18B: every workflow step: the user's transition, no self approval, four eyes
			"kelisim_app.kelisim_core.four_eyes.check_step",
			# --- #18: a person's name copied into a record that links him only while he consents
			"kelisim_app.kelisim_registry.personal_data.empty_copies_without_consent",
		],
		# --- #18B: steps that cancel or change a submitted document run no validate
		"before_cancel": "kelisim_app.kelisim_core.four_eyes.check_step",
		"before_update_after_submit": "kelisim_app.kelisim_core.four_eyes.check_step",
		# a print format prints only the fields its user may read
		"before_print": "kelisim_app.overrides.read_guard.hide_unreadable_fields_in_print",
		# a trilingual master's names become the Translations the desk shows it by
		"on_update": "kelisim_app.kelisim_core.localization.on_master_update",
	},
	"User": {
		"validate": [
			"kelisim_app.kelisim_core.localization.set_language_from_office",
			"kelisim_app.kelisim_core.permissions.validate_user_office",
			# #23: the user's home workspace and Frappe's workspaces hidden, by his roles
			"kelisim_app.kelisim_core.desk_home.apply_desk_home",
		],
		"on_update": "kelisim_app.kelisim_core.permissions.on_user_update",
	},
	# records that prove a structure's activity (kelisim_activity_sources below)
	"KLS Event": {
		"on_update": [
			"kelisim_app.kelisim_registry.activity.on_source_change",
			# the project plans an event counts in (kelisim_projects stands above kelisim_events)
			"kelisim_app.kelisim_projects.doctype.kls_project_plan.kls_project_plan.on_event_update",
			"kelisim_app.kelisim_core.alerts.on_update",  # #21
		],
		"after_delete": "kelisim_app.kelisim_registry.activity.on_source_change",
		"after_insert": "kelisim_app.kelisim_core.alerts.after_insert",  # #21
		"on_cancel": "kelisim_app.kelisim_core.alerts.on_update",  # #21
		"on_trash": "kelisim_app.kelisim_core.alerts.on_trash",  # #21
	},
	"KLS Mediation Case": {
		"on_update": [
			"kelisim_app.kelisim_registry.activity.on_source_change",
			"kelisim_app.kelisim_core.alerts.on_update",  # #21
		],
		"after_delete": "kelisim_app.kelisim_registry.activity.on_source_change",
		"after_insert": "kelisim_app.kelisim_core.alerts.after_insert",  # #21
		"on_cancel": "kelisim_app.kelisim_core.alerts.on_update",  # #21
		"on_trash": "kelisim_app.kelisim_core.alerts.on_trash",  # #21
	},
	# #22: a step that requires an electronic signature passes only through signing.apply_signed_transition
	"KLS Instruction Execution": {"validate": "kelisim_app.kelisim_core.signing.guard"},
	# --- #21: the alerts of these DocTypes (kelisim_core/alerts.py); the desk's notifications forwarded to Telegram
	"KLS Mediation Appeal": {
		"on_update": "kelisim_app.kelisim_core.alerts.on_update",
		"after_insert": "kelisim_app.kelisim_core.alerts.after_insert",
		"on_cancel": "kelisim_app.kelisim_core.alerts.on_update",
		"on_trash": "kelisim_app.kelisim_core.alerts.on_trash",
	},
	"KLS National Report": {
		"validate": "kelisim_app.kelisim_core.signing.guard",  # #22
		# a step between two submitted states (#20: the hand-over) runs no validate
		"before_update_after_submit": "kelisim_app.kelisim_core.signing.guard",
		"on_update": "kelisim_app.kelisim_core.alerts.on_update",
		"after_insert": "kelisim_app.kelisim_core.alerts.after_insert",
		"on_cancel": "kelisim_app.kelisim_core.alerts.on_update",
		"on_trash": "kelisim_app.kelisim_core.alerts.on_trash",
	},
	"KLS Regional Report": {
		"validate": "kelisim_app.kelisim_core.signing.guard",  # #22
		# a step between two submitted states (#20: the hand-over) runs no validate
		"before_update_after_submit": "kelisim_app.kelisim_core.signing.guard",
		"on_update": "kelisim_app.kelisim_core.alerts.on_update",
		"after_insert": "kelisim_app.kelisim_core.alerts.after_insert",
		"on_cancel": "kelisim_app.kelisim_core.alerts.on_update",
		"on_trash": "kelisim_app.kelisim_core.alerts.on_trash",
	},
	"Notification Log": {"after_insert": "kelisim_app.kelisim_core.telegram.on_notification_log"},
	# --- #18: comments, tags, assignments, shares, files and follows need the right to write their document
	"Comment": {"before_insert": "kelisim_app.overrides.document_access.check_reference"},
	"Tag Link": {"before_insert": "kelisim_app.overrides.document_access.check_reference"},
	"ToDo": {"before_insert": "kelisim_app.overrides.document_access.check_reference"},
	"DocShare": {"before_insert": "kelisim_app.overrides.document_access.check_reference"},
	"File": {"before_insert": "kelisim_app.overrides.document_access.check_reference"},
	"Document Follow": {"before_insert": "kelisim_app.overrides.document_access.check_reference"},
	# --- #18: a notification of an app DocType may not carry a confidential field to its recipients
	"Notification": {"validate": "kelisim_app.overrides.confidential.check_notification"},
}

has_permission = {
	# a KGU user changes only records of his own region (also those a link cannot guard: no region)
	"*": "kelisim_app.kelisim_core.permissions.region_write_guard",
	"KLS Public Structure": "kelisim_app.kelisim_registry.permissions.structure_has_permission",
	"KLS Membership": "kelisim_app.kelisim_registry.permissions.membership_has_permission",
	"KLS Person": "kelisim_app.kelisim_registry.permissions.person_has_permission",
	"KLS Instruction": "kelisim_app.kelisim_instructions.permissions.instruction_has_permission",
	"KLS Event": "kelisim_app.kelisim_events.permissions.event_has_permission",
	"KLS Mediation Case": "kelisim_app.kelisim_mediation.permissions.case_has_permission",
	"KLS Consultation": "kelisim_app.kelisim_mediation.permissions.consultation_has_permission",
	# --- #20: structures' work plans and quarterly reports (a secretary's structures only)
	"KLS Structure Plan": "kelisim_app.kelisim_registry.structure_work.work_has_permission",
	"KLS Structure Report": "kelisim_app.kelisim_registry.structure_work.work_has_permission",
	"KLS Youth Initiative": "kelisim_app.kelisim_registry.structure_work.initiative_has_permission",
	# --- #18: a file of a confidential Attach field opens only for readers of that field
	"File": "kelisim_app.overrides.confidential.file_has_permission",
}

permission_query_conditions = {
	"KLS Public Structure": "kelisim_app.kelisim_registry.permissions.structure_query_conditions",
	"KLS Membership": "kelisim_app.kelisim_registry.permissions.membership_query_conditions",
	"KLS Instruction": "kelisim_app.kelisim_instructions.permissions.instruction_query_conditions",
	"KLS Event": "kelisim_app.kelisim_events.permissions.event_query_conditions",
	"KLS Mediation Case": "kelisim_app.kelisim_mediation.permissions.case_query_conditions",
	"KLS Consultation": "kelisim_app.kelisim_mediation.permissions.consultation_query_conditions",
	# --- #20: structures' work plans and quarterly reports (a secretary's structures only)
	"KLS Structure Plan": "kelisim_app.kelisim_registry.structure_work.plan_query_conditions",
	"KLS Structure Report": "kelisim_app.kelisim_registry.structure_work.report_query_conditions",
	"KLS Youth Initiative": "kelisim_app.kelisim_registry.structure_work.initiative_query_conditions",
	# --- #18B: a person without consent is listed only by the office that registered him
	"KLS Person": "kelisim_app.kelisim_registry.personal_data.query_conditions",
	# child rows listed on their own: only those of the parents the user may list (overrides/child_guard.py)
	"*": "kelisim_app.overrides.child_guard.query_conditions",
}

# Scheduled jobs ------------------------------------------------------------------------------------
scheduler_events = {
	"daily": [
		"kelisim_app.kelisim_registry.activity.daily",
		"kelisim_app.kelisim_registry.members.daily",
		"kelisim_app.kelisim_registry.doctype.kls_mediator.kls_mediator.refresh_certification_states",
		"kelisim_app.kelisim_instructions.control.daily",
		"kelisim_app.kelisim_projects.doctype.kls_project_plan.kls_project_plan.daily",
		"kelisim_app.kelisim_mediation.control.daily",
		"kelisim_app.kelisim_reporting.control.daily",
		"kelisim_app.kelisim_mediation.retention.daily",
		# #22: signed documents whose content no longer matches their signature are flagged
		"kelisim_app.kelisim_core.signing.daily",
		"kelisim_app.kelisim_core.telegram.daily_digest",  # #21: the Telegram digest
		"kelisim_app.kelisim_core.telegram.clear_old_messages",  # #21: the delivery log keeps 180 days
		# --- #18B: people who left every structure longer ago than the retention period
		"kelisim_app.kelisim_registry.personal_data.daily",
	],
	# --- #21: queues reminded and escalated; the bot's updates read (polling) and late messages sent
	"hourly": ["kelisim_app.kelisim_core.alerts.hourly"],
	"cron": {"* * * * *": ["kelisim_app.kelisim_core.telegram.every_minute"]},
	# scheduled backups where bench's cron does not run them (containers); off unless the site config
	# sets kelisim_backup_interval_hours (kelisim_app/utils/backups.py, docs/deployment.md)
	"hourly_long": ["kelisim_app.utils.backups.hourly"],
}

# Records that prove a public structure's activity (see kelisim_registry/activity.py); each source's
# doc events are routed to activity.on_source_change. Events, mediation cases and reports join here.
kelisim_activity_sources = [
	{
		"doctype": "KLS Event",
		"structure_field": "organiser",
		"date_field": "event_date",
		"filters": {"workflow_state": "Verified"},
	},
	# a mediation council, platform or office proves its activity by the appeals it handles
	{"doctype": "KLS Mediation Case", "structure_field": "handling_structure", "date_field": "received_on"},
]

# Standard records that cannot be DocType-owned files, shipped as filtered fixtures ---------------------
# (the custom fields the app adds to User and Role; nothing else of those DocTypes is exported)
fixtures = [
	{"dt": "Custom Field", "filters": [["module", "=", "Kelisim Core"], ["dt", "in", ["User", "Role"]]]},
]

# --- #19: the field app (PWA at /kelisim, kelisim_app/field/, frontend/) --------------------------------
# deep links of the app all load its page (www/kelisim.py)
website_route_rules = [{"from_route": "/kelisim/<path:app_path>", "to_route": "kelisim"}]
# its service worker from the site root, with Service-Worker-Allowed: /kelisim (field/pwa.py)
page_renderer = ["kelisim_app.field.pwa.ServiceWorkerRenderer"]
# --- #22: electronic digital signatures (ЭЦП, NCALayer) on the steps that make a document official ----------
# the documents that can be signed and the builder of their canonical content (kelisim_core/signing.py)
kelisim_signed_documents = {
	"KLS Regional Report": "kelisim_app.kelisim_reporting.signing.regional_report_content",
	"KLS National Report": "kelisim_app.kelisim_reporting.signing.national_report_content",
	"KLS Instruction Execution": "kelisim_app.kelisim_instructions.signing.execution_content",
}
# --- #21: notifications (alerts as rules an administrator changes, the Telegram channel, the digest) ---------
# Each feature module declares its alerts (kelisim_core/alerts.py runs them; KLS Alert Rule holds what an
# administrator changes; docs/notifications.md)
kelisim_alerts = [
	"kelisim_app.kelisim_mediation.alerts.ALERTS",
	"kelisim_app.kelisim_events.alerts.ALERTS",
	"kelisim_app.kelisim_reporting.alerts.ALERTS",
]
# the User form leads to the Telegram page
doctype_js = {"User": "public/js/user_telegram.js"}
