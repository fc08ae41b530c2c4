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
before_install = "kelisim_app.install.before_install"
after_install = "kelisim_app.install.after_install"
after_migrate = "kelisim_app.install.after_migrate"
before_uninstall = "kelisim_app.install.before_uninstall"

before_tests = "kelisim_app.tests.utils.before_tests"

# Region scoping and users -------------------------------------------------------------------------
doc_events = {
	"User": {
		"validate": "kelisim_app.kelisim_core.permissions.validate_user_office",
		"on_update": "kelisim_app.kelisim_core.permissions.on_user_update",
	},
}

has_permission = {
	"KLS Office": "kelisim_app.kelisim_core.permissions.office_has_permission",
}

# Standard records that cannot be DocType-owned files, shipped as filtered fixtures ---------------------
# (the custom fields the app adds to User and Role; nothing else of those DocTypes is exported)
fixtures = [
	{"dt": "Custom Field", "filters": [["module", "=", "Kelisim Core"], ["dt", "in", ["User", "Role"]]]},
]
