"""Changes the app makes to Frappe's own behaviour (each module says which behaviour and why)."""
