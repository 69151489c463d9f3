"""The benchmark runs: a tiny workspace, one run of each figure (issue 12).

Not a timing test: the figures depend on the machine. It checks that
``bench/run.py`` measures and prints every target of issue 12, with its ratio.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TARGETS = [
    "today --json, nothing changed",
    "vs python -c pass",
    "log",
    "today --json after a log",
    "sync after one change",
    "full rebuild",
    "raw-SQL floor (3 queries)",
    "Today page after a change",
    "person page",
]


@pytest.mark.skipif(
    not Path(sys.executable).with_name("followthrough").exists(),
    reason="the followthrough command is not installed next to this Python",
)
def test_the_benchmark_prints_every_target_with_its_ratio(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY"}
    }
    env["FOLLOWTHROUGH_HOME"] = str(tmp_path)
    on = "2026-03-02"

    def bench(script: str, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, str(ROOT / "bench" / script), *args],
            env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    bench("generate.py", "--size", "tiny", "--today", on)
    out = bench("run.py", "--on", on, "--repeat", "1")

    assert out.startswith("workspace: 60 people, 400 interactions,")
    for target in TARGETS:
        (line,) = [line for line in out.splitlines() if line.strip().startswith(target + " ")]
        assert line.rstrip().endswith(("ms", "x")), line  # the best run
        if "floor" not in target:
            assert " ok " in line or " OVER " in line, line
    assert "per item: full rebuild per 1,000 people" in out
    assert "followthrough bench" not in out
