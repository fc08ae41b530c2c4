"""bench commands of the app: `bench --site SITE kelisim-demo`."""

import click
from frappe.commands import get_site, pass_context


@click.command("kelisim-demo")
@click.option("--quiet", is_flag=True, default=False, help="Do not print the demo logins")
@pass_context
def kelisim_demo(context, quiet=False):
	"""Load the built-in demo data (idempotent) and print the demo logins."""
	import frappe

	from kelisim_app import demo

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		demo.load(verbose=not quiet)
		frappe.db.commit()  # nosemgrep: a CLI command owns its transaction
		if not quiet:
			demo.login_table()
	finally:
		frappe.destroy()


commands = [kelisim_demo]
