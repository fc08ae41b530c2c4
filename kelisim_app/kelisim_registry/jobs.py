"""Heavy registry work in the background: the bulk recompute of every structure's activity.

`enqueue_activity_refresh()` (whitelisted: System Manager, Kelisim Administrator, RGU Head / Coordinator)
puts `run_activity_refresh` on the "long" queue (one job per site at a time: a second call while it waits or
runs returns the same job) and returns the job id at once, so no request waits for the recompute. The job
recomputes in chunks with `activity.refresh`, commits each chunk, and publishes its progress to the user who
asked (`frappe.publish_progress`: the desk shows a progress bar), then a message with the result.
"""

from __future__ import annotations

import frappe
from frappe import _

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.health import require_roles
from kelisim_app.kelisim_registry import activity
from kelisim_app.utils.jobs import enqueue_once

QUEUE = "long"
TIMEOUT = 3600
CHUNK = 500
JOB_ID = "kelisim-activity-refresh"
ALLOWED_ROLES = ("System Manager", core.ROLE_ADMINISTRATOR, core.ROLE_RGU_HEAD, core.ROLE_RGU_COORDINATOR)


def run_activity_refresh(chunk: int = CHUNK) -> int:
	"""The job: recompute the activity of every structure; returns how many changed."""
	names = frappe.get_all(activity.STRUCTURE, pluck="name", order_by="name")
	title = _("Recomputing the activity of public structures")
	changed = 0
	total = len(names)
	for start in range(0, total, chunk):
		changed += activity.refresh(names[start : start + chunk])
		if not frappe.flags.in_test:
			frappe.db.commit()  # nosemgrep: a long job keeps what it computed, chunk by chunk
		done = min(start + chunk, total)
		frappe.publish_progress(
			done * 100 / total, title=title, description=_("{0} of {1} structures").format(done, total)
		)
	frappe.publish_realtime(
		"msgprint",
		_("Activity recomputed: {0} structures, {1} changed").format(total, changed),
		user=frappe.session.user,
	)
	return changed


@frappe.whitelist(methods=["POST"])
def enqueue_activity_refresh() -> str:
	"""Queue the recompute (or find the one already queued) and return its job id."""
	require_roles(ALLOWED_ROLES)
	return enqueue_once(
		"kelisim_app.kelisim_registry.jobs.run_activity_refresh", JOB_ID, queue=QUEUE, timeout=TIMEOUT
	)
