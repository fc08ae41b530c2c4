"""Health of a Kelisim site, for monitoring.

* `/api/method/ping` (Frappe's own, guest) answers `{"message": "pong"}` while a web worker runs;
* `/api/method/kelisim_app.kelisim_core.health.health` (System Manager: a session, or a monitoring user's
  API key and secret, `Authorization: token KEY:SECRET`) reports the database, Redis cache and queue, the
  scheduler, the background queues and workers, failed jobs and the versions. The status is `ok`,
  `warning` (the site works, something needs a look: scheduler off or silent, no worker, failed jobs) or
  `error` (database or Redis down; HTTP 503 then, so a plain HTTP check alerts too).
"""

from __future__ import annotations

import time

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, now_datetime

# the scheduler enqueues at least the "all" events every few minutes; silence longer than this is a warning
SCHEDULER_SILENCE_MINUTES = 30


def _timed(check) -> dict:
	started = time.monotonic()
	try:
		detail = check() or {}
		result = {"ok": True, **detail}
	except Exception as e:
		result = {"ok": False, "error": f"{type(e).__name__}: {e}"}
	result["ms"] = round((time.monotonic() - started) * 1000, 1)
	return result


def check_database() -> dict:
	def run():
		if frappe.db.sql("SELECT 1")[0][0] != 1:
			raise RuntimeError("SELECT 1 did not return 1")
		return {"replica": bool(frappe.conf.read_from_replica)}

	return _timed(run)


def check_redis_cache() -> dict:
	return _timed(lambda: {"ping": bool(frappe.cache.ping())})


def check_redis_queue() -> dict:
	from frappe.utils.background_jobs import get_redis_conn

	return _timed(lambda: {"ping": bool(get_redis_conn().ping())})


def check_scheduler(now=None) -> dict:
	from frappe.utils.scheduler import is_scheduler_disabled, is_scheduler_inactive

	now = get_datetime(now or now_datetime())
	last = frappe.db.get_value(
		"Scheduled Job Log",
		{},
		["creation", "scheduled_job_type", "status"],
		order_by="creation desc",
		as_dict=True,
	)
	minutes = round((now - get_datetime(last.creation)).total_seconds() / 60, 1) if last else None
	enabled = not is_scheduler_disabled(verbose=False)
	inactive = is_scheduler_inactive(verbose=False)
	return {
		"enabled": enabled,
		"inactive": inactive,
		"last_run": str(last.creation) if last else None,
		"last_job": last.scheduled_job_type if last else None,
		"last_status": last.status if last else None,
		"minutes_since_last_run": minutes,
		"ok": enabled and not inactive and minutes is not None and minutes <= SCHEDULER_SILENCE_MINUTES,
	}


def check_queues() -> dict:
	from frappe.utils.background_jobs import get_queue, get_queue_list, get_workers

	def run():
		lengths, failed = {}, 0
		for name in get_queue_list():
			queue = get_queue(name)
			lengths[name] = queue.count
			failed += queue.failed_job_registry.count
		return {"lengths": lengths, "failed_jobs": failed, "workers": len(get_workers())}

	return _timed(run)


def require_roles(roles: tuple[str, ...]) -> None:
	"""`frappe.only_for` without its exemption of tests (it lets everyone through while tests run)."""
	if frappe.session.user == "Administrator":
		return
	if set(roles).isdisjoint(frappe.get_roles()):
		frappe.throw(_("Not permitted"), frappe.PermissionError)


def versions() -> dict:
	from kelisim_app import __version__

	return {"kelisim_app": __version__, "frappe": frappe.__version__}


def collect(now=None) -> dict:
	"""The health report (no permission check: `health()` is the whitelisted entry)."""
	checks = {
		"database": check_database(),
		"redis_cache": check_redis_cache(),
		"redis_queue": check_redis_queue(),
	}
	try:
		checks["scheduler"] = check_scheduler(now)
	except Exception as e:
		checks["scheduler"] = {"ok": False, "error": f"{type(e).__name__}: {e}"}
	checks["queues"] = check_queues() if checks["redis_queue"]["ok"] else {"ok": False, "error": "no queue"}

	if not all(checks[k]["ok"] for k in ("database", "redis_cache", "redis_queue")):
		status = "error"
	elif (
		not checks["scheduler"]["ok"]
		or not checks["queues"]["ok"]
		or not cint(checks["queues"].get("workers"))
		or cint(checks["queues"].get("failed_jobs"))
	):
		status = "warning"
	else:
		status = "ok"
	return {
		"status": status,
		"site": frappe.local.site,
		"time": str(now_datetime()),
		"versions": versions(),
		"checks": checks,
	}


@frappe.whitelist(methods=["GET"])
def health() -> dict:
	"""GET /api/method/kelisim_app.kelisim_core.health.health — System Manager only."""
	require_roles(("System Manager",))
	report = collect()
	if report["status"] == "error" and getattr(frappe.local, "response", None) is not None:
		frappe.local.response["http_status_code"] = 503
	return report
