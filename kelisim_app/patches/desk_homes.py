"""#23: the existing users of app roles land on their role's workspace; Frappe's own workspaces are hidden
from those who administer nothing (kelisim_core/desk_home.py)."""

from kelisim_app.kelisim_core.desk_home import apply_to_existing_users


def execute():
	apply_to_existing_users()
