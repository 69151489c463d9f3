"""Measure the JSON backup: export the heavy workspace, restore it into a fresh owner.

    .venv/bin/python bench/backup.py --home /tmp/bench

Uses the benchmark workspace in ``--home`` (or ``FOLLOWTHROUGH_HOME``), made by
``bench/generate.py``; if that folder has none, it runs ``generate.py --seed 1``
there first (about two minutes). Each step runs in its own process, so its peak
memory (resident set size) is its own: ``export`` writes the local owner's
backup to a file through ``backup.export_json``; ``restore`` reads it into a
new owner through ``backup.restore`` (checking the counts match), then deletes
that owner's data again (``clear``, the first half of ``restore --replace``),
timed apart. A benchmark, not a test: it prints figures and the targets beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = {"export": 20.0, "restore": 20.0}
MEMORY_TARGET_MB = 400
RESTORED_OWNER = "bench-restore"


def _django(home: str) -> None:
    os.environ["FOLLOWTHROUGH_HOME"] = home
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followthrough.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def step_export(home: str, path: str) -> dict:
    _django(home)
    from followthrough.backup.export_json import write_json
    from followthrough.tracker.services.owners import local_owner

    owner = local_owner()
    start, cpu = time.perf_counter(), time.process_time()
    with open(path, "w", encoding="utf-8") as out:
        counts = write_json(owner, out)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "peak_mb": _peak_mb(), "counts": counts}


def step_restore(home: str, path: str) -> dict:
    _django(home)
    from django.contrib.auth import get_user_model

    from followthrough.backup.restore import clear, restore

    users = get_user_model().objects
    fresh, _ = users.get_or_create(username=RESTORED_OWNER)
    clear(fresh)  # a run that was stopped half-way left its data
    start, cpu = time.perf_counter(), time.process_time()
    with open(path, encoding="utf-8") as stream:
        counts = restore(fresh, stream, name=path)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    peak = _peak_mb()
    start = time.perf_counter()
    clear(fresh)
    users.filter(pk=fresh.pk).delete()
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": peak,
        "counts": counts,
        "clear_seconds": time.perf_counter() - start,
    }


def _child(step: str, home: str, path: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--home", home, "--step", step, "--file", path],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"{step} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ensure_workspace(home: str) -> None:
    if (Path(home) / "followthrough.sqlite3").exists():
        return
    print(f"No benchmark workspace in {home}: generating one (about two minutes)...")
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--home", home, "--seed", "1"],
        check=True,
    )


def _line(name: str, result: dict) -> None:
    target = TARGET_SECONDS[name]
    verdict = "ok" if result["seconds"] <= target else "OVER"
    memory = "ok" if result["peak_mb"] <= MEMORY_TARGET_MB else "OVER"
    print(
        f"{name:<8} {result['seconds']:6.1f} s (target {target:.0f} s) {verdict:<4} "
        f"[CPU {result['cpu']:5.1f} s]   "
        f"peak {result['peak_mb']:6.0f} MB (target {MEMORY_TARGET_MB} MB) {memory}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--home",
        default=os.environ.get("FOLLOWTHROUGH_HOME"),
        help="the benchmark's FOLLOWTHROUGH_HOME (default: the env var)",
    )
    parser.add_argument("--step", choices=["export", "restore"], help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.home:
        sys.exit("backup: set FOLLOWTHROUGH_HOME (or --home) to the benchmark's folder.")
    home = str(Path(args.home).expanduser().resolve())
    if args.step:
        step = step_export if args.step == "export" else step_restore
        print(json.dumps(step(home, args.file)))
        return

    _ensure_workspace(home)
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "backup.json")
        exported = _child("export", home, path)
        size_mb = Path(path).stat().st_size / 1024 / 1024
        restored = _child("restore", home, path)
    counts = exported["counts"]
    print(
        "workspace: "
        + ", ".join(
            f"{counts[k]:,} {k}" for k in ("people", "interactions", "opportunities", "tasks")
        )
        + f"; backup file {size_mb:.0f} MB"
    )
    _line("export", exported)
    _line("restore", restored)
    print(
        f"(then deleting the restored copy, as restore --replace does first: "
        f"{restored['clear_seconds']:.1f} s)"
    )
    if restored["counts"] != counts:
        sys.exit(f"restore counts differ from export: {restored['counts']} != {counts}")


if __name__ == "__main__":
    main()
