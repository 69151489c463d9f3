"""Measure issue 12's targets: the command line end to end, the syncs, the pages.

    FOLLOWTHROUGH_HOME=/tmp/bench .venv/bin/python bench/run.py --on 2026-03-02
    .venv/bin/python bench/run.py --home /tmp/bench --home /tmp/bench-huge --on 2026-03-02
    DATABASE_URL=postgres://... FOLLOWTHROUGH_HOME=/tmp/bench-pg .venv/bin/python bench/run.py

Run ``bench/generate.py`` on the same folder (or database) first. For one day,
it prints each target of issue 12 with its measured median, the target and the
ratio between them (``ok`` when met, ``OVER`` when not), and the best run (on a
busy machine, the least disturbed one):

* ``followthrough today --json`` end to end with nothing changed since the last
  call (at most 300 ms, and at most 10 times the startup of the same Python
  running ``pass``, measured beside it);
* ``followthrough log`` (at most 400 ms) and the ``today --json`` right after it
  (at most 500 ms), in pairs;
* the sync after one change (at most 50 ms), and a full rebuild against the
  raw-SQL floor: the same facts read by three hand-written queries on the same
  database (at most 3 times the floor);
* the Today page right after a change (at most 150 ms) and a person page (the
  busiest person, at most 50 ms), through Django's test client;
* the per-item costs (the full rebuild per 1,000 people and per 10,000
  interactions; the sync after one change), to compare sizes.

With several ``--home`` folders it measures each in its own process and prints
the per-item costs side by side: the sync after one change must not grow with
the workspace. ``DATABASE_URL`` measures that PostgreSQL database instead.
A benchmark, not a test: it prints figures. The interactions it logs are
deleted at the end, so the workspace stays as generated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_SUMMARY = "followthrough bench"
"""The summary of the interactions the benchmark logs (deleted at the end)."""

# name: (target in ms or None, what the ratio is taken against)
TARGETS = {
    "python -c pass": (None, ""),
    "today --json, nothing changed": (300, "ms"),
    "  vs python -c pass": (10, "x pass"),
    "log": (400, "ms"),
    "today --json after a log": (500, "ms"),
    "sync after one change": (50, "ms"),
    "full rebuild": (3, "x floor"),
    "  raw-SQL floor (3 queries)": (None, ""),
    "Today page after a change": (150, "ms"),
    "Today page, nothing changed": (None, ""),
    "person page": (50, "ms"),
}


def _setup(home: str | None) -> None:
    if home:
        os.environ["FOLLOWTHROUGH_HOME"] = home
    if not os.environ.get("FOLLOWTHROUGH_HOME"):
        sys.exit("run: set FOLLOWTHROUGH_HOME (or --home) to a folder made by bench/generate.py.")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followthrough.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _cli_env() -> dict[str, str]:
    """The environment a user's shell would give the command (no Django settings module)."""
    return {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}


def _cli(*args: str) -> float:
    """Run ``followthrough ARGS`` end to end; its wall time in ms (exits on failure)."""
    executable = Path(sys.executable).with_name("followthrough")
    command = [str(executable), *args] if executable.exists() else [
        sys.executable, "-c", "import sys; from followthrough.cli import main; main()", *args
    ]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=_cli_env())
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        sys.exit(f"run: followthrough {' '.join(args)} failed: {done.stderr.strip()[:400]}")
    return elapsed


def measure(args) -> dict:
    """All the figures for one workspace (the current process's database)."""
    import time_machine
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from followthrough.tracker import sync_state
    from followthrough.tracker.models import Interaction, Person, Task, TaskStatus
    from followthrough.tracker.services import tasks
    from followthrough.tracker.services.owners import local_owner, today_for

    owner = local_owner()
    on = args.on or today_for(owner)
    day = on.isoformat()
    people = Person.objects.filter(owner=owner).count()
    interactions = Interaction.objects.filter(owner=owner).count()
    open_tasks = Task.objects.filter(owner=owner, status=TaskStatus.OPEN).count()
    busiest = (
        Person.objects.filter(owner=owner)
        .annotate(n=Count("interactions"))
        .order_by("-n", "id")
        .values_list("id", flat=True)
        .first()
    )
    database = connection.vendor
    print(
        f"workspace: {people:,} people, {interactions:,} interactions, {open_tasks:,} open "
        f"tasks; {database}; agenda for {day}; median of {args.repeat}"
    )
    if busiest is None:
        sys.exit("run: the workspace has nobody in it; run bench/generate.py first.")
    repeat = args.repeat
    figures: dict[str, float] = {}
    best: dict[str, float] = {}  # the fastest run: less sensitive to a busy machine

    def record(name: str, samples: list[float]) -> None:
        figures[name], best[name] = statistics.median(samples), min(samples)

    # The command line, end to end, beside the bare interpreter's startup.
    passes = [_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
              for _ in range(repeat)]  # fmt: skip
    record("python -c pass", passes)
    tasks.agenda(owner, on)  # synced for the day: the next calls find nothing changed
    _cli("today", "--json", "--on", day)  # warm the file cache
    record(
        "today --json, nothing changed",
        [_cli("today", "--json", "--on", day) for _ in range(repeat)],
    )
    for table in (figures, best):
        table["  vs python -c pass"] = (
            table["today --json, nothing changed"] / table["python -c pass"]
        )
    logs, afters = [], []
    for n in range(repeat):
        logs.append(_cli("log", "email", "--with", str(busiest), "--on", day, "--out",
                         "--summary", f"{BENCH_SUMMARY} {n}"))  # fmt: skip
        afters.append(_cli("today", "--json", "--on", day))
    record("log", logs)
    record("today --json after a log", afters)

    # In this process: the syncs and the floor.
    def change() -> None:
        Person.objects.filter(pk=busiest).update(title=f"Changed {time.perf_counter_ns()}")

    def after_change(fn) -> float:
        change()
        return _ms(fn)

    record(
        "sync after one change",
        [after_change(lambda: sync_state.refresh(owner, on)) for _ in range(repeat)],
    )

    def rebuild() -> None:
        sync_state.forget(owner)
        sync_state.refresh(owner, on)

    rebuilds = [_ms(rebuild) for _ in range(repeat)]
    floors = [_ms(lambda: raw_sql_floor(connection, owner.pk, on)) for _ in range(repeat)]
    record("  raw-SQL floor (3 queries)", floors)
    record("full rebuild ms", rebuilds)
    for table in (figures, best):
        table["full rebuild"] = table["full rebuild ms"] / table["  raw-SQL floor (3 queries)"]

    client = Client(HTTP_HOST="127.0.0.1")
    # The pages show the owner's today: make it the benchmark's day (at noon, UTC).
    with time_machine.travel(dt.datetime.combine(on, dt.time(12), tzinfo=dt.UTC), tick=True):
        client.get("/")  # signs the local owner in
        for url in ("/", f"/people/{busiest}/"):
            status = client.get(url).status_code
            if status != 200:
                sys.exit(f"run: {url} answered {status}")
        record(
            "Today page after a change",
            [after_change(lambda: client.get("/")) for _ in range(repeat)],
        )
        record("Today page, nothing changed", [_ms(lambda: client.get("/")) for _ in range(repeat)])
        record(
            "person page", [_ms(lambda: client.get(f"/people/{busiest}/")) for _ in range(repeat)]
        )

    # Leave the workspace as generated.
    Interaction.objects.filter(owner=owner, summary__startswith=BENCH_SUMMARY).delete()
    tasks.agenda(owner, on)

    _print(figures, best)
    per_item = {
        "full rebuild per 1,000 people (ms)": figures["full rebuild ms"] * 1000 / max(people, 1),
        "full rebuild per 10,000 interactions (ms)": (
            figures["full rebuild ms"] * 10_000 / max(interactions, 1)
        ),
        "sync after one change (ms)": figures["sync after one change"],
        "today --json, nothing changed (ms)": figures["today --json, nothing changed"],
    }
    print("per item: " + "; ".join(f"{k} {v:.1f}" for k, v in per_item.items()))
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: this process {own_mb:.0f} MB, the command line {child_mb:.0f} MB")
    return {
        "people": people, "interactions": interactions, "database": database,
        "figures": figures, "best": best, "per_item": per_item,
    }  # fmt: skip


def _print(figures: dict[str, float], best: dict[str, float]) -> None:
    """One line per target: the median, the target, their ratio, ok or OVER; then the best run."""
    print(f"{'':<32} {'median':>12} {'target':>14} {'ratio':>7} {'':4} {'best':>12}")
    for name, (target, unit) in TARGETS.items():
        value = figures[name]

        def shown(value: float, unit: str = unit) -> str:
            return f"{value:9.2f} x " if unit.startswith("x") else f"{value:9.1f} ms"

        if target is None:
            print(f"{name:<32} {shown(value):>12} {'':>14} {'':>7} {'':4} {shown(best[name]):>12}")
            continue
        verdict = "ok" if value <= target else "OVER"
        wanted = f"<= {target} {unit}"
        print(
            f"{name:<32} {shown(value):>12} {wanted:>14} {value / target:7.2f} {verdict:<4} "
            f"{shown(best[name]):>12}"
        )


def raw_sql_floor(connection, owner_id: int, on: dt.date) -> int:
    """The facts the agenda's rules read, by three hand-written queries: a rebuild's floor.

    1. the interactions of the rules' window (90 days) and those of active
       opportunities, one row per person taking part, with the person's name and
       situation;
    2. the people the rules follow (a keep-in-touch cadence of their own or the
       default one — people who helped, were linked to an opportunity or
       introduced someone — or a birthday this month or last), with their last
       contact as kept on write (``PersonFacts``);
    3. the opportunities, with the people involved in them.
    Returns the rows read. The stored tasks are left out: they are what the sync writes.
    """
    from followthrough.engine.facts import WINDOW_DAYS
    from followthrough.tracker.models import ACTIVE_STAGES

    start = on - dt.timedelta(days=WINDOW_DAYS)
    active = ", ".join(["%s"] * len(ACTIVE_STAGES))
    columns = """i.id, i.kind, i.occurred_on, i.direction, i.opportunity_id, i.awaiting_reply,
        i.asked, i.gave, i.clear_no, i.decision_date, p.id, p.name, p.situation"""
    joins = """FROM tracker_interaction i
        JOIN tracker_interaction_people ip ON ip.interaction_id = i.id
        JOIN tracker_person p ON p.id = ip.person_id"""
    queries = [
        (
            f"""SELECT {columns} {joins}
            WHERE i.owner_id = %s AND i.occurred_on >= %s AND i.occurred_on <= %s
            UNION ALL
            SELECT {columns} {joins}
            WHERE i.occurred_on < %s AND i.opportunity_id IN (
                SELECT id FROM tracker_opportunity WHERE owner_id = %s AND stage IN ({active}))
            """,
            [owner_id, start, on, start, owner_id, *ACTIVE_STAGES],
        ),
        (
            """SELECT p.id, p.name, p.situation, p.cadence_days, p.met_on, p.created_at,
                   p.birthday_month, p.birthday_day, f.last_contact
            FROM tracker_person p
            LEFT JOIN tracker_personfacts f ON f.person_id = p.id
            WHERE p.owner_id = %s AND (
                p.cadence_days > 0 OR p.birthday_month IN (%s, %s)
                OR (p.cadence_days IS NULL AND (
                    f.helps > 0
                    OR EXISTS (SELECT 1 FROM tracker_opportunityperson op
                               WHERE op.person_id = p.id)
                    OR EXISTS (SELECT 1 FROM tracker_person q
                               WHERE q.introduced_by_id = p.id))))
            """,
            [owner_id, on.month, (on - dt.timedelta(days=7)).month],
        ),
        (
            """SELECT o.id, o.role, g.name, o.stage, o.stage_changed_on, o.decision_date,
                   o.offer_deadline, o.interest, o.created_at, op.person_id, op.role
            FROM tracker_opportunity o
            LEFT JOIN tracker_organization g ON g.id = o.organization_id
            LEFT JOIN tracker_opportunityperson op ON op.opportunity_id = o.id
            WHERE o.owner_id = %s
            """,
            [owner_id],
        ),
    ]
    rows = 0
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            rows += len(cursor.fetchall())
    return rows


def compare(homes: list[str], argv: list[str]) -> None:
    """Measure each folder in its own process; then the per-item costs side by side."""
    results = []
    for home in homes:
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
            target = out.name
        print(f"== {home}")
        subprocess.run(
            [sys.executable, __file__, "--home", home, "--json-out", target, *argv], check=True
        )
        results.append(json.loads(Path(target).read_text()))
        os.unlink(target)
    print("\n== per-item costs by size")
    names = list(results[0]["per_item"])
    sizes = [f"{r['people']:,} / {r['interactions']:,}" for r in results]
    print(f"{'people / interactions':<44}" + "".join(f"{size:>24}" for size in sizes))
    for name in names:
        print(f"{name:<44}" + "".join(f"{r['per_item'][name]:>24.1f}" for r in results))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--home", action="append", help="a FOLLOWTHROUGH_HOME to measure (repeat to compare sizes)"
    )
    parser.add_argument("--on", type=dt.date.fromisoformat, help="the day (default: today)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (the median)")
    parser.add_argument("--json-out", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    if args.home and len(args.home) > 1:
        rest = ["--repeat", str(args.repeat)] + (["--on", args.on.isoformat()] if args.on else [])
        compare(args.home, rest)
        return
    _setup(args.home[0] if args.home else None)
    result = measure(args)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
