"""Measure the agenda, the Today page, a person page and ``followthrough today --json``.

    FOLLOWTHROUGH_HOME=/tmp/bench .venv/bin/python bench/run.py --on 2026-03-02

Run ``bench/generate.py`` on the same folder first. Reports, for one date: the
agenda computed through ``services.tasks.agenda`` (the first call, which also
materialises the rule tasks, and the steady state, where nothing changed and the
sync is skipped), the whole sync that a change costs (facts loaded, rules
evaluated, tasks written), the Today page (``GET /``) and a person page
(``GET /people/<id>/``, the busiest person) through Django's test client with
the clock at noon on that date, the command line end to end in a subprocess,
and the peak memory (the largest resident size of this process and of the
command line's).
A benchmark, not a test: it prints figures and the targets beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS_MS = {"agenda": 250, "today page": 400, "person page": 100, "cli today --json": 2000}
MEMORY_TARGET_MB = 300


def _setup(home: str | None) -> None:
    if home:
        os.environ["FOLLOWTHROUGH_HOME"] = home
    if not os.environ.get("FOLLOWTHROUGH_HOME"):
        sys.exit("run: set FOLLOWTHROUGH_HOME (or --home) to a folder made by bench/generate.py.")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followthrough.settings")
    import django

    django.setup()


def _time(fn, repeat: int) -> tuple[float, list[float]]:
    """(first call in ms, the following calls in ms)."""
    start = time.perf_counter()
    fn()
    first = (time.perf_counter() - start) * 1000
    rest = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        rest.append((time.perf_counter() - start) * 1000)
    return first, rest


def _report(name: str, first: float, rest: list[float], note: str = "") -> dict:
    median = statistics.median(rest) if rest else first
    target = TARGETS_MS.get(name)
    verdict = "" if target is None else ("ok" if median <= target else "OVER")
    print(
        f"{name:<24} first {first:8.1f} ms   median {median:8.1f} ms   "
        f"target {target or '-':>5} ms  {verdict} {note}"
    )
    return {"name": name, "first_ms": round(first, 1), "median_ms": round(median, 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", help="the FOLLOWTHROUGH_HOME to read (default: the env var)")
    parser.add_argument("--on", type=dt.date.fromisoformat, help="the day (default: today)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    _setup(args.home)

    import time_machine
    from django.db import connection, reset_queries
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from followthrough import engine
    from followthrough.tracker.models import Interaction, Person, Task, TaskStatus
    from followthrough.tracker.services import tasks
    from followthrough.tracker.services.owners import local_owner, today_for

    owner = local_owner()
    on = args.on or today_for(owner)
    people = Person.objects.filter(owner=owner).count()
    interactions = Interaction.objects.filter(owner=owner).count()
    open_tasks = Task.objects.filter(owner=owner, status=TaskStatus.OPEN).count()
    print(f"workspace: {people:,} people, {interactions:,} interactions, "
          f"{open_tasks:,} open tasks; agenda for {on}")

    results = []
    first, rest = _time(lambda: tasks.agenda(owner, on), args.repeat)
    tracemalloc.start()  # separately: tracing slows every allocation down
    tasks.agenda(owner, on)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    with CaptureQueriesContext(connection) as queries:
        items = tasks.agenda(owner, on)
    results.append(_report("agenda", first, rest, f"({len(items)} items, {len(queries)} queries)"))
    # What a change costs: the whole sync, which the agenda skips when nothing changed.
    sync_first, sync_rest = _time(lambda: engine.sync(owner, on), args.repeat)
    _report("  sync (after a change)", sync_first, sync_rest)
    facts_first, facts_rest = _time(lambda: engine.load_facts(owner, on), args.repeat)
    _report("  load facts", facts_first, facts_rest)
    facts = engine.load_facts(owner, on)
    eval_first, eval_rest = _time(lambda: engine.evaluate(facts, on), args.repeat)
    _report("  evaluate rules", eval_first, eval_rest)
    reset_queries()

    client = Client(HTTP_HOST="127.0.0.1")
    # The pages show the owner's today: make it the benchmark's day (at noon, UTC).
    with time_machine.travel(dt.datetime.combine(on, dt.time(12), tzinfo=dt.UTC), tick=True):
        client.get("/")  # signs the local owner in
        for name, url in (("today page", "/"), ("person page", _person_url(owner, Count))):
            status = client.get(url).status_code
            if status != 200:
                print(f"{name:<22} {url} answered {status}: not measured")
                continue
            first, rest = _time(lambda url=url: client.get(url), args.repeat)
            results.append(_report(name, first, rest, url))

    cli = [str(ROOT / ".venv" / "bin" / "followthrough"), "today", "--json", "--on", on.isoformat()]
    if Path(cli[0]).exists():
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            done = subprocess.run(cli, capture_output=True, text=True, env=os.environ.copy())
            runs.append((time.perf_counter() - start) * 1000)
            if done.returncode != 0:
                print(f"cli today --json failed ({done.returncode}): {done.stderr.strip()[:300]}")
                break
        else:
            results.append(_report("cli today --json", runs[0], runs[1:]))
    else:
        print("cli today --json       not installed: not measured")

    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"peak memory            this process {own_mb:.0f} MB (agenda allocations "
        f"{traced_peak / 2**20:.0f} MB), command line {child_mb:.0f} MB; "
        f"target {MEMORY_TARGET_MB} MB"
    )


def _person_url(owner, count) -> str:
    from followthrough.tracker.models import Person

    busiest = (
        Person.objects.filter(owner=owner)
        .annotate(n=count("interactions"))
        .order_by("-n")
        .values_list("id", flat=True)
        .first()
    )
    return f"/people/{busiest}/"


if __name__ == "__main__":
    main()
