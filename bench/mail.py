"""Mail import and IMAP sync at scale (issue 11): time and memory against the targets.

    FOLLOWTHROUGH_HOME=$(mktemp -d) .venv/bin/python bench/mail.py

1. Makes 30,000 people with an address each, then writes an mbox of 50,000
   messages (Thunderbird/Gmail-like: encoded subjects, replies threaded by
   References, Cc, a few invitations with a calendar part, a fifth with people
   who are not here), imports it with the progress bar the CLI shows, and
   imports it again (every Message-ID is known: nothing new). Targets: 20 s and
   300 MB for the first import.
2. When Dovecot is installed (`make test` installs it), starts a throwaway one
   (scripts/dovecot.sh), delivers --imap-messages messages, syncs once, then
   times a pass with no new mail. Target: 1 s.

A benchmark, not a test: it prints the figures and the targets beside them.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORT_SECONDS = 20.0
IMPORT_MB = 300
PASS_SECONDS = 1.0
FIRST = ["Ada", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gia", "Hana", "Ian", "José", "Kim", "Lou"]
LAST = ["Ruiz", "Okafor", "Park", "Wu", "Marsh", "Lund", "Sato", "Ford", "Chen", "Lee", "Müller"]
SUBJECTS = ["Coffee next week?", "Following up", "Quick question", "Intro", "Thanks!",
            "=?UTF-8?Q?Caf=C3=A9_=26_chat?=", "Re: the analyst role", "Referral"]  # fmt: skip
INVITE = (
    "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
    "Content-Type: text/plain\n\nSee the invitation.\n--b\nContent-Type: text/calendar\n\n"
    "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:ev{n}@bench\n"
    "DTSTART:20260{m}15T100000Z\nSUMMARY:Meeting {n}\nORGANIZER:mailto:{them}\n"
    "ATTENDEE:mailto:sam@example.com\nEND:VEVENT\nEND:VCALENDAR\n--b--\n"
)


def address(i: int) -> str:
    return f"person{i}@company{i % 3000}.example"


def make_people(owner, count: int) -> None:
    from followthrough.imports import fastinsert
    from followthrough.tracker.models import Person

    rng = random.Random(1)
    people = [
        fastinsert.new(Person, owner_id=owner.pk, emails=[address(i)],
                       name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}")
        for i in range(count)
    ]  # fmt: skip
    fastinsert.insert(Person, people)


def message(n: int, rng: random.Random, people: int) -> str:
    day = 1 + n % 28
    month = 1 + (n // 28) % 2
    known = rng.random() > 0.2
    stranger = f"stranger{rng.randrange(9000)}@else.example"
    them = address(rng.randrange(people)) if known else stranger
    outbound = n % 2 == 0
    sender, to = ("Sam Seeker <sam@example.com>", them) if outbound else (them, "sam@example.com")
    lines = [
        f"Message-ID: <m{n}@bench.example>",
        f"Date: Mon, {day} {['Jan', 'Feb'][month - 1]} 2026 {n % 24:02d}:{n % 60:02d}:00 +0100",
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {SUBJECTS[n % len(SUBJECTS)]}",
    ]
    if n % 7 == 0:
        lines.append(f"Cc: {address(rng.randrange(people))}")
    if n % 2 == 1:
        lines.append(f"In-Reply-To: <m{n - 1}@bench.example>")
        lines.append(f"References: <m{n - 1}@bench.example>")
    if n % 500 == 0 and known:
        return "\n".join(lines) + "\n" + INVITE.format(n=n, m=month, them=them)
    body = f"Hello,\n\nThis is message {n}.\n>From the archive.\n\nBest,\nSam\n"
    return "\n".join(lines) + "\nContent-Type: text/plain; charset=UTF-8\n\n" + body


def write_mbox(path: Path, messages: int, people: int) -> None:
    rng = random.Random(2)
    with path.open("w", encoding="utf-8") as out:
        for n in range(messages):
            out.write(f"From - Mon Jan 05 10:00:00 2026\n{message(n, rng, people)}\n")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_import(owner, path: Path) -> None:
    from followthrough.cli.imports import progress_bar
    from followthrough.cli.mail import _counting
    from followthrough.mail import files, service

    total = path.stat().st_size
    for label in ("first import", "same file again"):
        started, cpu = time.perf_counter(), time.process_time()
        with path.open("rb") as stream, progress_bar(enabled=sys.stdout.isatty()) as progress:
            raws = _counting(files.mbox_messages(stream, path.name), progress, total)
            outcome = service.import_messages(owner, raws)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        verdict = "ok" if seconds <= IMPORT_SECONDS else "SLOW"
        print(
            f"{label:16} {seconds:6.2f} s, {cpu:.2f} s of CPU (target {IMPORT_SECONDS:.0f} s)"
            f" {verdict}"
        )
        print(f"{'':16} {outcome.headline()}")
        memory = peak_mb()
        verdict = "ok" if memory <= IMPORT_MB else "TOO MUCH"
        print(f"{'':16} peak memory {memory:.0f} MB (target {IMPORT_MB} MB) {verdict}")


def bench_imap(owner, count: int, people: int) -> None:
    if not (shutil.which("dovecot") or os.path.exists("/usr/sbin/dovecot")):
        print("IMAP pass: skipped (Dovecot is not installed; `make test` installs it)")
        return
    folder = tempfile.mkdtemp(prefix="ft-bench-dovecot-")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    script = ROOT / "scripts" / "dovecot.sh"
    done = subprocess.run(["bash", str(script), "start", folder, str(port)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        print(f"IMAP pass: skipped (Dovecot did not start: {done.stderr.strip()[-200:]})")
        shutil.rmtree(folder, ignore_errors=True)
        return
    env = dict(line.split("=", 1) for line in done.stdout.splitlines())
    try:
        maildir = Path(env["FOLLOWTHROUGH_TEST_IMAP_MAILDIR"])
        uid, gid = (int(x) for x in env["FOLLOWTHROUGH_TEST_IMAP_MAIL_OWNER"].split(":"))
        rng = random.Random(3)
        for n in range(count):
            target = maildir / "new" / f"{n}.bench"
            target.write_text(message(100_000 + n, rng, people), encoding="utf-8")
            if os.geteuid() == 0:
                os.chown(target, uid, gid)
        from followthrough.mail import imap
        from followthrough.mail.settings import mail_settings

        os.environ["FOLLOWTHROUGH_IMAP_PASSWORD"] = env["FOLLOWTHROUGH_TEST_IMAP_PASSWORD"]
        settings = mail_settings(owner)
        settings.imap_host, settings.imap_port = "127.0.0.1", port
        settings.imap_user, settings.imap_security = env["FOLLOWTHROUGH_TEST_IMAP_USER"], "plain"
        settings.imap_folders = ["INBOX"]
        settings.save()
        started = time.perf_counter()
        first = imap.sync(owner)
        print(f"{'first IMAP pass':16} {time.perf_counter() - started:6.2f} s: {first.headline()}")
        started = time.perf_counter()
        again = imap.sync(owner)
        seconds = time.perf_counter() - started
        verdict = "ok" if seconds <= PASS_SECONDS else "SLOW"
        print(f"{'no new mail':16} {seconds:6.2f} s (target {PASS_SECONDS:.0f} s) {verdict}: "
              f"{again.headline()}")  # fmt: skip
    finally:
        subprocess.run(["bash", str(script), "stop", folder], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--imap-messages", type=int, default=5_000)
    args = parser.parse_args(argv)
    os.environ.setdefault("FOLLOWTHROUGH_HOME", tempfile.mkdtemp(prefix="ft-bench-mail-"))
    sys.path.insert(0, str(ROOT))
    from followthrough.cli import django_setup

    owner = django_setup.owner()
    from followthrough.mail import settings as mail_settings

    mail_settings.update(owner, my_emails=["sam@example.com"])
    make_people(owner, args.people)
    path = Path(os.environ["FOLLOWTHROUGH_HOME"]) / "bench.mbox"
    write_mbox(path, args.messages, args.people)
    size = path.stat().st_size / 1024 / 1024
    print(f"{args.messages:,} messages ({size:.0f} MB), {args.people:,} known people, in {path}")
    bench_import(owner, path)
    bench_imap(owner, args.imap_messages, args.people)


if __name__ == "__main__":
    main()
