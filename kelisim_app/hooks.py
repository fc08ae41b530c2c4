app_name = "kelisim_app"
app_title = "Kelisim"
app_publisher = "Kelisim developers"
app_description = (
	"Қоғамдық келісім: registries, base projects, mediation and the KGU→RGU approval chain "
	"for Kazakhstan's public-consent offices"
)
app_email = "dev@kelisim.kz"
app_license = "mit"

# Frappe v15 LTS (v16 kept compatible where cheap); pyproject.toml pins the same range for bench.
required_apps = []

export_python_type_annotations = True

# Install / migrate / uninstall ------------------------------------------------------------------
before_install = [
	"kelisim_app.install.before_install",
	# #23: the workspaces' map block exists before the workspaces that show it are synced
	"kelisim_app.kelisim_reporting.map_block.ensure_map_block",
]
after_install = [
	"kelisim_app.install.after_install",
	# #23: the module profile that hides Frappe's own workspaces from the app's users
	"kelisim_app.kelisim_core.desk_home.ensure_module_profile",
]
after_migrate = [
	"kelisim_app.install.after_migrate",
	"kelisim_app.kelisim_core.desk_home.ensure_module_profile",
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
	# #23: the map of the regions (the desk page `kelisim-map` and the workspaces' map block draw with it)
	"/assets/kelisim_app/js/kelisim_map.js",
	# #23: workflow states by their translated label, no time zone note when the user's zone is the site's
	"/assets/kelisim_app/js/kelisim_display.js",
]
# whether the site is a demo site (its System Manager may generate demo data from the desk)
extend_bootinfo = [
	"kelisim_app.demo.jobs.boot",
	# #23: the titles of masters named by a code (regions), so that the desk never shows the code
	"kelisim_app.kelisim_core.display.boot",
]

# Print formats ----------------------------------------------------------------------------------
jinja = {"methods": ["kelisim_app.kelisim_reporting.executive.kelisim_executive_summary"]}

# Field-level read protection of list queries (kelisim_core/read_guard.py), in every process
before_request = ["kelisim_app.kelisim_core.read_guard.install"]
before_job = ["kelisim_app.kelisim_core.read_guard.install"]
# link search may not switch off the permission filters of an app DocType (read_guard.may_ignore_user_permissions)
override_whitelisted_methods = {
	"frappe.desk.search.search_link": "kelisim_app.kelisim_core.read_guard.search_link",
	"frappe.desk.search.search_widget": "kelisim_app.kelisim_core.read_guard.search_widget",
	# an app DocType is counted as get_list shows it (Frappe's count checks no permission)
	"frappe.client.get_count": "kelisim_app.kelisim_core.read_guard.get_count",
	# dashboard charts computed per user, never from Frappe's per-chart cache
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": (
		"kelisim_app.kelisim_core.read_guard.dashboard_chart_data"
	),
	# number cards computed on the replica, read-only (dashboard figures, docs/deployment.md)
	"frappe.desk.doctype.number_card.number_card.get_result": (
		"kelisim_app.kelisim_core.read_guard.number_card_result"
	),
}

# Region scoping and users -------------------------------------------------------------------------
doc_events = {
	"*": {
		"validate": [
			# texts, numbers and links the database can hold, refused with a message otherwise
			"kelisim_app.kelisim_core.input_guard.check_input",
			"kelisim_app.kelisim_core.permissions.validate_record_region",
		],
		# a print format prints only the fields its user may read
		"before_print": "kelisim_app.kelisim_core.read_guard.hide_unreadable_fields_in_print",
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
		"on_update": "kelisim_app.kelisim_registry.activity.on_source_change",
		"after_delete": "kelisim_app.kelisim_registry.activity.on_source_change",
	},
	"KLS Mediation Case": {
		"on_update": "kelisim_app.kelisim_registry.activity.on_source_change",
		"after_delete": "kelisim_app.kelisim_registry.activity.on_source_change",
	},
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
}

permission_query_conditions = {
	"KLS Public Structure": "kelisim_app.kelisim_registry.permissions.structure_query_conditions",
	"KLS Membership": "kelisim_app.kelisim_registry.permissions.membership_query_conditions",
	"KLS Instruction": "kelisim_app.kelisim_instructions.permissions.instruction_query_conditions",
	"KLS Event": "kelisim_app.kelisim_events.permissions.event_query_conditions",
	"KLS Mediation Case": "kelisim_app.kelisim_mediation.permissions.case_query_conditions",
	"KLS Consultation": "kelisim_app.kelisim_mediation.permissions.consultation_query_conditions",
	# child rows listed on their own: only those of the parents the user may list (kelisim_core/child_guard.py)
	"*": "kelisim_app.kelisim_core.child_guard.query_conditions",
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
	],
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


# --- #23: the workspaces' map block exists before the workspaces that show it are synced
before_migrate = ["kelisim_app.kelisim_reporting.map_block.ensure_map_block"]
