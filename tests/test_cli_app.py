"""The `followthrough` command as a whole: help, docs, errors, serve, demo, the executable."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from followthrough.cli import django_setup
from followthrough.cli.app import app, glue_yearless_dates
from followthrough.cli.serve import is_loopback, url_for
from followthrough.tracker.models import Interaction, Person

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "cli.md"


def run(*args: str, **kwargs):
    return CliRunner().invoke(app, list(args), **kwargs)


def commands(command=None, path=()):
    """Every (path, click command) in the tree, groups included."""
    command = command or typer.main.get_command(app)
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from commands(sub, (*path, name))


def leaves():
    return [(p, c) for p, c in commands() if p and not getattr(c, "commands", None)]


def doc_sections() -> dict[str, str]:
    """``docs/cli.md`` split by its ``### `followthrough ...``` headings."""
    parts = re.split(r"^### `followthrough ([a-z -]+)`$", DOCS.read_text(), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


# Help and docs that cannot go stale ------------------------------------------------


@pytest.mark.parametrize("path", [" ".join(p) for p, _ in commands()], ids=lambda p: p or "root")
def test_every_command_has_help_with_an_example(path):
    command = dict((" ".join(p), c) for p, c in commands())[path]
    help_text = command.help or ""
    assert re.search(rf"Example: followthrough {re.escape(path)}\b", help_text), help_text
    result = run(*path.split(), "--help")
    assert result.exit_code == 0
    assert f"Example: followthrough {path}".rstrip() in result.stdout


def test_every_command_and_option_is_documented():
    sections = doc_sections()
    for path, command in leaves():
        name = " ".join(path)
        assert name in sections, f"docs/cli.md has no section for `followthrough {name}`"
        for param in command.params:
            for option in [*param.opts, *param.secondary_opts]:
                if option.startswith("--") and option != "--help":
                    assert f"`{option}" in sections[name], f"{name}: {option} is not documented"


def test_the_docs_describe_no_command_that_does_not_exist():
    assert set(doc_sections()) == {" ".join(p) for p, _ in leaves()}


@pytest.mark.parametrize(
    "args", [["-h"], ["person", "-h"], ["log", "-h"], ["task", "snooze", "-h"]]
)
def test_dash_h_is_help(args):
    short, long = run(*args), run(*args[:-1], "--help")
    assert short.exit_code == 0
    assert short.stdout == long.stdout
    assert "Usage: followthrough" in short.stdout


@pytest.mark.parametrize("path", [" ".join(p) for p, _ in commands()], ids=lambda p: p or "root")
def test_help_shows_no_python_type_placeholders_and_nothing_after_a_flag(path):
    out = run(*path.split(), "--help").stdout
    assert not re.search(r"<(bool|str|int|float|Path)>", out), out
    assert not re.search(r"\{[a-z_]+\}", out.split("\n", 3)[1]), out  # usage: OPP_ID, not {opp_id}
    help_row = next(line for line in out.splitlines() if "--help" in line)
    assert re.search(r"--help\s+-h\s+Show this message and exit\.", help_row), help_row


def test_an_options_help_names_what_it_takes_and_a_flag_takes_nothing():
    out = run("opp", "move", "--help").stdout
    assert "Usage: followthrough opp move [OPTIONS] OPP_ID STAGE" in out
    assert re.search(r"--deadline\s+DATE\s+An offer's deadline", out)
    assert re.search(r"--json\s+Print JSON", out)
    assert re.search(r"opp_id\s+TEXT\s+The opportunity's id", out)


def test_every_command_in_the_top_level_help_is_one_short_line():
    for path, command in commands():
        if len(path) != 1:
            continue
        first = (command.help or "").strip().split("\n\n", 1)[0]
        assert "\n" not in first and len(first) <= 80, (path, first)
    listing = run("--help").stdout
    for name in ("summary", "report", "withdraw"):
        row = next(line for line in listing.splitlines() if f"│ {name} " in line)
        assert row.rstrip("│ ").endswith("."), row


def test_no_arguments_shows_the_help():
    result = run()
    assert "Usage: followthrough" in result.output
    assert "person" in result.output and "today" in result.output


def test_help_has_no_colour_codes_without_a_terminal():
    assert "\x1b[" not in run("log", "--help").stdout


def test_help_needs_no_database(monkeypatch):
    def no_database():
        raise AssertionError("help must not open the database")

    monkeypatch.setattr(django_setup, "owner", no_database)
    assert run("person", "add", "--help").exit_code == 0


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert re.fullmatch(r"followthrough \d+\.\d+\.\d+\S*\n", result.stdout)


# Errors ------------------------------------------------------------------------------


def test_a_usage_error_is_exit_code_2():
    result = run("person", "add")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_an_unusable_database_is_one_line(monkeypatch):
    from django.db import OperationalError

    def broken():
        raise OperationalError("unable to open database file")

    monkeypatch.setattr(django_setup, "owner", broken)
    result = run("today")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the database is not usable (unable to open database file);"
        " check FOLLOWTHROUGH_HOME or DATABASE_URL.\n"
    )


def test_a_locked_database_is_busy_not_unusable(monkeypatch):
    """Issue 10.5: another process writing is a reason to try again, not a broken database."""
    from django.db import OperationalError

    def locked():
        raise OperationalError("database is locked")

    monkeypatch.setattr(django_setup, "owner", locked)
    result = run("today")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the database is busy: another followthrough process is writing to it"
        " (an import, a restore, the web server); try again in a moment.\n"
    )
    assert "not usable" not in result.stderr


def test_a_bad_environment_variable_is_one_line(monkeypatch):
    monkeypatch.setenv("FOLLOWTHROUGH_PORT", "eighty")
    result = run("serve")
    assert result.exit_code == 1
    assert result.stderr == "error: FOLLOWTHROUGH_PORT='eighty' is not a whole number.\n"


def test_glue_yearless_dates():
    assert glue_yearless_dates(["person", "add", "Bo", "--birthday", "--03-04", "--json"]) == [
        "person", "add", "Bo", "--birthday=--03-04", "--json",
    ]  # fmt: skip
    assert glue_yearless_dates(["person", "add", "Bo", "--birthday", "1990-03-04"]) == [
        "person", "add", "Bo", "--birthday", "1990-03-04",
    ]  # fmt: skip
    assert glue_yearless_dates(["--birthday", "--json"]) == ["--birthday", "--json"]
    assert glue_yearless_dates(["--", "--birthday", "--03-04"]) == ["--", "--birthday", "--03-04"]


# serve ---------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.1.1", "::1", "[::1]", "localhost"])
def test_loopback_hosts(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.com", ""])
def test_other_hosts_are_not_loopback(host):
    assert not is_loopback(host)


def test_url_for():
    assert url_for("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert url_for("::1", 8010) == "http://[::1]:8010/"


def test_serve_refuses_a_public_address():
    result = run("serve", "--host", "0.0.0.0")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: --host: local mode has no login, so it serves this computer only"
        " (127.0.0.1, ::1 or localhost), not '0.0.0.0'.\n"
    )


def test_serve_refuses_a_public_address_from_the_environment(monkeypatch):
    monkeypatch.setenv("FOLLOWTHROUGH_HOST", "10.0.0.5")
    assert "not '10.0.0.5'" in run("serve").stderr


@pytest.mark.django_db
def test_serve_says_when_the_port_is_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: --port: cannot listen on 127.0.0.1:{port} (")
    assert result.stderr.endswith("); try another --port.\n")


# demo --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_fills_an_empty_workspace_once():
    result = run("demo")
    assert result.exit_code == 0, result.stderr
    made = re.match(r"Made a demo workspace: (\d+) people, (\d+) organizations", result.stdout)
    assert made and int(made[1]) == Person.objects.count() > 0
    assert Interaction.objects.exists()

    again = run("demo")
    assert again.exit_code == 1
    assert again.stderr.startswith("error: The workspace already has data (")
    assert again.stderr.count("\n") == 1

    forced = run("demo", "--force", "--json")
    assert forced.exit_code == 0
    assert json.loads(forced.stdout)["people"] == Person.objects.count()


# The installed executable, end to end --------------------------------------------------


def executable() -> str:
    found = shutil.which("followthrough", path=str(Path(sys.executable).parent))
    assert found, "the followthrough executable is not installed: run `pip install -e .`"
    return found


def fresh_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env["FOLLOWTHROUGH_HOME"] = str(tmp_path / "home")  # does not exist yet
    return env


def test_the_installed_command_works_in_a_fresh_data_folder(tmp_path):
    env = fresh_env(tmp_path)

    def cli(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [executable(), *args], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done

    ada = json.loads(cli("person", "add", "Ada Lovelace", "--birthday", "--12-10", "--json").stdout)
    assert ada["birthday"] == "--12-10"
    logged = json.loads(
        cli("log", "coffee", "--with", "Ada", "--rapport", "rowing", "--json").stdout
    )
    assert logged["people"] == [{"id": ada["id"], "name": "Ada Lovelace"}]
    task = json.loads(
        cli("task", "add", "Send Ada the article", "--person", "Ada", "--json").stdout
    )
    agenda = json.loads(cli("today", "--json").stdout)
    item = next(item for item in agenda if item["id"] == task["id"])
    assert item["rule"] == "manual"
    assert (item["person"], item["person_id"], item["opportunity_id"]) == (
        "Ada Lovelace", ada["id"], None,
    )  # fmt: skip
    assert {"id", "due", "rule", "person", "person_id", "opportunity_id", "reason"} <= set(item)
    assert (tmp_path / "home" / "followthrough.sqlite3").exists()

    failed = subprocess.run(
        [executable(), "log", "call", "--with", "Zed"], env=env, capture_output=True, text=True
    )
    assert failed.returncode == 1
    assert failed.stderr.startswith("error: --with: nobody called 'Zed' yet;")
    assert "Traceback" not in failed.stderr and failed.stdout == ""


def test_serve_runs_the_app_with_waitress(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [executable(), "serve", "--port", str(port)],
        env=fresh_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stdout.readline()
        assert (
            line
            == f"Followthrough is running at http://127.0.0.1:{port}/ (press Ctrl+C to stop).\n"
        )
        static = f"http://127.0.0.1:{port}/static/followthrough/vendor/htmx-2.0.11.min.js"
        with urllib.request.urlopen(static, timeout=30) as response:
            assert response.status == 200
            assert response.headers["Server"] == "waitress"
            assert b"htmx" in response.read(2000)
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stdout.close()
        server.stderr.close()
