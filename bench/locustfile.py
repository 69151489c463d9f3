"""The job club load test's users, for locust (``bench/load.py`` runs it).

    locust -f bench/locustfile.py --headless -u 100 -r 20 -t 2m --host http://127.0.0.1:8010

A member opens Today, their people's pages and logs a conversation (the log
form, then its POST with the CSRF token); a leader opens the leader dashboard.
Each user is its own member of ``bench/members.py``'s club. When the server is
hosted (``GET /`` redirects to ``/accounts/login/``) it signs in through the
sign-in page (the first ``FOLLOWTHROUGH_LOAD_SIGN_INS``, 10), or brings the session
a sign-in leaves; every request carries what the TLS proxy in front would add
(``X-Forwarded-Proto``, a client address per user). In local mode, which has no
sign-in, each user brings a member's session cookie (so a thousand workspaces are
exercised, as in hosted mode), or with ``FOLLOWTHROUGH_LOAD_AS=owner`` every user
is the local owner (one workspace every user writes to: the worst case for its
agenda). Leaders exist in hosted mode only (the club's pages need accounts).

The manifest that ``bench/members.py`` wrote (``FOLLOWTHROUGH_LOAD_MANIFEST``)
gives the members, their password, their sessions and each group's leader and
dashboard path.
``FOLLOWTHROUGH_LOAD_WAIT`` is the think time between a user's clicks, in
seconds (``1,5``: one to five).

Every request names its endpoint (``/people/[id]/``), so locust's statistics
come per page, not per URL. What a user does once before the day's work (find
out the mode, sign in and see Today, list their people) is named ``setup: ...``:
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
        return {"members": [], "password": "", "sessions": {}, "groups": []}
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def _wait() -> tuple[float, float]:
    low, _, high = os.environ.get("FOLLOWTHROUGH_LOAD_WAIT", "1,5").partition(",")
    return float(low), float(high or low)


MANIFEST = _manifest()
AS_MEMBERS = os.environ.get("FOLLOWTHROUGH_LOAD_AS", "members") == "members"
# A sign-in costs the server a password hash that is slow on purpose (Argon2), and a
# member stays signed in for two weeks: in a run of minutes only a few sign in. The
# others bring the session a sign-in leaves (bench/members.py).
SIGN_INS = int(os.environ.get("FOLLOWTHROUGH_LOAD_SIGN_INS", "10"))
_sign_ins = itertools.count()
_next_user = itertools.count()
_next_member = itertools.count()
_next_group = itertools.count()
# Several app processes behind one proxy (the README's hosting): each user is sent to
# one of them, in turn, as a proxy's round robin keeps a visitor's connection.
SERVERS = [url for url in os.environ.get("FOLLOWTHROUGH_LOAD_SERVERS", "").split(",") if url]
_next_server = itertools.count()


class ClubUser(HttpUser):
    """What every user does first: sign in (hosted) or not (local), then find their people."""

    abstract = True
    wait_time = between(*_wait())

    def __init__(self, environment) -> None:
        if SERVERS:
            self.host = SERVERS[next(_next_server) % len(SERVERS)]
        super().__init__(environment)

    def on_start(self) -> None:
        self.people: list[str] = []
        self.behind_a_proxy(next(_next_user))
        if self.hosted():
            self.as_over_https()
            member = self.account()
            if next(_sign_ins) < SIGN_INS or not MANIFEST.get("sessions"):
                self.sign_in(member)
            else:
                self.use_session(member)
        elif AS_MEMBERS and MANIFEST.get("sessions"):
            self.use_session(self.account())
        self.find_people()

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

    # --- Hosted mode (followthrough.accounts: django-allauth behind a TLS proxy) --------

    def behind_a_proxy(self, n: int) -> None:
        """Send what the TLS proxy in front of a hosted server adds: the scheme and the
        client's address, one per user (allauth's rate limits count per address).
        A local server drops these headers (waitress) and ignores them (Django)."""
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.client.headers["X-Forwarded-For"] = f"10.14.{n // 250}.{n % 250 + 1}"

    def as_over_https(self) -> None:
        """The browser's side of https: the secure cookies go back (the proxy holds the
        TLS, so this hop is plain http, over which requests would not send them) and a form's POST
        names its https origin (Django's CSRF check of a secure request)."""
        send = self.client.request

        def request(*args, **kwargs):
            response = send(*args, **kwargs)
            for cookie in self.client.cookies:
                cookie.secure = False
            return response

        self.client.request = request
        self.client.headers["Origin"] = "https://" + self.host.split("://", 1)[1].rstrip("/")

    def sign_in(self, login: str) -> None:
        """allauth's sign-in form: ``login`` and ``password``, with its CSRF token; then
        Today, where the sign-in leads (a browser follows the redirect)."""
        page = self.client.get(LOGIN_PATH, name="setup: sign-in form")
        data = {"login": login, "password": MANIFEST["password"], **self.csrf(page.text)}
        with self.client.post(LOGIN_PATH, data=data, allow_redirects=False, name="setup: sign in",
                              catch_response=True) as response:  # fmt: skip
            location = response.headers.get("Location", "")
            if response.status_code != 302 or location.startswith("/accounts/"):
                response.failure(f"{login} could not sign in ({response.status_code} {location})")
                return
        self.visit("/", "setup: first Today")

    def use_session(self, member: str) -> None:
        """Bring the member's session (``bench/members.py``) instead of signing in."""
        self.client.cookies.set("sessionid", MANIFEST["sessions"][member])
        if self.client.headers.get("Origin"):  # hosted: the day's first Today, as above
            self.visit("/", "setup: first Today")

    # --- end of hosted mode ------------------------------------------------------------

    def visit(self, path: str, name: str):
        """GET a page; being sent to the sign-in page instead is a failure."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if LOGIN_PATH in response.url:
                response.failure("sent to the sign-in page: not signed in")
        return response

    def find_people(self) -> None:
        page = self.visit("/people/", "setup: /people/")
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
        self.visit("/", "Today")

    @task(3)
    def person(self) -> None:
        if self.people:
            self.visit(f"/people/{random.choice(self.people)}/", "/people/[id]/")

    @task(1)
    def log_a_conversation(self) -> None:
        """The log form for one of their people, then its POST: a redirect when logged."""
        if not self.people:
            return
        person = random.choice(self.people)
        form = self.visit(f"/log/?person={person}", "/log/ (form)")
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
    """A group's leader (hosted mode: the club's pages need accounts), checking on the class."""

    weight = 1

    def account(self) -> str:
        group = MANIFEST["groups"][next(_next_group) % len(MANIFEST["groups"])]
        self.dashboard_path = group["dashboard"]
        return group["leader"]

    @task(3)
    def dashboard(self) -> None:
        self.visit(self.dashboard_path, "leader dashboard")

    @task(1)
    def today(self) -> None:
        self.visit("/", "Today")


if not MANIFEST.get("groups"):
    Leader.abstract = True  # no groups: a local install (the club is hosted-only)


# Failures over the whole run, the ramp included: ``--reset-stats`` clears locust's own
# statistics once every user has started, and an error then must still fail the run.
FAILURES: dict[str, int] = {}


@events.request.add_listener
def _count_failure(name, exception=None, **_kwargs) -> None:
    if exception is not None:
        FAILURES[name] = FAILURES.get(name, 0) + 1


@events.quitting.add_listener
def _errors_fail_the_run(environment, **_kwargs) -> None:
    """Any failed request makes locust exit non-zero (``bench/load.py`` checks p95 too)
    and is written to ``FOLLOWTHROUGH_LOAD_FAILURES`` (JSON: endpoint -> count)."""
    path = os.environ.get("FOLLOWTHROUGH_LOAD_FAILURES", "")
    if path:
        with open(path, "w", encoding="utf-8") as file:
            json.dump(FAILURES, file)
    if FAILURES or environment.stats.total.num_failures:
        environment.process_exit_code = 1
