"""Layer-1 tests of kelisim_app: pure Python, no Frappe, run from the repo root with `python3 -m pytest tests`."""
