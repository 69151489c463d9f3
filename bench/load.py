"""The job club load test: a club's members, the production server, locust, on loopback.

    scripts/loadtest.sh                        # PostgreSQL: 1,000 members, 100 users, 2 minutes
    .venv/bin/python bench/load.py --members 20 --users 5 --time 10s   # SQLite, a smoke run

It generates the members (``bench/members.py``) into the database of
``DATABASE_URL`` (``scripts/loadtest.sh`` starts a throwaway PostgreSQL for it)
or a SQLite file in a temporary data folder, starts ``followthrough serve`` on
127.0.0.1 (waitress, ``--threads``), runs ``bench/locustfile.py`` headless
against it, and prints each endpoint's requests, failures, median and p95. The
exit status is 1 when an endpoint's p95 is over ``--p95`` (300 ms) or any request
failed, 2 when the run could not be made.

Everything listens on loopback only and stops at the end; the data folder is a
fresh temporary one unless ``--home`` is given (it must then be empty).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import http.client
import json
import math
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def stop(message: str, log: Path | None = None) -> None:
    """The run could not be made: the log's tail, one line why, exit status 2."""
    if log is not None and log.exists():
        sys.stderr.write(log.read_text()[-3000:])
    print(f"load: {message}", file=sys.stderr)
    sys.exit(2)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def run_step(what: str, command: list[str], env: dict, log: Path) -> None:
    """Run ``command`` to the end; on failure print its log's tail and stop with status 2."""
    started = time.perf_counter()
    with log.open("w") as out:
        done = subprocess.run(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        stop(f"{what} failed (exit status {done.returncode}); its log: {log}", log)
    print(f"{what}: {time.perf_counter() - started:.1f} s")


@contextlib.contextmanager
def server(env: dict, port: int, threads: int, log: Path):
    """``followthrough serve`` on loopback until the block ends; waits until it answers."""
    command = [str(BIN / "followthrough"), "serve", "--host", HOST, "--port", str(port),
               "--threads", str(threads)]  # fmt: skip
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(process, port, log)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(process: subprocess.Popen, port: int, log: Path, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            stop(f"the server stopped (exit status {process.returncode}); its log: {log}", log)
        try:
            probe = http.client.HTTPConnection(HOST, port, timeout=2)
            probe.request("GET", "/static/")
            probe.getresponse()  # any answer (a 404, hosted mode's redirect to https) is up
            probe.close()
            return
        except OSError:
            time.sleep(0.5)
    stop(f"the server did not answer within {timeout:.0f} s; its log: {log}", log)


def seconds(text: str) -> int:
    """``2m`` -> 120, ``30s`` -> 30, ``1m30s`` -> 90 (locust's own forms)."""
    found = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", text.strip())
    if not found or not any(found.groups()):
        stop(f"--time {text!r}: give a duration such as 2m, 30s or 1m30s")
    hours, minutes, secs = (int(part or 0) for part in found.groups())
    return hours * 3600 + minutes * 60 + secs


def read_stats(prefix: Path) -> list[dict]:
    """Locust's per-endpoint statistics (``--csv``), the "Aggregated" row last."""
    with open(f"{prefix}_stats.csv", newline="") as file:
        return list(csv.DictReader(file))


def read_failures(prefix: Path) -> list[dict]:
    with open(f"{prefix}_failures.csv", newline="") as file:
        return list(csv.DictReader(file))


def report(rows: list[dict], failures: list[dict], target: int) -> bool:
    """Print one line per endpoint; ``True`` when every target is met.

    The day's work is held to the p95 target; the ``setup:`` requests (each
    user's first steps) only to no errors.
    """
    ok = True
    heading = f"{'endpoint':<26}{'requests':>9}{'failures':>9}{'median':>9}{'p95':>9}"
    print(f"\n{heading}  p95 <= {target} ms, no errors")
    for row in rows:
        name = row["Name"] if row["Type"] else "all"
        count, failed = int(row["Request Count"]), int(row["Failure Count"])
        p95 = float(row["95%"]) if count else 0.0
        judged = bool(row["Type"]) and not name.startswith("setup:")
        met = failed == 0 and (p95 <= target or not judged)
        if row["Type"]:  # the aggregate shows the whole, the endpoints decide
            ok = ok and met
        verdict = ("ok" if met else "MISSED") if judged else ("not judged" if met else "ERRORS")
        print(f"{name:<26}{count:>9}{failed:>9}{float(row['Median Response Time']):>7.0f}ms"
              f"{p95:>7.0f}ms  {verdict}")  # fmt: skip
    for failure in failures:
        print(f"error: {failure['Method']} {failure['Name']}: {failure['Error']}"
              f" ({failure['Occurrences']} times)")  # fmt: skip
    return ok


def hosted_environment(env: dict) -> None:
    """What hosted mode needs besides PostgreSQL, for a throwaway server on 127.0.0.1."""
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        stop("hosted mode needs PostgreSQL: set DATABASE_URL (scripts/loadtest.sh does).")
    env["FOLLOWTHROUGH_HOSTED"] = "1"
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    env.setdefault("FOLLOWTHROUGH_ALLOWED_HOSTS", HOST)


def describe_machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"load average {load}, Python {platform.python_version()}"
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--users", type=int, default=100, help="concurrent users (locust -u)")
    parser.add_argument(
        "--spawn-rate", type=float, default=2,
        help="users started a second: members arrive over the first minute, not at once",
    )  # fmt: skip
    parser.add_argument(
        "--time", default="2m",
        help="how long all the users are measured together (2m, 30s), after the ramp",
    )  # fmt: skip
    parser.add_argument("--threads", type=int, default=8, help="each server's worker threads")
    parser.add_argument(
        "--servers", type=int, default=2,
        help="app processes on one database, users spread over them as a proxy would"
        " (the README's hosting runs two)",
    )  # fmt: skip
    parser.add_argument("--p95", type=int, default=300, help="the p95 target per endpoint, ms")
    parser.add_argument(
        "--wait", default="5,15",
        help="think time between clicks, seconds (a person reads a page or writes a note)",
    )  # fmt: skip
    parser.add_argument(
        "--as", dest="as_", choices=["members", "owner"], default="members",
        help="local mode: each user a member (their session) or all the local owner",
    )  # fmt: skip
    parser.add_argument(
        "--sign-ins", type=int, default=10,
        help="hosted mode: how many users sign in through the page (the others bring the"
        " session a sign-in leaves)",
    )  # fmt: skip
    parser.add_argument(
        "--hosted", action="store_true",
        help="hosted mode (as FOLLOWTHROUGH_HOSTED=1): needs DATABASE_URL on PostgreSQL",
    )  # fmt: skip
    parser.add_argument("--home", type=Path, help="an empty data folder (default: a temporary one)")
    parser.add_argument("--today", default=dt.date.today().isoformat())
    parser.add_argument("--people", type=int, default=60, help="people per member")
    parser.add_argument("--interactions", type=int, default=400, help="interactions per member")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not (BIN / "locust").exists():
        stop("locust is not installed next to this Python; pip install -e '.[load]'.")
    home = args.home or Path(tempfile.mkdtemp(prefix="followthrough-load."))
    home.mkdir(parents=True, exist_ok=True)
    try:
        return run(args, home)
    finally:
        if args.home is None:
            shutil.rmtree(home, ignore_errors=True)


def run(args: argparse.Namespace, home: Path) -> int:
    env = {**os.environ, "FOLLOWTHROUGH_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    hosted = args.hosted or env.get("FOLLOWTHROUGH_HOSTED", "") not in ("", "0")
    if hosted:
        hosted_environment(env)
    mode = "hosted" if hosted else f"local, as {args.as_}"
    manifest = home / "manifest.json"
    print(f"load test: {args.members:,} members, {args.users} users for {args.time}, {mode},"
          f" {database}, {args.servers} servers of {args.threads} threads;"
          f" {describe_machine()}")  # fmt: skip
    run_step(
        "members",
        [sys.executable, str(ROOT / "bench" / "members.py"), "--members", str(args.members),
         "--today", args.today, "--people", str(args.people),
         "--interactions", str(args.interactions), "--manifest", str(manifest)],
        env, home / "members.log",
    )  # fmt: skip
    ports = [free_port() for _ in range(args.servers)]
    prefix = home / "locust"
    locust_env = {
        **env,
        "FOLLOWTHROUGH_LOAD_MANIFEST": str(manifest),
        "FOLLOWTHROUGH_LOAD_WAIT": args.wait,
        "FOLLOWTHROUGH_LOAD_AS": args.as_,
        "FOLLOWTHROUGH_LOAD_SIGN_INS": str(args.sign_ins),
        "FOLLOWTHROUGH_LOAD_SERVERS": ",".join(f"http://{HOST}:{port}" for port in ports),
        "FOLLOWTHROUGH_LOAD_FAILURES": str(home / "failures.json"),
    }
    # The users arrive over the ramp; locust's statistics start again once all have
    # started (--reset-stats), and then all of them are measured together for --time.
    ramp = math.ceil(args.users / args.spawn_rate)
    total = f"{ramp + seconds(args.time)}s"
    with contextlib.ExitStack() as servers:
        for n, port in enumerate(ports, 1):
            servers.enter_context(server(env, port, args.threads, home / f"server{n}.log"))
        urls = " ".join(f"http://{HOST}:{port}/" for port in ports)
        print(f"servers: {urls} ({json.loads(manifest.read_text())['today']}); users arrive"
              f" over {ramp} s, then all are measured for {args.time}")  # fmt: skip
        locust = subprocess.run(
            [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
             "-u", str(args.users), "-r", str(args.spawn_rate), "-t", total, "--reset-stats",
             "--host", f"http://{HOST}:{ports[0]}", "--csv", str(prefix), "--only-summary",
             "--loglevel", "WARNING", "--stop-timeout", "10"],
            env=locust_env, stdout=subprocess.DEVNULL, stderr=(home / "locust.log").open("w"),
        )  # fmt: skip
    if not Path(f"{prefix}_stats.csv").exists():
        stop(f"locust made no statistics (exit status {locust.returncode})", home / "locust.log")
    ok = report(read_stats(prefix), read_failures(prefix), args.p95)
    failures_file = home / "failures.json"
    whole_run = json.loads(failures_file.read_text() or "{}") if failures_file.exists() else {}
    for name, count in sorted(whole_run.items()):
        print(f"error over the whole run (the ramp included): {name}: {count} times")
    ok = ok and not whole_run
    print(f"\nafter the run: {describe_machine()}")
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
