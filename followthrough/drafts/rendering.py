"""Render the seeker's templates safely: Jinja2's sandbox over a plain dict.

A template is text the user typed, so it runs in ``SandboxedEnvironment`` with
nothing but a dict of strings, numbers and booleans (``context.clean`` makes
sure of that): no model instance, no settings, no callables. Attribute access
the sandbox deems unsafe (``''.__class__``) is an error here, not an empty
string, so a template that tries it is refused with the line number.

A missing value renders as its placeholder (``[what you talked about]``) and is
false in an ``{% if %}``, so templates never fail on missing data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import ChainableUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SecurityError

from followthrough.tracker.services.errors import InputError

from . import bounds
from .defaults import placeholder

MAX_LENGTH = 10_000
"""Characters a subject or body template may have."""
_TEMPLATE_FILENAME = "<template>"


class Placeholder(ChainableUndefined):
    """A missing value: shows as ``[its placeholder]``, false in tests, empty in loops."""

    __slots__ = ()

    def __str__(self) -> str:
        return placeholder(self._undefined_name or "value")

    __html__ = __str__


class _Sandbox(bounds.BoundedSandbox):
    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        # The stock sandbox returns an undefined that prints as "": refuse loudly instead.
        raise SecurityError(
            f"{attribute!r} of a {type(obj).__name__} is not available in templates"
        )


ENVIRONMENT = _Sandbox(
    autoescape=False,
    undefined=Placeholder,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


class TemplateProblem(InputError):
    """A template that does not parse or does not render; says which part and which line."""

    def __init__(self, part: str, line: int | None, detail: str) -> None:
        where = f"{part}, line {line}" if line else part
        super().__init__(
            f"{where}: {detail}; fix the template or reset it to the default.", part
        )
        self.part = part
        self.line = line
        self.detail = detail


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def render(subject: str, body: str, context: dict[str, Any]) -> Rendered:
    """The subject (one line) and body (plain text) of a message; ``TemplateProblem`` if broken."""
    return Rendered(
        subject=tidy_subject(render_part("subject", subject, context)),
        body=tidy_body(render_part("body", body, context)),
    )


def check(subject: str, body: str, sample: dict[str, Any]) -> None:
    """Raise ``TemplateProblem`` unless both parts parse and render on ``sample``."""
    for part, source in (("subject", subject), ("body", body)):
        _check_size(part, source)
    render(subject, body, sample)


def check_part(part: str, source: str, sample: dict[str, Any]) -> None:
    """``check`` for one part alone (restore checks a row's columns one by one)."""
    _check_size(part, source)
    render_part(part, source, sample)


def _check_size(part: str, source: str) -> None:
    if not source.strip():
        raise InputError(f"{part} is empty: write some text, or reset to the default.", part)
    if len(source) > MAX_LENGTH:
        raise InputError(
            f"{part} is too long ({len(source)} characters): keep it under {MAX_LENGTH}.",
            part,
        )


def render_part(part: str, source: str, context: dict[str, Any]) -> str:
    """One part filled in, within ``bounds`` (output size, loop turns, work, wall time)."""
    with bounds.budget():
        try:
            template = ENVIRONMENT.from_string(source)
        except TemplateSyntaxError as error:
            raise TemplateProblem(part, error.lineno, error.message or "syntax error") from None
        except bounds.Overrun as error:  # a constant folded while parsing
            raise TemplateProblem(part, _line_of(error), _describe(error)) from None
        try:
            return bounds.render_bounded(template, context)
        except (TemplateError, SecurityError, ArithmeticError, TypeError, ValueError) as error:
            raise TemplateProblem(part, _line_of(error), _describe(error)) from None
        except RecursionError:
            raise TemplateProblem(part, None, "it calls itself without end") from None
        except MemoryError:
            raise TemplateProblem(part, None, "it needs too much memory") from None


def _line_of(error: BaseException) -> int | None:
    """The template line a render error came from (Jinja rewrites its traceback to say)."""
    line = getattr(error, "lineno", None)
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _TEMPLATE_FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _describe(error: BaseException) -> str:
    if isinstance(error, SecurityError):
        return f"not allowed: {error}"
    text = str(error) or type(error).__name__
    return text[:200]


def tidy_subject(text: str) -> str:
    return " ".join(text.split())[:300]


_BLANK_RUNS = re.compile(r"\n{3,}")


def tidy_body(text: str) -> str:
    """Plain text: no trailing spaces, at most one blank line in a row, one final newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip("\n") + "\n"
