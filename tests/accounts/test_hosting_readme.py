"""The README's hosting script, run as written against the test PostgreSQL (the one
``scripts/test.sh`` starts): it makes the first account and starts two app processes on
one database, and a member signed in on one is signed in on the other (issue 14, point 1).

Skipped on the SQLite run: hosted mode refuses SQLite.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
HOST = "club.example.org"
PASSWORD = "the host's passphrase 1"

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="hosted mode runs on PostgreSQL only (the PostgreSQL run of scripts/test.sh)",
)


def hosting_script() -> str:
    section = README[README.index("## Hosting a job club"):README.index("## Configuration")]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def database():
    """A database of its own on the test server, dropped afterwards."""
    import psycopg

    base = os.environ["DATABASE_URL"]
    name = f"ft_hosting_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    parts = urlsplit(base)
    yield parts._replace(path=f"/{name}").geturl()
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class Browser:
    """Just enough of a browser behind the TLS proxy: the proxy's headers, cookies, CSRF."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, form: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {
            "Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.4",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            body = "&".join(f"{k}={_quote(v)}" for k, v in form.items())
            headers |= {"Content-Type": "application/x-www-form-urlencoded",
                        "Origin": f"https://{HOST}", "Referer": f"https://{HOST}{path}"}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        conn.close()
        location = response.getheader("Location", "")
        return response.status, location.replace(f"https://{HOST}", ""), text

    def get(self, port, path):
        return self.request(port, "GET", path)

    def post(self, port, path, form):
        return self.request(port, "POST", path, form)


def _quote(value: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(value)


def wait_for(port: int, process, output: list[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "".join(output)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"nothing listens on {port}: {''.join(output)}")


def test_the_readme_starts_two_app_processes_that_share_signed_in_members(database, tmp_path):
    script = hosting_script()
    port_a, port_b = free_port(), free_port()
    script = re.sub(r"(export DATABASE_URL=)\S+", rf"\g<1>{database}", script)
    script = script.replace("--port 8001", f"--port {port_a}")
    script = script.replace("--port 8002", f"--port {port_b}")
    assert script.count("followthrough serve") == 2 and database in script
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FOLLOWTHROUGH_"))}
    env |= {"FOLLOWTHROUGH_HOME": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    log = tmp_path / "out.log"
    with log.open("w") as out:
        process = subprocess.Popen(["bash", "-c", script + "wait\n"], cwd=ROOT, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        lines: list[str] = []
        wait_for(port_a, process, lines)
        wait_for(port_b, process, lines)
        text = log.read_text()
        assert "Added the account host@example.org." in text, text
        link = re.search(r"https://club\.example\.org(/accounts/password/reset/key/\S+)", text)
        assert link, text

        browser = Browser()
        # Set the password through the one-time link, on the first process.
        status, where, _ = browser.get(port_a, link.group(1))
        assert status == 302, (status, where)
        status, _, page = browser.get(port_a, where)
        assert 'name="password1"' in page
        status, _, _ = browser.post(port_a, where, {"password1": PASSWORD, "password2": PASSWORD})
        assert status == 302

        # Sign in on the first process...
        browser.cookies.pop("sessionid", None)
        browser.get(port_a, "/accounts/login/")
        status, where, _ = browser.post(port_a, "/accounts/login/",
                                        {"login": "host@example.org", "password": PASSWORD})
        assert (status, where) == (302, "/")
        status, _, page = browser.get(port_a, "/")
        assert status == 200 and 'aria-label="Main"' in page

        # ...and the second one knows the session: same member, same workspace.
        status, _, page = browser.get(port_b, "/settings/")
        assert status == 200, status
        assert "Signed in as host@example.org" in page

        # Signing out on the second signs out on the first.
        browser.post(port_b, "/accounts/logout/", {})
        status, where, _ = browser.get(port_a, "/")
        assert status == 302 and where.startswith("/accounts/login/")

        # Without the proxy's https, plain HTTP is sent to HTTPS.
        conn = http.client.HTTPConnection("127.0.0.1", port_a, timeout=30)
        conn.request("GET", "/accounts/login/", headers={"Host": HOST})
        response = conn.getresponse()
        assert response.status == 301
        assert response.getheader("Location") == f"https://{HOST}/accounts/login/"
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the script's shell and its two servers
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
