"""Small display filters for the tracker's templates."""

from __future__ import annotations

from django import template

from ..models import Rule, Situation

register = template.Library()

_RULE_LABELS = {**dict(Rule.choices), Rule.MANUAL.value: "To do"}


@register.filter
def rule_label(rule: str) -> str:
    """The rule's name as a person reads it (``thank-you`` -> "Thank-you")."""
    return _RULE_LABELS.get(rule, rule)


@register.filter
def cadence(days: int | None) -> str:
    """ "every 30 days", with the everyday word when there is one."""
    if not days:
        return ""
    named = {
        7: "weekly",
        14: "every two weeks",
        30: "monthly",
        31: "monthly",
        90: "quarterly",
        91: "quarterly",
        182: "twice a year",
        365: "yearly",
    }
    text = "every day" if days == 1 else f"every {days} days"
    return f"{text} ({named[days]})" if days in named else text


_SITUATION_LABELS = dict(Situation.choices)


@register.filter
def situation_label(situation: str) -> str:
    """A situation as a person reads it (``hiring_manager`` -> "Hiring manager")."""
    return _SITUATION_LABELS.get(situation, situation)
