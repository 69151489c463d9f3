"""``followthrough digest``: send the daily digests that are due, once (cron) or in a loop."""

from __future__ import annotations

import datetime as dt
import signal
import threading
from typing import Annotated

import typer

from . import django_setup
from .output import date_text, fail, say


def parse_now(text: str) -> dt.datetime:
    """An ISO 8601 instant; one without an offset is taken as UTC."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        fail(f"--now: {text!r} is not an ISO 8601 instant; write it like 2026-03-02T12:00:00Z.")
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def digest_command(
    loop: Annotated[
        bool, typer.Option("--loop", help="Keep running, a pass every --interval seconds.")
    ] = False,
    interval: Annotated[
        int,
        typer.Option(
            "--interval", metavar="SECONDS", min=1, help="Seconds between passes with --loop."
        ),
    ] = 60,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            metavar="ISO",
            help="Act as if it were this instant (one pass), e.g. 2026-03-02T12:00:00Z.",
        ),
    ] = None,
) -> None:
    """Send the daily digests that are due: one pass, or --loop as a daemon.

    A digest is due once a day, from the hour chosen on its settings page, in
    the owner's time zone. Two runs at once never send the same digest twice.
    A send that fails (say the mail server is unreachable) is retried on the
    next pass: one pass then exits with an error, --loop logs it and goes on.

    Example: followthrough digest --loop --interval 300
    """
    if loop and now:
        fail("--now: a fixed instant makes sense for one pass only; leave out --loop.")
    instant = parse_now(now) if now else None
    django_setup.migrate()
    if loop:
        run_loop(interval)
        return
    failures = run_pass(instant or dt.datetime.now(dt.UTC), loop=False)
    if failures:
        fail("; ".join(failures))


def run_pass(now: dt.datetime, *, loop: bool) -> list[str]:
    """Send what is due at ``now``; print each send; return one sentence per failure."""
    from followthrough.digest.services import send_due

    outcomes = send_due(now)
    failures = []
    for outcome in outcomes:
        day = date_text(outcome.day)
        if outcome.sent:
            say(_stamp(loop) + f"Sent the digest for {day} to {outcome.address}.")
        else:
            failures.append(
                f"the digest for {day} to {outcome.address} was not sent: "
                f"{outcome.error}; it will be retried on the next pass"
            )
    if not outcomes and not loop:
        say("No digest is due now.")
    return failures


def run_loop(interval: int) -> None:
    """A pass every ``interval`` seconds until Ctrl+C or SIGTERM; a failure is logged, not fatal."""
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    say(f"Sending digests every {interval} seconds (press Ctrl+C to stop).")
    try:
        while not stop.is_set():
            for failure in _guarded_pass():
                typer.echo(_stamp(True) + f"warning: {failure}.", err=True)
            stop.wait(interval)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    say("Stopped.")


def _guarded_pass() -> list[str]:
    """One pass of the loop; a database that is briefly unusable costs a pass, not the daemon."""
    from django.db import DatabaseError

    try:
        return run_pass(dt.datetime.now(dt.UTC), loop=True)
    except DatabaseError as error:
        from followthrough.dberrors import is_busy

        if is_busy(error):
            return ["the pass was skipped: the database is busy (another process is writing)"]
        return [f"the pass was skipped: the database is not usable ({error})"]


def _stamp(loop: bool) -> str:
    """In a loop, each line starts with the time, as a log does."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC  ") if loop else ""
