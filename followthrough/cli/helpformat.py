"""How ``--help`` names what an option takes: classic words, and nothing for a flag.

Typer 0.29 (which carries its own copy of Click) labels every parameter with its
Python type in angle brackets: ``--json <bool>``, ``--help -h <bool>``,
``opp_id <str>``, and ``{opp_id}`` in the usage line. A flag takes no value, so
that reads as if ``--json`` wanted one; and ``<str>`` says nothing to a person.

``use_classic_help()`` brings back what Click and older Typer show: nothing
after a flag, the option's metavar when it has one (``DATE``, ``PERSON``),
else ``TEXT``, ``INTEGER``, ... and ``OPP_ID STAGE`` in the usage line. It is
idempotent and touches only help text (parsing and errors are unchanged); with
a Typer that has no such labels it does nothing.
"""

from __future__ import annotations

from typing import Any

_WORDS = {"str": "TEXT", "int": "INTEGER", "float": "FLOAT", "bool": "BOOLEAN"}


def _classic(param: Any, ctx: Any, typed) -> str | None:
    label = typed(param, ctx)
    if not isinstance(label, str):
        return label
    inner = label[1:-1] if label.startswith("<") and label.endswith(">") else label
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None and getattr(descriptor, "is_choice", False):
        return f"[{inner}]"
    return _WORDS.get(inner, inner.upper().replace(" ", "_"))


def use_classic_help() -> None:
    try:
        from typer import core
    except ImportError:  # pragma: no cover - typer is a dependency
        return
    option, argument = getattr(core, "TyperOption", None), getattr(core, "TyperArgument", None)
    if option is None or argument is None or not hasattr(option, "display_type_rich"):
        return
    if getattr(option, "_followthrough_classic", False):
        return
    typed = getattr(core._TyperParameter, "display_type", None)
    if typed is None:
        return

    def option_type(self, ctx):
        if self.metavar is not None:
            return self.metavar
        if getattr(self, "is_flag", False) or getattr(self, "count", False):
            return None  # a flag takes no value: show none
        word = _classic(self, ctx, typed)
        return f"{word}..." if word and self.nargs != 1 else word

    def argument_type(self, ctx):
        if self.metavar is not None:
            return None  # the name column shows the metavar already
        return _classic(self, ctx, typed)

    def usage_name(self) -> str:
        name = self.metavar if self.metavar is not None else self.name.upper()
        name = name if self.required else f"[{name}]"
        return f"{name}..." if self.nargs != 1 else name

    option.display_type_rich = option_type
    argument.display_type_rich = argument_type
    if hasattr(argument, "_usage_display_name"):
        argument._usage_display_name = usage_name
    option._followthrough_classic = True
