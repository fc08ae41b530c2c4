# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""`chart_source`: the one shape of the app's custom Dashboard Chart Sources.

The desk's chart widget calls a source's method with `chart_name, filters, refresh, time_interval, timespan,
from_date, to_date, heatmap_year`. Frappe's `cache_source` would cache the result per chart for everyone,
which would show one user's region figures to another; the app's sources are single grouped queries, so they
are computed per call instead, in the caller's scope (`report_regions`), on the read replica when there is
one, and only for a user who may read the DocType behind the figures."""

from __future__ import annotations

import functools
from collections.abc import Callable

import frappe

from kelisim_app.utils.read_only import replica_read


def chart_source(doctype: str) -> Callable:
	"""Decorates `fn(filters: frappe._dict, user: str) -> {"labels": [...], "datasets": [...]}`."""

	def decorate(fn: Callable[[frappe._dict, str], dict]) -> Callable:
		@functools.wraps(fn)
		def get(chart_name=None, filters=None, **_chart_args) -> dict:
			frappe.has_permission(doctype, "read", throw=True)
			parsed = frappe.parse_json(filters) if filters else {}
			return fn(frappe._dict(parsed if isinstance(parsed, dict) else {}), frappe.session.user)

		return frappe.whitelist()(replica_read(get))

	return decorate
