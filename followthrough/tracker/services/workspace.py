"""The owner's settings: the etiquette rules' thresholds, the time zone, the mode.

The settings page and ``followthrough settings`` / ``followthrough mode`` call
these functions, so both validate alike and nothing is half-saved: every value
is checked before any is written.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from functools import cache

from django.db import transaction

from ..models import Mode, Workspace
from . import parsing
from .errors import InputError
from .owners import workspace_for


@dataclass(frozen=True)
class Threshold:
    """One of the rules' numbers: its field, how people and the CLI name it, its bounds."""

    field: str
    option: str
    label: str
    help: str
    default: int
    low: int
    high: int
    unit: str = "days"

    def amount(self, value: int) -> str:
        """ "7 days", "1 day", or the bare number for a count."""
        if not self.unit:
            return str(value)
        unit = self.unit[:-1] if value == 1 and self.unit.endswith("s") else self.unit
        return f"{value} {unit}"


THRESHOLDS: tuple[Threshold, ...] = (
    Threshold(
        "thank_you_days",
        "thank-you-days",
        "Thank-you window",
        "A thank-you note is due this many days after an interview.",
        1,
        0,
        14,
    ),
    Threshold(
        "nudge_after_days",
        "nudge-after",
        "Nudge after",
        "Quiet days after a message awaiting a reply before a nudge is due.",
        7,
        1,
        60,
    ),
    Threshold(
        "max_nudges",
        "max-nudges",
        "Nudges at most",
        "Unanswered nudges before the rules suggest letting go.",
        2,
        0,
        5,
        "",
    ),
    Threshold(
        "follow_up_business_days",
        "follow-up-after",
        "Follow up after",
        "Business days after an interview before one follow-up, when no decision date was stated.",
        10,
        1,
        60,
        "business days",
    ),
    Threshold(
        "let_go_after_days",
        "let-go-after",
        "Let go after",
        "Quiet days after the last allowed follow-up before the rules suggest letting go.",
        21,
        1,
        180,
    ),
    Threshold(
        "min_active_opportunities",
        "min-active",
        "Active opportunities, at least",
        "Fewer than this many active opportunities suggests networking to find more.",
        3,
        0,
        50,
        "",
    ),
    Threshold(
        "daily_outreach_goal",
        "daily-outreach",
        "Outreach a day, at least",
        "Outbound emails, messages, calls or meetings a day that keep the streak going.",
        1,
        1,
        50,
        "",
    ),
    Threshold(
        "default_cadence_days",
        "default-cadence",
        "Keep in touch by default",
        "Days between notes, just to connect, for the people who helped, the hiring side and "
        "recruiters you withdrew from, unless you set their own; 0 turns it off.",
        90,
        0,
        730,
    ),
)
BY_FIELD = {t.field: t for t in THRESHOLDS}

MODE_HELP = {
    Mode.SEARCHING: "The job-search rules are on: thank-yous, follow-ups, nudges, "
    "letting go, momentum, offer timing and the buddy summary.",
    Mode.LANDED: "You have landed: the job-search rules rest, while keep-in-touch, "
    "birthdays, give-first and the thanks to those who helped go on.",
}


@cache
def time_zones() -> tuple[str, ...]:
    """Every time zone name this system knows, sorted."""
    return tuple(sorted(zoneinfo.available_timezones()))


def clean_time_zone(value: str | None, field: str = "time_zone") -> str:
    text = (value or "").strip()
    if not text:
        raise InputError(f"{field} is required: pick a time zone such as Europe/Paris.", field)
    if text in time_zones():
        return text
    for name in time_zones():  # forgive the case: "europe/paris"
        if name.lower() == text.lower():
            return name
    raise InputError(
        f"{field}: {text!r} is not a time zone; use a name such as Europe/Paris or "
        "America/New_York.",
        field,
    )


def clean_threshold(threshold: Threshold, value, field: str | None = None) -> int:
    field = field or threshold.field
    text = "" if value is None else str(value).strip()
    if not text:
        raise InputError(f"{field} is required: write a whole number.", field)
    try:
        number = int(text)
    except ValueError:
        raise InputError(f"{field}: {text!r} is not a whole number.", field) from None
    if not threshold.low <= number <= threshold.high:
        raise InputError(
            f"{field}: write a whole number from {threshold.low} to {threshold.high}.", field
        )
    return number


@transaction.atomic
def update_settings(owner, changes: dict[str, object], *, fields: dict[str, str] | None = None):
    """Change some settings (``{field: value}``: thresholds, ``time_zone``, ``mode``).

    Every value is validated first; the first bad one raises an ``InputError``
    naming ``fields[name]`` (the form field or CLI option) and nothing is saved.
    Fields not named keep their values. Returns the workspace.
    """
    fields = fields or {}
    clean: dict[str, object] = {}
    for name, value in changes.items():
        label = fields.get(name, name)
        if name in BY_FIELD:
            clean[name] = clean_threshold(BY_FIELD[name], value, label)
        elif name == "time_zone":
            clean[name] = clean_time_zone(value, label)
        elif name == "mode":
            clean[name] = parsing.clean_choice(value, Mode, label)
        elif name == "year_end_greeting":
            clean[name] = _clean_switch(value, label)
        elif name == "buddy_name":
            clean[name] = _clean_buddy(value, label)
        else:
            raise InputError(f"{label}: there is no such setting.", label)
    workspace = workspace_for(owner)
    for name, value in clean.items():
        setattr(workspace, name, value)
    if clean:
        workspace.save(update_fields=list(clean))
    return workspace


def _clean_switch(value, field: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in ("", "0", "off", "no", "false"):
        return False
    if text in ("1", "on", "yes", "true"):
        return True
    raise InputError(f"{field}: write on or off.", field)


def _clean_buddy(value, field: str) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > 200:
        raise InputError(f"{field}: keep the name under 200 characters.", field)
    return text


def buddy_of(owner):
    """The search buddy: (name, person or None); ("", None) when none is named yet.

    A person tagged "buddy" is one; so is the name in Settings (and the person of
    that name, if they are in the network).
    """
    from django.db.models import Q

    from ..models import Person

    name = workspace_for(owner).buddy_name
    wanted = Q(tags__name__iexact="buddy") | Q(tags__name__iexact="search buddy")
    if name:
        wanted |= Q(name__iexact=name)
    person = Person.objects.filter(owner=owner).filter(wanted).order_by("id").first()
    return (person.name if person else name), person


def set_mode(owner, mode: str, field: str = "mode"):
    """Switch between searching and landed.

    ``landed_on`` is left alone: it remembers the acceptance that last switched
    the workspace, so a seeker who switches back to searching stays searching.
    """
    return update_settings(owner, {"mode": mode}, fields={"mode": field})


def is_landed(owner) -> bool:
    return workspace_for(owner).mode == Mode.LANDED


def settings_json(workspace: Workspace) -> dict:
    data: dict[str, object] = {"mode": workspace.mode, "time_zone": workspace.time_zone}
    for threshold in THRESHOLDS:
        data[threshold.field] = getattr(workspace, threshold.field)
    data["landed_on"] = workspace.landed_on.isoformat() if workspace.landed_on else None
    data["year_end_greeting"] = workspace.year_end_greeting
    data["buddy"] = workspace.buddy_name or None
    return data
