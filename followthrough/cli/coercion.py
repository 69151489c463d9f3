"""Text options and flags without pydantic: the command line's start-up, ~70 ms lighter.

Typer 0.29 converts each parameter's value through a pydantic ``TypeAdapter``,
which costs the import of pydantic plus a schema per parameter, for every
command. Most of ours are text (``str``, ``str | None``, ``list[str]``): for
those, ``use_light_coercion()`` puts in what Typer's own text adapter does
(``str()`` of the value; bytes decoded as Click decodes argv), and flags keep
the bool Click gives them, so pydantic is only loaded by a command that has a
number, a choice or a date-time option.
Every other parameter goes through Typer unchanged. Idempotent; with a Typer
that has no such hook it does nothing.
"""

from __future__ import annotations

from typing import Any, Optional

_TEXT = (str, str | None, Optional[str])  # noqa: UP045 - both spellings compare equal
_TEXT_LISTS = (list[str],)


def use_light_coercion() -> None:
    try:
        from typer import _coercion, core
    except ImportError:  # pragma: no cover - typer is a dependency
        return
    original = getattr(core, "build_runtime_param", None)
    base = getattr(_coercion, "RuntimeParam", None)
    if original is None or base is None or getattr(original, "_followthrough_light", False):
        return

    class TextParam(base):
        """A text value as Typer's ``_parse_cli_str`` makes it (a list of them for lists)."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation in _TEXT_LISTS:
                items = value if isinstance(value, list | tuple) else [value]
                return [_text(item) for item in items]
            return _text(value)

    class FlagParam(base):
        """A flag's value is a bool already; anything else goes through Typer's adapter."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if isinstance(value, bool):
                return value
            return original(self.descriptor)._coerce_value(value, param, ctx)

    def build_runtime_param(descriptor):
        info = descriptor.parameter_info
        annotation = descriptor.annotation
        if descriptor.file_annotation is not None or getattr(info, "parser", None) is not None:
            return original(descriptor)
        if annotation in _TEXT or annotation in _TEXT_LISTS:
            return TextParam(parameter_info=info, annotation=annotation)
        if annotation is bool:
            flag = FlagParam(parameter_info=info, annotation=annotation)
            object.__setattr__(flag, "descriptor", descriptor)  # a frozen dataclass
            return flag
        return original(descriptor)

    build_runtime_param._followthrough_light = True
    core.build_runtime_param = build_runtime_param


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        import sys

        try:
            return value.decode(sys.getfilesystemencoding())
        except UnicodeError:
            return value.decode("utf-8", "replace")
    return str(value)
