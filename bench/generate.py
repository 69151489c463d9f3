"""Generate a heavy networker's workspace for the benchmark.

    FOLLOWTHROUGH_HOME=/tmp/bench .venv/bin/python bench/generate.py --seed 1

Writes straight into the database of ``FOLLOWTHROUGH_HOME`` (or ``--home``;
``DATABASE_URL`` for PostgreSQL), for the local owner, with ``bulk_create`` in
batches: 30,000 people (LinkedIn's connection limit) in 4,000 organizations,
300,000 interactions over five years, 3,000 opportunities (a few dozen still
active, the rest closed over past searches), and 10,000 open hand-made tasks (a
few hundred overdue, the rest spread over the coming year). The same seed gives
the same workspace. ``--size huge`` makes the 100,000-person /
1,000,000-interaction workspace (``bench/run.py`` compares the per-item costs of
both); ``--size tiny`` a small one for the benchmark's smoke test.

The shape is meant to be realistic rather than uniform: a close circle of a
couple of thousand people gets most of the interactions, about one in eight
interactions is about an opportunity, an interview or informational interview is
about one in sixty, interviews state a decision date half the time, one outbound
message in twenty awaits a reply, asks and gives are rare, a few hundred of the
close circle have a keep-in-touch cadence and one person in twelve a birthday.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 5_000

FIRST = [
    "Ada", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gia", "Hana", "Ian", "Jo", "Kim", "Lou",
    "Mia", "Noor", "Omar", "Pia", "Quinn", "Rex", "Sid", "Tia", "Uma", "Vik", "Wen", "Zoe",
]
LAST = [
    "Ruiz", "Okafor", "Park", "Wu", "Marsh", "Lund", "Sato", "Ford", "Chen", "Lee", "Ames",
    "Roth", "Haddad", "Vora", "Hale", "Moore", "Ito", "Berg", "Kim", "Li", "Pham", "Byrne",
]
SITUATIONS = [
    ("employed", 60), ("seeking", 12), ("recruiter", 8), ("hiring_manager", 6),
    ("self_employed", 5), ("student", 3), ("retired", 2), ("unknown", 4),
]
KINDS = [
    ("email", 380), ("message", 240), ("call", 100), ("meeting", 80), ("coffee", 60),
    ("informational", 10), ("interview", 6), ("note", 124),
]
CLOSED = [("rejected", 45), ("let_go", 25), ("withdrawn", 15), ("declined", 15)]
ACTIVE = ["lead", "applied", "applied", "screening", "interviewing", "interviewing", "offer"]


def _weighted(rng: random.Random, table):
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]


@contextmanager
def keep_created_at(*models):
    """Let ``bulk_create`` write historical ``created_at`` values (not "now")."""
    fields = [m._meta.get_field("created_at") for m in models]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f in fields:
            f.auto_now_add = True


def _setup(home: str | None):
    if home:
        os.environ["FOLLOWTHROUGH_HOME"] = home
    if not os.environ.get("FOLLOWTHROUGH_HOME"):
        sys.exit("generate: set FOLLOWTHROUGH_HOME (or --home) to the folder to fill.")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followthrough.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def generate(args) -> None:
    from django.db import transaction

    from followthrough.tracker import models as m
    from followthrough.tracker.services.owners import local_owner

    rng = random.Random(args.seed)
    owner = local_owner()
    if m.Person.objects.filter(owner=owner).exists():
        sys.exit("generate: this workspace already has people; use an empty FOLLOWTHROUGH_HOME.")
    today = args.today
    start = today - dt.timedelta(days=5 * 365)

    clock = time.perf_counter()
    with transaction.atomic(), keep_created_at(m.Person, m.Opportunity, m.Interaction, m.Task):
        orgs = m.Organization.objects.bulk_create(
            _organizations(m, owner, args.organizations), batch_size=BATCH
        )
        people = m.Person.objects.bulk_create(
            _people(rng, m, owner, orgs, args.people, start, today), batch_size=BATCH
        )
        circle = _circle(rng, people)
        m.Person.objects.bulk_update(circle, ["cadence_days"], batch_size=BATCH)
        print(f"people: {len(people):,} ({time.perf_counter() - clock:.1f}s)")

        opps, links, changes = _opportunities(rng, m, owner, orgs, people, start, today, args)
        opps = _save_opportunities(m, opps, links, changes)
        print(f"opportunities: {len(opps):,} ({time.perf_counter() - clock:.1f}s)")

        days = _interaction_days(rng, args.interactions, start, today)
        made = 0
        while made < args.interactions:
            count = min(BATCH * 4, args.interactions - made)
            made_now = [
                _interaction(rng, m, owner, day, opps, people, circle)
                for day in days[made : made + count]
            ]
            _save_interactions(m, made_now)
            made += count
            print(f"interactions: {made:,} ({time.perf_counter() - clock:.1f}s)")

        tasks = m.Task.objects.bulk_create(
            _tasks(rng, m, owner, people, args.tasks, today), batch_size=BATCH
        )
        print(f"tasks: {len(tasks):,} ({time.perf_counter() - clock:.1f}s)")


# The builders: unsaved rows for one owner, shared with bench/members.py (many owners).


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _organizations(m, owner, count: int) -> list:
    return [m.Organization(owner=owner, name=f"Org {n:04d}") for n in range(count)]


def _people(rng, m, owner, orgs, count: int, start: dt.date, today: dt.date) -> list:
    people = []
    for n in range(count):
        met = _day_between(rng, start - dt.timedelta(days=3650), today - dt.timedelta(days=1))
        first, last = rng.choice(FIRST), rng.choice(LAST)
        birthday = rng.random() < 0.08
        born = rng.randint(1950, 2000) if birthday and rng.random() < 0.5 else None
        people.append(
            m.Person(
                owner=owner,
                name=f"{first} {last} {n}",
                emails=[f"{first.lower()}.{last.lower()}{n}@example.com"],
                organization=rng.choice(orgs) if rng.random() < 0.8 else None,
                title=rng.choice(["Engineer", "Designer", "Manager", "Director", "Analyst"]),
                situation=_weighted(rng, SITUATIONS),
                met_on=met if rng.random() < 0.6 else None,
                birthday_month=rng.randint(1, 12) if birthday else None,
                birthday_day=rng.randint(1, 28) if birthday else None,
                birthday_year=born,
                cadence_days=None,
                created_at=_at(met),
            )
        )
    return people


def _circle(rng, people: list) -> list:
    """The close circle (most interactions are with them); three in ten get a cadence."""
    circle = rng.sample(people, min(2_000, len(people)))
    for person in circle[: len(circle) * 3 // 10]:
        person.cadence_days = rng.choice([30, 90, 180, 365])
    return circle


def _interaction_days(rng, count: int, start: dt.date, today: dt.date) -> list[dt.date]:
    """Logged as they happen: in date order, as a seeker's log grows day by day."""
    span = (today - start).days
    return sorted(start + dt.timedelta(days=int(span * rng.random() ** 0.8)) for _ in range(count))


def _tasks(rng, m, owner, people, count: int, today: dt.date) -> list:
    """Open hand-made tasks: one in forty overdue, the rest spread over the coming year."""
    tasks = []
    for n in range(count):
        overdue = n < count // 40
        due = (
            _day_between(rng, today - dt.timedelta(days=60), today)
            if overdue
            else _day_between(rng, today + dt.timedelta(days=1), today + dt.timedelta(days=365))
        )
        tasks.append(
            m.Task(
                owner=owner,
                title=f"Hand-made task {n}",
                due=due,
                person=rng.choice(people) if rng.random() < 0.7 else None,
                created_at=_at(min(due, today)),
            )
        )
    return tasks


def _save_opportunities(m, opps: list, links: list, changes: list) -> list:
    """Insert the opportunities, then their people and stage changes (which need their ids)."""
    opps = m.Opportunity.objects.bulk_create(opps, batch_size=BATCH)
    for link in links:
        link.opportunity = opps[link.opportunity_index]
    m.OpportunityPerson.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)
    for change in changes:
        change.opportunity = opps[change.opportunity_index]
    m.StageChange.objects.bulk_create(changes, batch_size=BATCH)
    return opps


def _save_interactions(m, made: list) -> None:
    """Insert ``(interaction, people)`` pairs: the interactions, then who each was with."""
    batch = m.Interaction.objects.bulk_create([i for i, _ in made], batch_size=BATCH)
    through = m.Interaction.people.through
    through.objects.bulk_create(
        [
            through(interaction_id=i.pk, person_id=p.pk)
            for i, (_, whom) in zip(batch, made, strict=True)
            for p in whom
        ],
        batch_size=BATCH,
    )


def _opportunities(rng, m, owner, orgs, people, start, today, args):
    opps, links, changes = [], [], []
    hiring = [p for p in people if p.situation in ("hiring_manager", "employed")]
    recruiters = [p for p in people if p.situation == "recruiter"] or people
    for n in range(args.opportunities):
        active = n < args.active
        if active:
            added = today - dt.timedelta(days=rng.randint(1, 60))
            stage = rng.choice(ACTIVE)
        else:
            added = start + dt.timedelta(days=rng.randint(0, (today - start).days - 90))
            stage = "accepted" if n % 997 == 0 else _weighted(rng, CLOSED)
        changed = min(added + dt.timedelta(days=rng.randint(0, 45)), today)
        interviewing = stage in ("interviewing", "offer")
        decision = changed + dt.timedelta(days=rng.randint(5, 20)) if interviewing else None
        deadline = today + dt.timedelta(days=rng.randint(3, 10)) if stage == "offer" else None
        opps.append(
            m.Opportunity(
                owner=owner,
                organization=rng.choice(orgs),
                role=rng.choice(["Product Designer", "Engineer", "Analyst", "Manager"]),
                stage=stage,
                stage_changed_on=changed,
                interest=rng.randint(1, 5),
                decision_date=decision,
                offer_deadline=deadline,
                created_at=_at(added),
            )
        )
        roles = [("hiring_manager", rng.choice(hiring)), ("recruiter", rng.choice(recruiters))]
        roles += [("interviewer", rng.choice(people)) for _ in range(rng.randint(0, 2))]
        for role, person in roles:
            link = m.OpportunityPerson(person=person, role=role)
            link.opportunity_index = n
            links.append(link)
        for stage_name, on in (("applied", added), (stage, changed)):
            change = m.StageChange(stage=stage_name, on=on)
            change.opportunity_index = n
            changes.append(change)
    return opps, links, changes


def _interaction(rng, m, owner, day, opps, people, circle):
    kind = _weighted(rng, KINDS)
    direction = "" if kind == "note" else ("out" if rng.random() < 0.65 else "in")
    whom = [rng.choice(circle) if rng.random() < 0.5 else rng.choice(people)]
    if rng.random() < 0.1:
        whom.append(rng.choice(people))
    opp = rng.choice(opps) if (kind == "interview" or rng.random() < 0.12) else None
    awaiting = direction == "out" and kind in ("email", "message") and rng.random() < 0.05
    decision = None
    if kind == "interview" and opp is not None and rng.random() < 0.5:
        decision = day + dt.timedelta(days=rng.randint(5, 20))
    return (
        m.Interaction(
            owner=owner,
            kind=kind,
            occurred_on=day,
            direction=direction,
            opportunity=opp,
            summary="Talked about the team and the role." if rng.random() < 0.3 else "",
            awaiting_reply=awaiting,
            asked=direction == "out" and rng.random() < 0.03,
            gave=direction == "out" and rng.random() < 0.03,
            clear_no=direction == "in" and rng.random() < 0.003,
            decision_date=decision,
            created_at=_at(day),
        ),
        list({p.pk: p for p in whom}.values()),
    )


SIZES = {
    # people, organizations, interactions, opportunities, active, tasks
    "heavy": (30_000, 4_000, 300_000, 3_000, 40, 10_000),
    "huge": (100_000, 13_000, 1_000_000, 10_000, 40, 30_000),
    "tiny": (60, 10, 400, 20, 5, 30),
}
"""``--size``: the heavy networker (the default), ten times the history (issue 12's
growth check), and a tiny one for the benchmark's smoke test."""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", help="the FOLLOWTHROUGH_HOME to fill (default: the env var)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument(
        "--size", choices=SIZES, default="heavy",
        help="heavy: 30,000 people / 300,000 interactions; huge: 100,000 / 1,000,000; "
        "tiny: 60 / 400 (the options below override its figures)",
    )  # fmt: skip
    parser.add_argument("--people", type=int)
    parser.add_argument("--organizations", type=int)
    parser.add_argument("--interactions", type=int)
    parser.add_argument("--opportunities", type=int)
    parser.add_argument("--active", type=int, help="active opportunities")
    parser.add_argument("--tasks", type=int, help="open hand-made tasks")
    args = parser.parse_args(argv)
    names = ("people", "organizations", "interactions", "opportunities", "active", "tasks")
    for name, value in zip(names, SIZES[args.size], strict=True):
        if getattr(args, name) is None:
            setattr(args, name, value)
    _setup(args.home)
    generate(args)


if __name__ == "__main__":
    main()
