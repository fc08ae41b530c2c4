"""Changes the app makes to Frappe's own behaviour (each module says which behaviour and why), installed from
here: `install()` runs before every request and background job (hooks.py) and when the kernel's permissions are
imported. The rest of what is here takes effect through hooks.py (override_whitelisted_methods, the "*"
permission hooks and doc_events).

* `read_guard` - list queries, link search, counts, dashboard figures and prints keep confidential fields
  (permission levels) from those who may not read them;
* `confidential` - what Frappe sends beside a document (history, milestones, attachments, link titles, the
  follow digest, Data Export rows) redacted for its reader;
* `document_access` / `guarded_methods` - Frappe's whitelisted methods that take a document by name answer a
  record the caller may not reach as one that does not exist, and write nothing to it;
* `child_guard` - child rows listed on their own only for the parents the user may list.
"""


def install() -> None:
	"""Idempotent: put the app's wrappers of Frappe's functions in place in this process."""
	from kelisim_app.overrides import confidential, read_guard

	read_guard.install()
	confidential.install()
