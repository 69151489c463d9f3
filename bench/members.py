"""Generate a job club: N members, each with a small realistic workspace, for the load test.

    FOLLOWTHROUGH_HOME=/tmp/club .venv/bin/python bench/members.py --members 1000
    DATABASE_URL=postgres://... .venv/bin/python bench/members.py --members 1000 --home /tmp/club

Member n signs in as ``member0001@club.test`` (username and email) with the
password ``--password`` (hashed once, the same hash copied to every member), and
owns a workspace made by ``bench/generate.py``'s builders at a small size: by
default 60 people in 10 organizations, 400 interactions over five years, 20
opportunities (5 active) and 30 open tasks. The local owner of a local install
gets a workspace of the same size, so the load test has data to look at when the
server runs in local mode (no sign-in). Everything goes in with ``bulk_create``,
members a chunk at a time; the same seed gives the same club.

In hosted mode (``FOLLOWTHROUGH_HOSTED=1``) each member's address is verified
(allauth) and the members are put in job club groups of 20 (``make_club``), each
led by its first member. It writes a manifest (``--manifest``, JSON) for
``bench/locustfile.py``: the members' addresses, the password, a signed-in
session per member (``make_sessions``) and each group's leader and dashboard.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

try:
    from bench import generate as gen
except ModuleNotFoundError:  # run as a script: bench/ itself is on sys.path
    import generate as gen

CHUNK = 50
"""Members whose rows go in together: big enough batches, bounded memory."""
PASSWORD = "club-load-test"
"""The members' password: a throwaway server's test accounts, never a real one."""


def address(n: int) -> str:
    return f"member{n:04d}@club.test"


def make_members(count: int, password: str) -> list:
    """``count`` members with a workspace each; the password is hashed once and copied."""
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from followthrough.tracker.models import Workspace

    user_model = get_user_model()
    if user_model.objects.filter(username=address(1)).exists():
        sys.exit("members: this database already has the members; use an empty one.")
    hashed = make_password(password)
    users = user_model.objects.bulk_create(
        [
            user_model(username=address(n), email=address(n), password=hashed)
            for n in range(1, count + 1)
        ],
        batch_size=gen.BATCH,
    )
    Workspace.objects.bulk_create(
        [Workspace(owner=u, time_zone=settings.FOLLOWTHROUGH_TIME_ZONE) for u in users],
        batch_size=gen.BATCH,
    )
    # Hosted mode signs in by a verified address only (allauth, mandatory verification).
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=gen.BATCH,
    )
    return users


def make_sessions(members: list) -> dict[str, str]:
    """A signed-in session per member, as a sign-in would leave: ``{address: session key}``.

    For local mode, which has no sign-in: the local server signs in the local owner
    only when a request has no session, so a user who brings a member's session
    cookie works in that member's workspace. This lets the load test exercise a
    thousand workspaces, each with its own agenda, in local mode too; in hosted
    mode the locustfile signs in through the real pages (``--sign-ins`` of them).
    """
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    store = SessionStore()
    expires = timezone.now() + dt.timedelta(days=1)
    sessions, keys = [], {}
    for member in members:
        key = store._get_new_session_key()
        data = {
            SESSION_KEY: str(member.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: member.get_session_auth_hash(),
        }
        sessions.append(Session(session_key=key, session_data=store.encode(data),
                                expire_date=expires))  # fmt: skip
        keys[member.username] = key
    Session.objects.bulk_create(sessions, batch_size=gen.BATCH)
    return keys


def fill(owners: list, args, seed: int) -> None:
    """A small workspace for each owner, all of them in one set of bulk inserts."""
    from followthrough.tracker import models as m

    today = args.today
    start = today - dt.timedelta(days=5 * 365)
    members = [(owner, random.Random(seed * 1_000_003 + owner.pk)) for owner in owners]
    orgs = m.Organization.objects.bulk_create(
        [org for owner, _ in members for org in gen._organizations(m, owner, args.organizations)],
        batch_size=gen.BATCH,
    )
    orgs_of = _by_owner(orgs)
    people = [
        gen._people(rng, m, owner, orgs_of[owner.pk], args.people, start, today)
        for owner, rng in members
    ]
    circles = [gen._circle(rng, group) for (_, rng), group in zip(members, people, strict=True)]
    saved = m.Person.objects.bulk_create([p for group in people for p in group], gen.BATCH)
    people_of = _by_owner(saved)

    opps, links, changes = [], [], []
    for owner, rng in members:
        made = gen._opportunities(rng, m, owner, orgs_of[owner.pk], people_of[owner.pk], start,
                                  today, args)  # fmt: skip
        for link in made[1] + made[2]:
            link.opportunity_index += len(opps)
        opps += made[0]
        links += made[1]
        changes += made[2]
    opps_of = _by_owner(gen._save_opportunities(m, opps, links, changes))

    made = []
    for (owner, rng), circle in zip(members, circles, strict=True):
        for day in gen._interaction_days(rng, args.interactions, start, today):
            made.append(
                gen._interaction(rng, m, owner, day, opps_of[owner.pk], people_of[owner.pk],
                                 circle)
            )  # fmt: skip
    gen._save_interactions(m, made)
    tasks = [
        task
        for owner, rng in members
        for task in gen._tasks(rng, m, owner, people_of[owner.pk], args.tasks, today)
    ]
    m.Task.objects.bulk_create(tasks, batch_size=gen.BATCH)


def _by_owner(rows: list) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(row.owner_id, []).append(row)
    return grouped


GROUP_SIZE = 20
"""Members per group (a class): the first leads it, the others are paired as buddies."""


def make_club(members: list, today: dt.date) -> list[dict[str, str]]:
    """The members in groups of ``GROUP_SIZE``, as ``followthrough.club`` makes them.

    The first member of each group leads it; the others join by the group's link,
    are paired as buddies by the leader, and two in three share their week with
    the leader (consent), so the leader's dashboard has something to show. Returns
    each group's leader and dashboard path. The club is hosted-only (its pages are
    a 404 on a local install), so a local-mode run makes no groups.
    """
    from django.conf import settings
    from django.urls import reverse

    from followthrough.club.models import Consent
    from followthrough.club.services import buddies, groups

    if not settings.FOLLOWTHROUGH_HOSTED:
        return []
    made = []
    for first in range(0, len(members), GROUP_SIZE):
        leader, *rest = members[first : first + GROUP_SIZE]
        group = groups.create_group(
            leader, name=f"Job club, class {first // GROUP_SIZE + 1}",
            starts_on=today - dt.timedelta(days=15), weeks=8,
        )  # fmt: skip
        joined = [groups.join(member, group.token) for member in rest]
        for one, other in zip(joined[0::2], joined[1::2], strict=False):
            buddies.pair(one, other, by_leader=True)
        Consent.objects.bulk_create(
            Consent(membership=m, audience="leader", topic="week")
            for n, m in enumerate(joined) if n % 3 != 2
        )  # fmt: skip
        made.append({"leader": leader.username,
                     "dashboard": reverse("club-dashboard", args=[group.pk])})  # fmt: skip
    return made




def generate(args) -> dict:
    from django.conf import settings
    from django.db import transaction

    from followthrough.tracker import models as m
    from followthrough.tracker.services.owners import local_owner

    clock = time.perf_counter()
    with transaction.atomic():
        members = make_members(args.members, args.password)
        print(f"members: {len(members):,} ({time.perf_counter() - clock:.1f}s)")
        # The local owner is local mode's (hosted mode has none).
        local = args.local_owner and not settings.FOLLOWTHROUGH_HOSTED
        owners = [local_owner(), *members] if local else members
        with gen.keep_created_at(m.Person, m.Opportunity, m.Interaction, m.Task):
            for first in range(0, len(owners), CHUNK):
                fill(owners[first : first + CHUNK], args, args.seed)
                done = min(first + CHUNK, len(owners))
                print(f"workspaces: {done:,} of {len(owners):,}"
                      f" ({time.perf_counter() - clock:.1f}s)")  # fmt: skip
        club = make_club(members, args.today)
        print(f"groups: {len(club)} ({time.perf_counter() - clock:.1f}s)")
        sessions = make_sessions(members)
    return {
        "members": [member.username for member in members],
        "password": args.password,
        "sessions": sessions,
        "groups": club,
        "today": args.today.isoformat(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", help="the FOLLOWTHROUGH_HOME to fill (default: the env var)")
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--password", default=PASSWORD)
    parser.add_argument("--manifest", type=Path, help="where to write the manifest (JSON)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--organizations", type=int, default=10)
    parser.add_argument("--interactions", type=int, default=400)
    parser.add_argument("--opportunities", type=int, default=20)
    parser.add_argument("--active", type=int, default=5, help="active opportunities")
    parser.add_argument("--tasks", type=int, default=30, help="open hand-made tasks")
    parser.add_argument(
        "--no-local-owner", dest="local_owner", action="store_false",
        help="leave the local owner's workspace empty",
    )  # fmt: skip
    args = parser.parse_args(argv)
    gen._setup(args.home)
    manifest = generate(args)
    if args.manifest:
        args.manifest.write_text(json.dumps(manifest, indent=1) + "\n")


if __name__ == "__main__":
    main()
