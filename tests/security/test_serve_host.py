"""Issue 10, point 15: ``serve --host`` takes any loopback address as written.

``"127.0.0.1 "`` (a space pasted along) crashed with a traceback; ``127.0.0.2``
started, then answered every request with 400 (the name was not an allowed host).
Both now serve. Each runs the real executable and asks it for a page.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from followthrough.cli.serve import is_loopback
from tests.cli_helpers import run


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def served(tmp_path, host_option: str, connect: str) -> tuple[int, str, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env["FOLLOWTHROUGH_HOME"] = str(tmp_path / "home")
    server = subprocess.Popen(
        [sys.executable, "-c", "from followthrough.cli import main; main()",
         "serve", "--host", host_option, "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://{connect}:{port}/", timeout=5) as answer:
                    return answer.status, answer.read().decode(), ""
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode(), ""
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    out, err = server.communicate(timeout=5)
                    return -1, out, err
                time.sleep(0.3)
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)


@pytest.mark.parametrize(
    ("option", "connect"), [("127.0.0.1 ", "127.0.0.1"), ("127.0.0.2", "127.0.0.2")]
)
def test_serve_answers_on_any_loopback_address_as_written(tmp_path, option, connect):
    status, body, err = served(tmp_path, option, connect)
    assert "Traceback" not in err
    assert status == 200, (status, body[:300], err[-2000:])
    assert "Followthrough" in body


@pytest.mark.parametrize("host", [" 127.0.0.1", "127.0.0.1\t", " localhost ", " [::1] "])
def test_spaces_around_a_loopback_host_are_forgiven(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["", "   ", "127.0.0.1 8000", "127.0.0.1:8000"])
def test_a_host_that_is_not_an_address_is_one_clear_line(host):
    result = run("serve", "--host", host)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: --host: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_a_port_written_into_the_host_is_pointed_to_port():
    result = run("serve", "--host", "127.0.0.1:8010")
    assert (
        result.stderr == "error: --host: give the port on its own: --host 127.0.0.1 --port 8010.\n"
    )
