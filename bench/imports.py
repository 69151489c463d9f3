"""Import a generated 30,000-row LinkedIn ``Connections.csv``, time it, measure the memory.

    FOLLOWTHROUGH_HOME=$(mktemp -d) .venv/bin/python bench/imports.py --rows 30000

Writes the file (the Dec 2025 layout: the ``Notes:`` preamble, a URL column,
one email in fifty, a few thousand companies, a few hidden profiles), then
imports it through ``followthrough.imports`` (read + ``import_records``) into
an empty workspace, then again (every row matches: nothing new), and prints the
seconds of each and the peak resident memory of the process. The targets (5 s,
400 MB) are printed beside the figures. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 5.0
MEMORY_TARGET_MB = 400
PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email'
    ' addresses are missing."\n\n'
)
FIRST = ["Ada", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gia", "Hana", "Ian", "José", "Kim", "Lou"]
LAST = ["Ruiz", "Okafor", "Park", "Wu", "Marsh", "Lund", "Sato", "Ford", "Chen", "Lee", "Müller"]
TITLES = ["Engineer", "Recruiter", "Product Manager", "Designer", "Director", "Analyst"]


def write_connections(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    companies = [f"Company {i}" for i in range(rows // 8 or 1)]
    start = dt.date(2012, 1, 1)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(PREAMBLE)
        out = csv.writer(f, lineterminator="\n")
        out.writerow(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        )
        for i in range(rows):
            if i % 997 == 0:  # a hidden profile: only the date
                out.writerow(["", "", "", "", "", "", "04 Dec 2025"])
                continue
            first, last = rng.choice(FIRST), rng.choice(LAST)
            slug = f"{first}-{last}-{i}".lower().replace("é", "%C3%A9").replace("ü", "%C3%BC")
            email = f"{first}.{last}.{i}@example.com".lower() if i % 50 == 0 else ""
            day = start + dt.timedelta(days=rng.randrange(5000))
            out.writerow(
                [
                    first,
                    last + (" " if i % 13 == 0 else ""),
                    f"https://www.linkedin.com/in/{slug}",
                    email,
                    rng.choice(companies),
                    rng.choice(TITLES),
                    day.strftime("%d %b %Y"),
                ]
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=30_000)
    args = parser.parse_args(argv)
    os.environ.setdefault("FOLLOWTHROUGH_HOME", tempfile.mkdtemp(prefix="ft-bench-import-"))
    sys.path.insert(0, str(ROOT))
    from followthrough.cli import django_setup

    owner = django_setup.owner()
    from followthrough.imports import reading
    from followthrough.imports.apply import import_records

    path = Path(os.environ["FOLLOWTHROUGH_HOME"]) / "Connections.csv"
    write_connections(path, args.rows)
    size_mb = path.stat().st_size / 1024 / 1024
    print(f"{args.rows:,} rows, {size_mb:.1f} MB, in {path}")
    for label in ("first import", "same file again"):
        started, cpu = time.perf_counter(), time.process_time()
        read = reading.read("linkedin", path, path.name)
        outcome = import_records(owner, read, today=dt.date(2026, 3, 2))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        verdict = "ok" if seconds <= TARGET_SECONDS else "SLOW"
        print(
            f"{label:16} {seconds:6.2f} s, {cpu:.2f} s of CPU (target {TARGET_SECONDS:.0f} s)"
            f" {verdict}"
        )
        print(f"{'':16} {outcome.headline()}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    verdict = "ok" if peak_mb <= MEMORY_TARGET_MB else "TOO MUCH"
    print(f"{'peak memory':16} {peak_mb:6.0f} MB (target {MEMORY_TARGET_MB} MB) {verdict}")


if __name__ == "__main__":
    main()
