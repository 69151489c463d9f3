"""The job itself on an opportunity: place, salary, description, deadlines, tags.

Shared by the forms, the CLI (``opp add/edit``) and posting capture
(``services.postings``), so all three give the same one-line errors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Min, Q, QuerySet

from ..models import APPLIED_STAGES, Opportunity, SalaryUnit
from . import parsing
from .errors import InputError

MAX_SALARY = 100_000_000
"""No salary figure (in whole units of its currency) is larger: a typo guard."""

DESCRIPTION_LIMIT = 20_000
"""A posting's description is kept up to this many characters."""

_AMOUNT = re.compile(r"^\s*(\d+(?:[.,]\d{3})*(?:[.,]\d+)?)\s*([kK])?\s*$")
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


@dataclass
class JobFields:
    """What an opportunity says about the job; ``None`` leaves a field as it is."""

    location: str | None = None
    remote: bool | str | None = None
    salary_min: int | str | None = None
    salary_max: int | str | None = None
    salary_currency: str | None = None
    salary_unit: str | None = None
    description: str | None = None
    posted_on: str | dt.date | None = None
    apply_by: str | dt.date | None = None
    tags: str | list[str] | None = None


def parse_amount(value, field: str) -> int | None:
    """``90000``, ``90,000``, ``90 000``, ``90k`` or ``45.50`` to whole units; blank is None."""
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).replace("\u00a0", "").replace(" ", "")
        match = _AMOUNT.match(text)
        if not match:
            raise InputError(
                f"{field}: {value!r} is not an amount; type a number such as 85000 or 85k.", field
            )
        digits, thousands = match.groups()
        # "90,000" and "90.000" group thousands; "45.50" has cents.
        if re.fullmatch(r"\d+(?:[.,]\d{3})+", digits):
            digits = re.sub(r"[.,]", "", digits)
        number = float(digits.replace(",", "."))
        if thousands:
            number *= 1000
    if number < 0 or number > MAX_SALARY:
        raise InputError(f"{field}: {value!r} is out of range (0 to {MAX_SALARY:,}).", field)
    return int(number + 0.5)  # half up: 32.5 an hour is 33, not 32


def parse_bool(value, field: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in ("", "no", "n", "false", "0", "off"):
        return False
    if text in ("yes", "y", "true", "1", "on", "remote"):
        return True
    raise InputError(f"{field}: {value!r} is not yes or no.", field)


def clean_currency(value: str | None, field: str = "salary_currency") -> str:
    text = (value or "").strip()
    if not text:
        return ""
    if not _CURRENCY.match(text):
        raise InputError(
            f"{field}: {text!r} is not a currency code; use three letters such as EUR or USD.",
            field,
        )
    return text.upper()


def apply_job_fields(owner, opp: Opportunity, data: JobFields) -> list | None:
    """Set the given fields on ``opp`` (unsaved); returns the tags to set once saved, or None."""
    if data.location is not None:
        opp.location = parsing.clean_text(data.location, "location", 200)
    if data.remote is not None:
        opp.remote = parse_bool(data.remote, "remote")
    if data.salary_min is not None:
        opp.salary_min = parse_amount(data.salary_min, "salary_min")
    if data.salary_max is not None:
        opp.salary_max = parse_amount(data.salary_max, "salary_max")
    low, high = opp.salary_min, opp.salary_max
    if low is not None and high is not None and low > high:
        raise InputError(
            f"salary_max: {high:,} is below the minimum {low:,}; swap them.", "salary_max"
        )
    if data.salary_currency is not None:
        opp.salary_currency = clean_currency(data.salary_currency)
    if data.salary_unit is not None:
        opp.salary_unit = parsing.clean_choice(
            data.salary_unit, SalaryUnit, "salary_unit", default=""
        )
    if data.description is not None:
        opp.description = parsing.clean_text(data.description, "description", DESCRIPTION_LIMIT)
    if data.posted_on is not None:
        opp.posted_on = parsing.parse_date(data.posted_on, "posted_on")
    if data.apply_by is not None:
        opp.apply_by = parsing.parse_date(data.apply_by, "apply_by")
    if data.tags is None:
        return None
    from .people import tags_for

    return tags_for(owner, parsing.split_list(data.tags))


def with_applied_on(qs: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    """Annotate ``applied_on``: the first day the stage history reached an applied stage."""
    return qs.annotate(
        applied_on=Min("stage_changes__on", filter=Q(stage_changes__stage__in=APPLIED_STAGES))
    )


def applied_on(opp: Opportunity) -> dt.date | None:
    """The date applied, from the annotation when there is one, else from the history."""
    if hasattr(opp, "applied_on"):
        return opp.applied_on
    days = [c.on for c in opp.stage_changes.all() if c.stage in APPLIED_STAGES]
    return min(days, default=None)
