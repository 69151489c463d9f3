"""Running ``followthrough`` in-process, as the CLI tests do."""

from __future__ import annotations

from typer.testing import CliRunner

from followthrough.cli.app import app


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def ok(*args: str) -> str:
    """The stdout of a command that must succeed, with nothing on stderr."""
    result = run(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


def failure(*args: str) -> str:
    """The stderr of a command that must fail with exit code 1 and one error line."""
    result = run(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    return result.stderr
