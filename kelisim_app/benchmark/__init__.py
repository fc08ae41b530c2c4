"""The benchmark: `bench --site SITE kelisim-benchmark [--runs 15] [--label 'scale 1'] [--output docs/benchmarks.md]`.

Each measurement runs the user's action as that user (frappe.session.user is a demo KGU or RGU user) in the
server process, one warm-up run discarded, then `runs` times; it reports the median and the 95th percentile.
Beside it, in the same run, its baselines: the same figure from one hand-written SQL aggregate (the floor)
and from a naive per-document loop (what the app must beat). Writes are rolled back after every run.
"""

from __future__ import annotations

import platform
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import frappe


@dataclass
class Timing:
	samples: list[float] = field(default_factory=list)

	@property
	def median(self) -> float:
		return statistics.median(self.samples) if self.samples else 0.0

	@property
	def p95(self) -> float:
		if not self.samples:
			return 0.0
		ordered = sorted(self.samples)
		return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@dataclass
class Case:
	name: str
	user: str
	app: Callable[[], object]
	floor: Callable[[], object] | None = None
	naive: Callable[[], object] | None = None
	target: str = ""  # e.g. "p95 ≤ 150 ms"
	check: Callable[[Timing, Timing | None], bool] | None = None
	note: str = ""
	naive_runs: int = 3


@dataclass
class Result:
	case: Case
	app: Timing
	floor: Timing | None
	naive: Timing | None
	error: str = ""
	extra: str = ""


def timed(fn: Callable[[], object], runs: int, user: str, rollback: bool = True) -> Timing:
	timing = Timing()
	for i in range(runs + 1):  # the first run warms the caches and is not counted
		frappe.set_user(user)
		frappe.local.response = frappe._dict(docs=[])
		started = time.perf_counter()
		try:
			fn()
		finally:
			elapsed = time.perf_counter() - started
			if rollback:
				frappe.db.rollback()
			frappe.set_user("Administrator")
		if i:
			timing.samples.append(elapsed * 1000)
	return timing


def measure(case: Case, runs: int, naive_loops: bool = True) -> Result:
	print(f"  {case.name} …", flush=True)
	try:
		app = timed(case.app, runs, case.user)
		floor = timed(case.floor, runs, case.user) if case.floor else None
		naive = (
			timed(case.naive, min(runs, case.naive_runs), case.user) if case.naive and naive_loops else None
		)
		return Result(case, app, floor, naive)
	except Exception as e:  # a failing measurement is reported, the others still run
		frappe.db.rollback()
		frappe.set_user("Administrator")
		return Result(case, Timing(), None, None, error=f"{type(e).__name__}: {e}"[:200])


def machine() -> dict[str, str]:
	def read(cmd: list[str]) -> str:
		try:
			return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
		except Exception:
			return ""

	cpu = ""
	try:
		with open("/proc/cpuinfo") as f:
			cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
	except OSError:
		pass
	mem = ""
	try:
		with open("/proc/meminfo") as f:
			kb = int(next(line.split()[1] for line in f if line.startswith("MemTotal")))
			mem = f"{kb / 1024 / 1024:.1f} GiB"
	except (OSError, StopIteration):
		pass
	return {
		"nproc": read(["nproc"]),
		"cpu": cpu,
		"ram": mem,
		"mariadb": frappe.db.sql("select version()")[0][0],
		"python": platform.python_version(),
		"frappe": frappe.__version__,
		"load": read(["cat", "/proc/loadavg"]),
	}


def ms(value: float) -> str:
	return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def ratio(a: float, b: float) -> str:
	return f"{a / b:.1f}×" if a and b else "–"


def render(results: list[Result], label: str, info: dict[str, str], volumes: dict[str, int]) -> str:
	lines = [
		f"### {label or frappe.local.site} — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
		"",
		f"Machine: {info['nproc']} cores ({info['cpu']}), {info['ram']} RAM, MariaDB {info['mariadb']}, "
		f"Python {info['python']}, Frappe {info['frappe']}; load average at the start {info['load']}.",
		"Data: " + ", ".join(f"{k} {v:,}" for k, v in volumes.items()) + ".",
		"",
		"| Measurement (as user) | app median ms | app p95 ms | SQL floor ms | naive loop ms "
		"| app / floor | naive / app | target | met |",
		"|---|---:|---:|---:|---:|---:|---:|---|---|",
	]
	for r in results:
		c = r.case
		if r.error:
			lines.append(
				f"| {c.name} ({c.user.split('@')[0]}) | error: {r.error} | | | | | | {c.target} | no |"
			)
			continue
		met = "" if not c.check else ("yes" if c.check(r.app, r.floor) else "**no**")
		lines.append(
			"| {} ({}) | {} | {} | {} | {} | {} | {} | {} | {} |".format(
				c.name + (f" — {c.note}" if c.note else "") + (f" {r.extra}" if r.extra else ""),
				c.user.split("@")[0],
				ms(r.app.median),
				ms(r.app.p95),
				ms(r.floor.median) if r.floor else "–",
				ms(r.naive.median) if r.naive else "–",
				ratio(r.app.median, r.floor.median) if r.floor else "–",
				ratio(r.naive.median, r.app.median) if r.naive else "–",
				c.target,
				met,
			)
		)
	return "\n".join(lines) + "\n"


def run_benchmark(
	runs: int = 15,
	import_rows: int = 10000,
	label: str = "",
	output: str | None = None,
	naive_loops: bool = True,
	only: str = "",
) -> str:
	from kelisim_app.benchmark import cases, data_import

	frappe.flags.mute_emails = True
	info = machine()
	volumes = cases.volumes()
	chosen = [c for c in cases.all_cases() if not only or only.lower() in c.name.lower()]
	results = [measure(case, runs, naive_loops) for case in chosen]
	table = render(results, label, info, volumes)
	if import_rows:
		table += "\n" + data_import.run(import_rows) + "\n"
	print(table, flush=True)
	if output:
		with open(output, "a", encoding="utf-8") as f:
			f.write("\n" + table)
		print(f"appended to {output}")
	return table
