"""A background worker of ONE site, for the browser journeys (dev/e2e starts and stops it).

The bench's workers share one Redis queue per bench (`<bench_id>:default`...): on a busy shared bench the
test site's jobs (in-app notifications, assignments) would wait behind other sites' jobs. The throwaway site
gets its own `bench_id` in its site_config (dev/e2e sets it), so its jobs go to queues of their own, which
this worker consumes. Run with the bench's Python from the bench's `sites` folder:

    ../env/bin/python /path/to/e2e/worker.py SITE
"""

from __future__ import annotations

import sys

import frappe
from frappe.utils.background_jobs import Queue, Worker, get_queue_list, get_redis_conn


def main() -> None:
	site = sys.argv[1]
	frappe.init(site=site)
	try:
		connection = get_redis_conn()
		queues = get_queue_list(build_queue_name=True)  # named after the site's bench_id
	finally:
		frappe.destroy()
	# jobs an interrupted earlier run left in these queues of the site alone would delay this run's
	dropped = sum(Queue(name, connection=connection).empty() for name in queues)
	print(f"e2e worker of {site}: queues {', '.join(queues)} ({dropped} stale jobs dropped)", flush=True)
	Worker(queues, connection=connection).work(
		logging_level="INFO",
		date_format="%Y-%m-%d %H:%M:%S",
		log_format="%(asctime)s,%(msecs)03d %(message)s",
	)


if __name__ == "__main__":
	main()
