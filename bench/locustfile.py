"""The job club load test's users, for locust (``bench/load.py`` runs it).

    locust -f bench/locustfile.py --headless -u 100 -r 20 -t 2m --host http://127.0.0.1:8010

A member opens Today, their people's pages and logs a conversation (the log
form, then its POST with the CSRF token); a leader opens the leader dashboard.
Each user signs in as a member of ``bench/members.py``'s club when the server is
hosted (``GET /`` redirects to ``/accounts/login/``), one member per user: the
first ``FOLLOWTHROUGH_LOAD_SIGN_INS`` (25) through the sign-in page, the others
with the session a sign-in leaves (allauth's rate limit on sign-ins from one
address would refuse the rest when they all start in a few seconds). In
local mode there is no sign-in: each user brings a member's session cookie
made by ``bench/members.py`` (so a thousand workspaces are exercised, as in
hosted mode), or with ``FOLLOWTHROUGH_LOAD_AS=owner`` every user is the local
owner (one workspace that every user writes to: the worst case for its agenda).

The manifest that ``bench/members.py`` wrote (``FOLLOWTHROUGH_LOAD_MANIFEST``)
gives the members, their password and the leader dashboard's path; without a
dashboard (``followthrough.club`` not merged yet) there are no leaders.
``FOLLOWTHROUGH_LOAD_WAIT`` is the think time between a user's clicks, in
seconds (``1,5``: one to five).

Every request names its endpoint (``/people/[id]/``), so locust's statistics
come per page, not per URL. What a user does once before the day's work (find
out the mode, sign in, list their people) is named ``setup: ...``:
``bench/load.py`` reports it but holds only the day's work to the p95 target
(a sign-in hashes the password, slow on purpose); an error anywhere fails the run.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, events, task

LOGIN_PATH = "/accounts/login/"
PERSON_LINK = re.compile(r'href="/people/(\d+)/"')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUMMARIES = [
    "Load test: coffee chat about the team.",
    "Load test: asked about the hiring timeline.",
    "Load test: caught up.",
]


def _manifest() -> dict:
    path = os.environ.get("FOLLOWTHROUGH_LOAD_MANIFEST", "")
    if not path:
        return {"members": [], "password": "", "dashboard": None}
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def _wait() -> tuple[float, float]:
    low, _, high = os.environ.get("FOLLOWTHROUGH_LOAD_WAIT", "1,5").partition(",")
    return float(low), float(high or low)


MANIFEST = _manifest()
AS_MEMBERS = os.environ.get("FOLLOWTHROUGH_LOAD_AS", "members") == "members"
# allauth allows 30 sign-ins a minute from one address ("login": "30/m/ip"), and every
# user comes from 127.0.0.1: the first SIGN_INS users sign in through the pages, the
# others bring the session a sign-in would have left (bench/members.py).
SIGN_INS = int(os.environ.get("FOLLOWTHROUGH_LOAD_SIGN_INS", "25"))
_sign_ins = itertools.count()
_next_member = itertools.count()


class ClubUser(HttpUser):
    """What every user does first: sign in (hosted) or not (local), then find their people."""

    abstract = True
    wait_time = between(*_wait())

    def on_start(self) -> None:
        self.people: list[str] = []
        if self.hosted():
            member = self.account()
            if next(_sign_ins) < SIGN_INS or not MANIFEST.get("sessions"):
                self.sign_in(member)
            else:
                self.use_session(member)
        elif AS_MEMBERS and MANIFEST.get("sessions"):
            self.use_session(self.account())
        self.find_people()

    def use_session(self, member: str) -> None:
        """Local mode: bring the member's session (``bench/members.py``), not the owner's."""
        self.client.cookies.set("sessionid", MANIFEST["sessions"][member])

    def account(self) -> str:
        members = MANIFEST["members"]
        if not members:
            raise RuntimeError(
                "the server wants a sign-in but there are no members: "
                "set FOLLOWTHROUGH_LOAD_MANIFEST to bench/members.py's manifest"
            )
        return members[next(_next_member) % len(members)]

    def hosted(self) -> bool:
        """Hosted mode sends a visitor who is not signed in to the sign-in page."""
        with self.client.get("/", allow_redirects=False, name="setup: / (mode)",
                             catch_response=True) as response:  # fmt: skip
            location = response.headers.get("Location", "")
            if response.status_code in (301, 302) and LOGIN_PATH in location:
                response.success()
                return True
            if response.status_code != 200:
                response.failure(f"GET / answered {response.status_code}")
            return False

    # --- Hosted mode: waits on the accounts work (issue 14, django-allauth) -------------
    def sign_in(self, login: str) -> None:
        """allauth's sign-in form: ``login`` and ``password``, with its CSRF token."""
        page = self.client.get(LOGIN_PATH, name="setup: sign-in form")
        data = {"login": login, "password": MANIFEST["password"], **self.csrf(page.text)}
        with self.client.post(LOGIN_PATH, data=data, allow_redirects=False, name="setup: sign in",
                              catch_response=True) as response:  # fmt: skip
            if response.status_code != 302 or LOGIN_PATH in response.headers.get("Location", ""):
                response.failure(f"{login} could not sign in ({response.status_code})")

    # --- end of hosted mode ------------------------------------------------------------

    def find_people(self) -> None:
        page = self.client.get("/people/", name="setup: /people/")
        self.people = sorted(set(PERSON_LINK.findall(page.text)))

    @staticmethod
    def csrf(html: str) -> dict[str, str]:
        found = CSRF_INPUT.search(html)
        return {"csrfmiddlewaretoken": found.group(1)} if found else {}


class Member(ClubUser):
    """A club member on an ordinary day of their search."""

    weight = 19

    @task(4)
    def today(self) -> None:
        self.client.get("/", name="Today")

    @task(3)
    def person(self) -> None:
        if self.people:
            self.client.get(f"/people/{random.choice(self.people)}/", name="/people/[id]/")

    @task(1)
    def log_a_conversation(self) -> None:
        """The log form for one of their people, then its POST: a redirect when logged."""
        if not self.people:
            return
        person = random.choice(self.people)
        form = self.client.get(f"/log/?person={person}", name="/log/ (form)")
        data = {
            "kind": random.choice(["email", "call", "coffee", "message"]),
            "people": person,
            "direction": random.choice(["out", "in"]),
            "summary": random.choice(SUMMARIES),
            **self.csrf(form.text),
        }
        with self.client.post("/log/", data=data, allow_redirects=False, name="/log/ (POST)",
                              catch_response=True) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"not logged: {response.status_code} (the form came back)")


class Leader(ClubUser):
    """The group's leader, checking on the members."""

    weight = 1

    def account(self) -> str:
        return MANIFEST["members"][0]

    @task(3)
    def dashboard(self) -> None:
        self.client.get(MANIFEST["dashboard"], name="leader dashboard")

    @task(1)
    def today(self) -> None:
        self.client.get("/", name="Today")


if not MANIFEST.get("dashboard"):
    Leader.abstract = True  # no group to lead until followthrough.club is merged


@events.quitting.add_listener
def _errors_fail_the_run(environment, **_kwargs) -> None:
    """Any failed request makes locust exit non-zero (``bench/load.py`` checks p95 too)."""
    if environment.stats.total.num_failures:
        environment.process_exit_code = 1
