from frappe import _


def get_data():
	return {
		"fieldname": "kelisim_office",
		"transactions": [{"label": _("Staff"), "items": ["User"]}],
	}
