"""Docs that cannot go stale: the environment variables, the make targets, the CI command."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from followthrough import config

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
# Variables set for Django itself, not read as configuration.
DJANGO_OWN = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
CONFIG_READERS = {"env_str", "env_bool", "env_int"}


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def table_names(text: str) -> list[str]:
    return re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", text, re.M)


def environment_reads(path: Path) -> set[str | None]:
    """Names of environment variables the module reads; ``None`` for a name not written out."""
    names: set[str | None] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Subscript) and _is_environ(node.value):
            names.add(_literal(node.slice))
        elif isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "attr", getattr(func, "id", ""))
            reads_environ = isinstance(func, ast.Attribute) and _is_environ(func.value)
            if reads_environ or name == "getenv" or name in CONFIG_READERS:
                names.add(_literal(node.args[0]) if node.args else None)
    return names


def _is_environ(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ"
    )


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def python_files(folder: str) -> list[Path]:
    return sorted(p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts)


def test_every_environment_variable_is_in_the_readme_table():
    documented = table_names(section("Configuration"))

    assert sorted(documented) == sorted(config.ENVIRONMENT)


def test_every_environment_variable_the_code_reads_is_declared_in_config():
    undeclared = {}
    for path in python_files("followthrough"):
        names = environment_reads(path) - DJANGO_OWN
        if path.name == "config.py":
            names.discard(None)  # config's own readers take the name as an argument
        missing = {n for n in names if n not in config.ENVIRONMENT}
        if missing:
            undeclared[str(path.relative_to(ROOT))] = missing

    assert undeclared == {}, "declare these in followthrough.config.ENVIRONMENT (None: a name "
    "computed at run time; read variables through config.env_str with the name written out)"


def test_the_variables_the_tests_read_are_documented_for_developers():
    documented = set(table_names(section("Development")))
    read = set()
    for path in python_files("tests"):
        if path.name != "test_docs.py":  # which calls the reader with a made-up name
            read |= environment_reads(path)
    read -= DJANGO_OWN | set(config.ENVIRONMENT) | {None}

    assert read <= documented


def test_the_environment_reader_refuses_an_undeclared_name():
    with pytest.raises(AssertionError, match="ENVIRONMENT"):
        config.env_str("FOLLOWTHROUGH_NOT_A_SETTING")


def test_the_readme_gives_the_two_commands_first():
    first_blocks = re.findall(r"```sh\n(.*?)```", README, re.S)[:3]

    assert first_blocks[:3] == ["make run\n", "make run DEMO=1\n", "make test\n"]


def test_every_make_command_in_the_readme_is_a_makefile_target():
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), re.M))
    mentioned = set(re.findall(r"`make ([a-z][a-z-]*)|^make ([a-z][a-z-]*)", README, re.M))
    mentioned = {name for pair in mentioned for name in pair if name}

    assert mentioned
    assert mentioned <= targets


def test_ci_runs_exactly_the_readmes_test_command():
    commands = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]

    assert commands == ["make test"]
    assert "```sh\nmake test\n```" in README


def test_the_readme_points_to_the_cli_reference_and_the_screenshot():
    assert "](docs/cli.md)" in README
    assert "![The Today page](docs/today.png)" in README
    assert "## Performance" in README
