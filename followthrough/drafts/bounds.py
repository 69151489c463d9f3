"""Bounds on rendering a message template: output size, loop turns, work and wall time.

A template is text the seeker (or a restored backup) wrote. The sandbox keeps it
away from Python's internals; this module keeps it from pinning a server thread
or exhausting memory (``'a' * 10**8``, three nested ``range(1000)`` loops, a
macro that calls itself twice, a string doubled forty times).

How: every render runs under a ``Budget`` (``budget()``), and the sandbox reports
to it on every operation it can see:

- each loop turn (``{% for %}`` over anything, ``range`` itself bounded);
- each call, attribute, item, filter and intercepted operator (``* ** + % //``);
- each piece of text written out, in a buffer (macros, ``{% set %}`` blocks) too,
  and each string or list an operation produced, by its length;
- the clock, at each of those.

Arguments that would make one operation huge before it returns (a width of 10**8,
``'a' * 10**8``, ``10 ** 10**8``, ``'%100000000s'``) are refused before it runs.
Going over any bound raises ``Overrun``, which the renderer reports like any other
template error, with its line.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import string
import time
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2 import TemplateRuntimeError, nodes, pass_context
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace

MAX_OUTPUT = 50_000
"""Characters one rendered part (subject or body) may have."""
MAX_PRODUCED = 1_000_000
"""Characters (or list items) all operations of one render may produce together."""
MAX_TURNS = 10_000
"""Turns all the loops of one render may take together."""
MAX_STEPS = 200_000
"""Calls, look-ups, filters and operators one render may do."""
MAX_SECONDS = 2.0
"""Wall time one render may take."""
MAX_WIDTH = 1_000
"""Largest padding, width or repeat count an argument may ask for."""
MAX_POWER_BITS = 10_000
"""Largest whole number ``**`` may make, in bits."""

_TURNS_FILTER = "bounded_turns"


class Overrun(TemplateRuntimeError):
    """A template went over one of the bounds; the message says which."""


class Budget:
    __slots__ = ("deadline", "produced", "steps", "turns")

    def __init__(self) -> None:
        self.deadline = time.perf_counter() + MAX_SECONDS
        self.steps = 0
        self.turns = 0
        self.produced = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise Overrun(f"it does too much work (more than {MAX_STEPS:,} steps)")
        if time.perf_counter() > self.deadline:
            raise Overrun(f"it takes longer than {MAX_SECONDS:g} seconds to fill in")

    def turn(self) -> None:
        self.turns += 1
        if self.turns > MAX_TURNS:
            raise Overrun(f"its loops run more than {MAX_TURNS:,} times in all")
        self.step()

    def charge(self, value: Any) -> Any:
        """Count what an operation produced; refuse a value too big to be part of a message."""
        if isinstance(value, str | bytes | list | tuple | dict | set | frozenset):
            size = len(value)
            if size > MAX_OUTPUT:
                raise Overrun(
                    f"it builds a value of {size:,} characters or items (at most {MAX_OUTPUT:,})"
                )
            self.produced += size
            if self.produced > MAX_PRODUCED:
                raise Overrun(f"it builds more than {MAX_PRODUCED:,} characters in all")
        return value


_current: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "template_budget", default=None
)


@contextlib.contextmanager
def budget() -> Iterator[Budget]:
    """Run a render (parsing included) under a fresh budget."""
    token = _current.set(Budget())
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def _budget() -> Budget:
    found = _current.get()
    if found is None:
        # Rendered outside ``budget()`` (never in the app, which renders through
        # ``rendering.render_part``): each operation is bounded on its own.
        return Budget()
    return found


def _too_wide(what: str, value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and value > MAX_WIDTH:
        raise Overrun(f"{what} of {value:,} is too large (at most {MAX_WIDTH:,})")


def _size(value: Any) -> int:
    try:
        return len(value)
    except TypeError:
        return 0


# Format strings: '%100000000s' and '{:>100000000}' make a huge string from nothing.
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
_DIGITS = re.compile(r"\d+")


def check_percent_format(text: Any) -> None:
    if not isinstance(text, str):
        return
    for match in _PERCENT_SPEC.finditer(text):
        for group in match.groups():
            if group == "*":
                raise Overrun("a width taken from the arguments ('%*s') is not allowed")
            if group:
                _too_wide("a width", int(group))


def check_brace_format(text: Any) -> None:
    if not isinstance(text, str):
        return
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # the formatter itself reports it
    for _literal, _field, spec, _conversion in fields:
        if not spec:
            continue
        if "{" in spec:
            raise Overrun("a width taken from the arguments ('{:{}}') is not allowed")
        for digits in _DIGITS.findall(spec):
            _too_wide("a width", int(digits))


def check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    times = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    if len(text) + times * max(len(new) - len(old), 0) > MAX_OUTPUT:
        raise Overrun(f"replace would make more than {MAX_OUTPUT:,} characters")


def check_join(items: list, separator: Any) -> None:
    if len(separator if isinstance(separator, str) else "") * len(items) > MAX_OUTPUT:
        raise Overrun(f"join would make more than {MAX_OUTPUT:,} characters")


def check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if (
                isinstance(seq, str | list | tuple)
                and isinstance(times, int)
                and len(seq) * max(times, 0) > MAX_OUTPUT
            ):
                raise Overrun(
                    f"repeating {len(seq):,} characters or items {times:,} times is too much"
                    f" (at most {MAX_OUTPUT:,})"
                )
    elif operator == "**":
        if (
            isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and right * abs(left).bit_length() > MAX_POWER_BITS
        ):
            raise Overrun(f"{left} ** {right} is too large a number")
    elif operator == "+":
        if _size(left) + _size(right) > MAX_OUTPUT and not isinstance(left, int | float):
            raise Overrun(f"it builds a value of more than {MAX_OUTPUT:,} characters or items")
    elif operator == "%":
        check_percent_format(left)


# Methods a template may call on a string or a list, whose argument sets the size of
# what they make.
def check_method(obj: Any, args: tuple, kwargs: dict) -> None:
    # The sandbox hands out str.format wrapped (its safe formatter): look through it.
    method = getattr(obj, "__wrapped__", obj)
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    if isinstance(owner, str):
        if name in {"center", "ljust", "rjust", "zfill"} and args:
            _too_wide("a width", args[0])
        elif name == "expandtabs":
            size = args[0] if args else kwargs.get("tabsize", 8)
            if isinstance(size, int) and size > 100:
                raise Overrun(f"a tab size of {size:,} is too large (at most 100)")
        elif name in {"format", "format_map"}:
            check_brace_format(owner)
        elif name == "replace" and len(args) >= 2:
            check_replace(owner, args[0], args[1], args[2] if len(args) > 2 else -1)
        elif name == "join" and args:
            return  # checked on its result (the items are materialised by the call)
    elif isinstance(owner, list | dict | set):
        grows = {"append": 1, "insert": 1, "add": 1, "setdefault": 1}
        if name in grows or name in {"extend", "update"}:
            extra = grows.get(name) or (_size(args[0]) if args else len(kwargs))
            if len(owner) + extra > MAX_OUTPUT:
                raise Overrun(f"a list of more than {MAX_OUTPUT:,} items is too long")


# Filters whose arguments set the size of what they make.
def _filter_check(name: str, args: tuple, kwargs: dict) -> None:
    value = args[0] if args else None
    rest = args[1:]

    def arg(index: int, key: str, default: Any = None) -> Any:
        return rest[index] if len(rest) > index else kwargs.get(key, default)

    if name == "center":
        _too_wide("a width", arg(0, "width", 80))
    elif name == "indent":
        width = arg(0, "width", 4)
        _too_wide("an indent", len(width) if isinstance(width, str) else width)
    elif name == "wordwrap":
        wrap = arg(3, "wrapstring") or "\n"
        if isinstance(value, str) and len(value) * (1 + len(str(wrap))) > MAX_OUTPUT * 4:
            raise Overrun(f"wordwrap would make more than {MAX_OUTPUT:,} characters")
    elif name == "format":
        check_percent_format(value)
    elif name == "replace":
        check_replace(value, arg(0, "old"), arg(1, "new"), arg(2, "count", -1) or -1)
    elif name in {"batch", "slice"}:
        _too_wide("a count", arg(0, "linecount" if name == "batch" else "slices"))
    elif name == "tojson":
        indent = arg(0, "indent")
        if isinstance(indent, int) and indent > 16:
            raise Overrun(f"an indent of {indent:,} is too large (at most 16)")
    elif name == "truncate":
        end = arg(2, "end", "...")
        if isinstance(end, str) and len(end) > MAX_WIDTH:
            raise Overrun("the ending of truncate is too long")


def _bounded_filter(name: str, func: Any) -> Any:
    takes_first = getattr(func, "jinja_pass_arg", None) is not None

    @functools.wraps(func)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        spent = _budget()
        spent.step()
        plain = args[1:] if takes_first else args
        if name == "join" and plain and not isinstance(plain[0], str):
            items = list(plain[0])
            check_join(items, plain[1] if len(plain) > 1 else kwargs.get("d", ""))
            args = (*args[: len(args) - len(plain)], items, *plain[1:])
        else:
            _filter_check(name, plain, kwargs)
        return spent.charge(func(*args, **kwargs))

    return bounded


@pass_context
def _turns(context: Any, iterable: Any) -> Iterator[Any]:
    """Wraps the sequence of every ``{% for %}``: each turn is counted and timed."""
    spent = _budget()
    for item in iterable:
        spent.turn()
        yield item


def bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_TURNS:
        raise Overrun(f"range of {len(numbers):,} numbers is too long (at most {MAX_TURNS:,})")
    return numbers


class BoundedNamespace(Namespace):
    """``namespace()``: an attribute set in a loop cannot grow past the bounds."""

    def __setitem__(self, name: str, value: Any) -> None:
        _budget().charge(value)
        super().__setitem__(name, value)


class BoundedCodeGenerator(CodeGenerator):
    """Every piece of output and every ``~`` goes through the budget."""

    def _output_const_repr(self, group: Iterable[Any]) -> str:
        return f"environment.bounded_out({super()._output_const_repr(group)})"

    def _output_child_pre(self, node: nodes.Expr, frame: Any, finalize: Any) -> None:
        self.write("environment.bounded_out(")
        super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Any, finalize: Any) -> None:
        super()._output_child_post(node, frame, finalize)
        self.write(")")

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        self.write("environment.bounded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedSandbox(SandboxedEnvironment):
    """A sandbox whose renders stay within the bounds above (see the module's docstring)."""

    code_generator_class = BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals.pop("lipsum", None)
        self.globals["range"] = bounded_range
        self.globals["namespace"] = BoundedNamespace
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        self.filters[_TURNS_FILTER] = _turns

    # Parsing: every loop's sequence goes through ``_turns``.
    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(
                loop.iter, _TURNS_FILTER, [], [], None, None, lineno=loop.iter.lineno
            )
        tree.set_environment(self)
        return tree

    # What generated code calls.
    def bounded_out(self, value: Any) -> Any:
        spent = _budget()
        spent.step()
        return spent.charge(value)

    def bounded_concat(self, values: Iterable[Any]) -> str:
        spent = _budget()
        spent.step()
        parts = [str(v) for v in values]
        if sum(len(p) for p in parts) > MAX_OUTPUT:
            raise Overrun(f"it builds a value of more than {MAX_OUTPUT:,} characters")
        return spent.charge("".join(parts))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        spent = _budget()
        spent.step()
        check_binop(operator, left, right)
        return spent.charge(super().call_binop(context, operator, left, right))

    def getattr(self, obj: Any, attribute: str) -> Any:
        _budget().step()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _budget().step()
        return super().getitem(obj, argument)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        spent = _budget()
        spent.step()
        check_method(__obj, args, kwargs)
        return spent.charge(super().call(__context, __obj, *args, **kwargs))


def render_bounded(template: Any, context: dict[str, Any]) -> str:
    """``template`` filled in, refused (``Overrun``) past ``MAX_OUTPUT`` characters."""
    out: list[str] = []
    size = 0
    for piece in template.generate(context):
        size += len(piece)
        if size > MAX_OUTPUT:
            raise Overrun(f"it makes more than {MAX_OUTPUT:,} characters of text")
        out.append(piece)
    return "".join(out)
