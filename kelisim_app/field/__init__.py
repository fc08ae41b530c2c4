"""Kelisim in the field: the offline PWA at /kelisim (frontend/ in the repository) and its server side —
the boot page (www/kelisim.py), the service worker served from the site root (pwa.py) and the idempotent
sync of records queued on the device (api.py, rules in rules.py)."""
