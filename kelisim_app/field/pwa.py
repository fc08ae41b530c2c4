"""The field app's service worker, served from the site root.

A worker controls only pages under the path it is served from: the built `public/frontend/sw.js` under
/assets/kelisim_app/frontend/ would control nothing at /kelisim. This page renderer (hooks `page_renderer`)
serves it at /kelisim-sw.js with `Service-Worker-Allowed: /kelisim` and no caching, so the app registers it
with scope /kelisim and an update reaches the devices on their next visit. (Frappe's static pages refuse .js
files from www/.)"""

from __future__ import annotations

import os

import frappe
from frappe.website.page_renderers.base_renderer import BaseRenderer

ROUTE = "kelisim-sw.js"
SCOPE = "/kelisim"


def worker_path() -> str:
	return frappe.get_app_path("kelisim_app", "public", "frontend", "sw.js")


class ServiceWorkerRenderer(BaseRenderer):
	def can_render(self) -> bool:
		return self.path == ROUTE and os.path.exists(worker_path())

	def render(self):
		with open(worker_path(), encoding="utf-8") as f:
			script = f.read()
		return self.build_response(
			script,
			headers={
				"Service-Worker-Allowed": SCOPE,
				"Cache-Control": "no-cache",
				"Content-Type": "application/javascript; charset=utf-8",
			},
		)
