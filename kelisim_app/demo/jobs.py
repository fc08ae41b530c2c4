"""Demo generation from the desk, in the background.

`enqueue_demo(scale)` (whitelisted, POST, System Manager) puts `run_demo` on the "long" queue and returns the
job id at once: scale 1 takes minutes, far more than a request may. One generation per site at a time (asking
again while it waits or runs returns the same job). The job loads the base demo set, then the national-scale
generator stage by stage, committing each batch (resumable, like `bench kelisim-demo`), and shows a progress
bar to the user who asked, then a message with the result.

Demo data belongs on demo sites only: the method is refused unless the site config says
`"kelisim_demo_site": 1` (`dev/up` sets it on the development site).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import flt

from kelisim_app.kelisim_core.health import require_roles
from kelisim_app.utils.jobs import enqueue_once

QUEUE = "long"
TIMEOUT = 4 * 3600
JOB_ID = "kelisim-demo-generation"
ALLOWED_ROLES = ("System Manager",)
MAX_SCALE = 10.0
SITE_CONFIG_KEY = "kelisim_demo_site"


class DemoNotAllowedError(frappe.PermissionError):
	"""The site is not a demo site."""


class DemoScaleError(frappe.ValidationError):
	"""The scale asked for is outside (0, MAX_SCALE]."""


def check_scale(scale: float) -> float:
	"""The scale as a number in (0, MAX_SCALE], else a translated error."""
	value = flt(scale)
	if not 0 < value <= MAX_SCALE:
		frappe.throw(
			_("The demo scale must be greater than 0 and at most {0}").format(MAX_SCALE),
			DemoScaleError,
			title=_("Demo data"),
		)
	return value


def overall_percent(stages: tuple[str, ...], stage: str, done: int, total: int) -> float:
	"""Progress of the whole generation: finished stages plus the share done of the current one."""
	if stage not in stages:
		return 0.0
	share = done / total if total else 1.0
	return round((stages.index(stage) + min(share, 1.0)) * 100 / len(stages), 1)


def stage_label(stage: str) -> str:
	"""The generator's stage as the user reads it."""
	labels = {
		"users": _("Users"),
		"structures": _("Public structures"),
		"members": _("Members"),
		"mediators": _("Mediators"),
		"events": _("Events"),
		"cases": _("Mediation cases"),
		"publications": _("Publications"),
		"plans": _("Project plans"),
		"reports": _("Regional reports"),
		"instructions": _("Instructions"),
		"activity": _("Activity of structures"),
	}
	return labels.get(stage, stage)


class Progress:
	"""The generator's progress callback: a realtime progress event to the user who asked, at most one per
	whole percent (the generator reports every batch)."""

	def __init__(self, user: str, stages: tuple[str, ...]):
		self.user = user
		self.stages = stages
		self.shown = -1.0
		self.title = _("Generating demo data")

	def __call__(self, stage: str, done: int, total: int) -> None:
		percent = overall_percent(self.stages, stage, done, total)
		if int(percent) <= int(self.shown):
			return
		self.shown = percent
		frappe.publish_realtime(
			"progress",
			{
				"percent": percent,
				"title": self.title,
				"description": _("{0}: {1} of {2}").format(stage_label(stage), done, total),
			},
			user=self.user,
		)


def run_demo(
	scale: float, seed: int = 2020, user: str | None = None, stages: tuple[str, ...] | None = None
) -> dict[str, int]:
	"""The job: the base demo set and the national-scale generator (all its stages, or those given); returns
	the records created per stage."""
	from kelisim_app import demo
	from kelisim_app.demo.generator import STAGES

	user = user or frappe.session.user
	stages = tuple(stages or STAGES)
	scale = check_scale(scale)
	commit = (lambda: None) if frappe.flags.in_test else frappe.db.commit  # nosemgrep: batch by batch
	demo.load(verbose=False)
	commit()
	gen = demo.generate(
		scale, int(seed), commit=commit, progress=Progress(user, stages), verbose=False, stages=stages
	)
	frappe.publish_realtime(
		"msgprint",
		_("Demo data generated at scale {0}: {1} records created").format(scale, sum(gen.created.values())),
		user=user,
	)
	return gen.created


def boot(bootinfo) -> None:
	"""`extend_bootinfo` hook: the desk shows the demo action only on a demo site."""
	bootinfo.kelisim_demo_site = bool(frappe.conf.get(SITE_CONFIG_KEY))


@frappe.whitelist(methods=["POST"])
def enqueue_demo(scale: float | str = 0.1, seed: int | str = 2020) -> str:
	"""Queue the generation (or find the one already queued) and return its job id."""
	require_roles(ALLOWED_ROLES)
	if not frappe.conf.get(SITE_CONFIG_KEY):
		frappe.throw(
			_("Demo data can be generated only on a demo site (site config {0})").format(SITE_CONFIG_KEY),
			DemoNotAllowedError,
			title=_("Demo data"),
		)
	return enqueue_once(
		"kelisim_app.demo.jobs.run_demo",
		JOB_ID,
		queue=QUEUE,
		timeout=TIMEOUT,
		scale=check_scale(scale),
		seed=int(seed),
		user=frappe.session.user,
	)
