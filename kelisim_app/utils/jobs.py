"""One background job per key: the app's heavy work (activity recompute, compiling all regions' reports, demo
data) is queued once, and asking again while it waits or runs gives the same job."""

from __future__ import annotations

import frappe
from frappe.utils.background_jobs import create_job_id, get_job


def enqueue_once(method: str, job_id: str, queue: str = "long", timeout: int = 3600, **kwargs) -> str:
	"""`frappe.enqueue` of `method` under `job_id`, unless that job already waits or runs; returns the job's id
	(site-prefixed, as Frappe names it)."""
	job = frappe.enqueue(method, queue=queue, timeout=timeout, job_id=job_id, deduplicate=True, **kwargs)
	if job is None:  # already queued or running
		job = get_job(job_id)
	return job.id if job else create_job_id(job_id)
