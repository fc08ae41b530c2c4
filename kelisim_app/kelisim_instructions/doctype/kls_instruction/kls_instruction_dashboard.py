from frappe import _


def get_data():
	return {
		"fieldname": "instruction",
		"transactions": [{"label": _("Execution"), "items": ["KLS Instruction Execution"]}],
	}
