"""bench commands of the app: `bench --site SITE kelisim-demo [--scale S]`, `bench --site SITE kelisim-benchmark`."""

import os
import subprocess
import sys
import time

import click
from frappe.commands import get_site, pass_context


class StageProgress:
	"""A plain counter: one line per stage each time another tenth of it is done (no terminal tricks, so
	logs stay readable)."""

	def __init__(self, quiet: bool = False):
		self.quiet = quiet
		self.shown: dict[str, int] = {}

	def __call__(self, stage: str, done: int, total: int) -> None:
		if self.quiet or not total:
			return
		tenth = done * 10 // total
		if tenth > self.shown.get(stage, -1):
			self.shown[stage] = tenth
			print(f"    {stage}: {done}/{total}", flush=True)


@click.command("kelisim-demo")
@click.option(
	"--quiet", is_flag=True, default=False, help="Print no progress within a stage and no demo logins"
)
@click.option(
	"--scale",
	type=float,
	default=0.0,
	help="National-scale data on top of the base set: 1 = the concept's 2020 figures, 0.1 = a tenth (0: none)",
)
@click.option("--seed", type=int, default=2020, help="Seed of the generator (same seed and scale, same data)")
@click.option("--stages", default="", help="Comma-separated stages of the generator to run (default: all)")
@click.option(
	"--workers",
	type=int,
	default=1,
	help="Processes for the regional stages (each loads its share of the regions; 2 on a 2-core machine)",
)
@click.option("--shard", default="", hidden=True, help="i/n: the share of the regions of one worker")
@pass_context
def kelisim_demo(context, quiet=False, scale=0.0, seed=2020, stages="", workers=1, shard=""):
	"""Load the demo data (idempotent, resumable) and print the demo logins."""
	import frappe

	from kelisim_app import demo

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		started = time.monotonic()
		if not shard:
			demo.load(verbose=not quiet)
			frappe.db.commit()  # nosemgrep: a CLI command owns its transaction
		if scale > 0:
			chosen = [s.strip() for s in stages.split(",") if s.strip()] or None
			created = generate(site, scale, seed, chosen, workers, shard, quiet)
			if not shard:
				made = f"{created} records created" if workers <= 1 else "the workers' counts are above"
				print(
					f"Kelisim demo: scale {scale} done in {time.monotonic() - started:.0f} s ({made})",
					flush=True,
				)
		if not quiet and not shard:
			demo.login_table()
	finally:
		frappe.destroy()


def generate(site, scale, seed, stages, workers, shard, quiet) -> int:
	"""Run the generator here, or its regional stages in `workers` processes and the rest here."""
	import frappe

	from kelisim_app import demo
	from kelisim_app.demo.generator import REGIONAL_STAGES, STAGES

	def run(chosen, shard_of=None):
		if not chosen:
			return 0
		gen = demo.generate(
			scale,
			seed,
			commit=frappe.db.commit,  # nosemgrep: one commit per batch keeps the load resumable
			progress=StageProgress(quiet),
			verbose=True,  # one line per stage even when quiet
			stages=chosen,
			shard=shard_of,
		)
		return sum(gen.created.values())

	if shard:
		i, n = (int(x) for x in shard.split("/"))
		return run(stages or list(REGIONAL_STAGES), (i, n))
	print(f"Kelisim demo: generating scale {scale}, seed {seed}", flush=True)
	chosen = stages or list(STAGES)
	if workers <= 1:
		return run(chosen)
	created = run([s for s in chosen if s not in REGIONAL_STAGES and STAGES.index(s) < 1])
	regional = [s for s in chosen if s in REGIONAL_STAGES]
	if regional:
		procs = [
			subprocess.Popen(
				[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", site, "kelisim-demo"]
				+ ["--scale", str(scale), "--seed", str(seed), "--stages", ",".join(regional)]
				+ ["--shard", f"{i}/{workers}"]
				+ (["--quiet"] if quiet else []),
				cwd=os.getcwd(),
			)
			for i in range(workers)
		]
		if any(p.wait() for p in procs):
			raise SystemExit("a demo worker failed: run the command again, it continues where it stopped")
	rest = [s for s in chosen if s not in REGIONAL_STAGES and STAGES.index(s) >= 1]
	return created + run(rest)


@click.command("kelisim-benchmark")
@click.option("--runs", type=int, default=15, help="Repetitions of each measurement")
@click.option("--import-rows", type=int, default=10000, help="Rows of the Data Import measurement (0: skip)")
@click.option("--label", default="", help="What data the site holds (e.g. 'scale 1'), for the table")
@click.option("--output", default="", help="Markdown file to append the table to (default: print only)")
@click.option("--naive/--no-naive", default=True, help="Also time the naive per-document loops (slow)")
@click.option("--only", default="", help="Only the measurements whose name contains this text")
@pass_context
def kelisim_benchmark(context, runs=15, import_rows=10000, label="", output="", naive=True, only=""):
	"""Measure the server time of the users' main actions beside their SQL floor and a naive loop."""
	import frappe

	from kelisim_app.benchmark import run_benchmark

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		run_benchmark(
			runs=runs,
			import_rows=import_rows,
			label=label,
			output=output or None,
			naive_loops=naive,
			only=only,
		)
	finally:
		frappe.destroy()


commands = [kelisim_demo, kelisim_benchmark]
