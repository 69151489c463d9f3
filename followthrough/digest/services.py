"""The daily digest: its settings, who is due, the claim, one pass of sending.

The clock and the mail connection come in as arguments (``now``,
``connection``), so the command, the settings page and the tests drive the
same code.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from followthrough.calendar_feed.services import item_path
from followthrough.tracker.services import tasks as task_service
from followthrough.tracker.services import validators
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.ids import ascii_digits
from followthrough.tracker.services.owners import owner_zone

from . import emails
from .models import DigestSettings

UPCOMING_DAYS = 7


@dataclass(frozen=True)
class Outcome:
    """What became of one owner's digest in a pass."""

    owner_id: int
    address: str
    day: dt.date
    sent: bool
    error: str = ""


# Settings ---------------------------------------------------------------------------------


def settings_for(owner) -> DigestSettings:
    """The owner's digest settings (off, 07:00, no address, until they choose)."""
    found, _ = DigestSettings.objects.get_or_create(owner=owner)
    return found


def parse_hour(value: str | int | None) -> int:
    text = str(value if value is not None else "").strip()
    if not ascii_digits(text) or not 0 <= int(text) <= 23:
        raise InputError(f"hour: {text!r} is not an hour; choose 0 to 23 (7 is 07:00).", "hour")
    return int(text)


@transaction.atomic
def update_settings(owner, *, enabled: bool, hour: str | int, address: str) -> DigestSettings:
    """Save the digest settings, all or nothing; an address is needed to turn it on."""
    hour = parse_hour(hour)
    address = (address or "").strip()
    if address:
        try:
            validators.check_email(address, "address")
        except InputError as error:
            raise InputError(f"{str(error).rstrip('.')}; check it for typos.", "address") from None
    elif enabled:
        raise InputError("address: give the email address the digest should go to.", "address")
    digest = settings_for(owner)
    digest.enabled, digest.hour, digest.address = enabled, hour, address
    digest.save(update_fields=["enabled", "hour", "address"])
    return digest


# Who is due -------------------------------------------------------------------------------


def local_day(digest: DigestSettings, now: dt.datetime) -> tuple[dt.date, int]:
    """The owner's calendar day and hour at ``now``, in their time zone.

    Computed from the instant each time, so a daylight-saving change moves the
    send with the clocks: 07:00 stays 07:00 local.
    """
    local = now.astimezone(owner_zone(digest.owner))
    return local.date(), local.hour


def is_due(digest: DigestSettings, now: dt.datetime) -> bool:
    """On, with an address, past the chosen local hour, and not sent yet today."""
    if not (digest.enabled and digest.address):
        return False
    day, hour = local_day(digest, now)
    return hour >= digest.hour and (digest.last_sent_on is None or digest.last_sent_on < day)


def _candidates():
    return (
        DigestSettings.objects.filter(enabled=True)
        .exclude(address="")
        .select_related("owner__workspace")
        .order_by("pk")
    )


def due(now: dt.datetime) -> list[DigestSettings]:
    """Every digest due at ``now`` (a read: nothing is claimed)."""
    return [digest for digest in _candidates() if is_due(digest, now)]


# The claim ---------------------------------------------------------------------------------

LEASE = dt.timedelta(minutes=5)
"""How long a claim holds: far longer than a send (the SMTP timeout is 15 s), so a
slow send is never doubled, and short enough that a killed pass costs minutes."""


def claim(digest: DigestSettings, day: dt.date, now: dt.datetime) -> bool:
    """Claim ``day``'s send for this owner until ``now + LEASE``; ``True`` for the winner.

    One conditional UPDATE, committed at once (or with its batch, ``claim_batch``):
    a second pass or worker finds the lease running and changes no row.
    ``last_sent_on`` is not touched here.
    """
    free = (
        Q(claimed_until__isnull=True)
        | Q(claimed_until__lte=now)
        | Q(claimed_on__isnull=True)
        | Q(claimed_on__lt=day)
    )
    claimed = (
        DigestSettings.objects.filter(pk=digest.pk, enabled=True)
        .filter(Q(last_sent_on__isnull=True) | Q(last_sent_on__lt=day))
        .filter(free)
        .update(claimed_on=day, claimed_until=now + LEASE)
    )
    return claimed == 1


BATCH = 10
"""How many due digests a worker claims in one transaction. Small, so that a batch
sent one by one (each send up to the 15 s SMTP timeout) stays well inside its
LEASE: 10 sends at their slowest take 150 s."""


def claim_batch(pks: list[int], now: dt.datetime) -> list[tuple[DigestSettings, dt.date]]:
    """Claim those of the digests ``pks`` still due at ``now``; the ``(digest, day)`` pairs won.

    One transaction. On PostgreSQL the rows are read with ``SELECT ... FOR UPDATE
    SKIP LOCKED``: a row another worker is claiming at that moment is skipped, not
    waited for, so two workers split a pass between them instead of queueing on the
    same rows; the rows are read again inside the lock, so one the other worker has
    claimed or sent since is left alone. SQLite has no row locks (Django leaves the
    clause out); its transactions take the write lock at the start
    (``transaction_mode`` IMMEDIATE), so batches run one at a time. Either way each
    claim is still ``claim``'s conditional UPDATE: the lease decides, the lock only
    spreads the work.
    """
    with transaction.atomic():
        rows = (
            _candidates()
            .filter(pk__in=pks)
            # Lock the digest rows only, not the owner and workspace joined in.
            .select_for_update(skip_locked=True, of=("self",))
        )
        claimed = []
        for digest in rows:
            day, _ = local_day(digest, now)
            if is_due(digest, now) and claim(digest, day, now):
                claimed.append((digest, day))
    return claimed


def mark_sent(digest: DigestSettings, day: dt.date) -> None:
    """The mail server accepted ``day``'s digest: it is sent, and the lease ends."""
    DigestSettings.objects.filter(pk=digest.pk).update(
        last_sent_on=day, claimed_on=None, claimed_until=None, last_error="", last_error_at=None
    )


def release(digest: DigestSettings, day: dt.date, error: str, now: dt.datetime) -> None:
    """Give back a claim whose send failed, so the next pass retries; note why."""
    DigestSettings.objects.filter(pk=digest.pk, claimed_on=day).update(
        claimed_on=None, claimed_until=None, last_error=error[:300], last_error_at=now
    )


# Sending ----------------------------------------------------------------------------------


def compose(digest: DigestSettings, day: dt.date, base_url: str) -> dict:
    """The digest's template context: the day's agenda, each item linked to its draft."""
    owner = digest.owner
    items = [
        {**item.as_json(), "url": base_url + item_path(item.id)}
        for item in task_service.agenda(owner, day)
    ]
    return {
        "day": day,
        "items": items,
        "upcoming": list(task_service.upcoming_tasks(owner, day, days=UPCOMING_DAYS)),
        "today_url": base_url + reverse("today"),
        "settings_url": base_url + reverse("digest-settings"),
        "hour": digest.hour,
        "time_zone": str(owner_zone(owner)),
    }


def describe(error: Exception) -> str:
    """One line for a failed send: what went wrong, in the server's or the system's words."""
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        return f"the mail server refused it ({error.smtp_code} {text.strip()})"
    if isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException):
        reason = error.strerror or str(error) or type(error).__name__
        return f"the mail server could not be reached ({reason})"
    return str(error) or type(error).__name__


def send_one(
    digest: DigestSettings, now: dt.datetime, *, connection=None, base_url: str | None = None
) -> Outcome | None:
    """Claim and send this owner's digest for their day at ``now``; ``None`` if not ours."""
    day, _ = local_day(digest, now)
    if not claim(digest, day, now):
        return None
    return deliver(digest, day, now, connection=connection, base_url=base_url)


def deliver(
    digest: DigestSettings,
    day: dt.date,
    now: dt.datetime,
    *,
    connection=None,
    base_url: str | None = None,
) -> Outcome:
    """Send ``day``'s digest, claimed by this worker; mark it sent, or release the claim."""
    base_url = base_url if base_url is not None else settings.FOLLOWTHROUGH_BASE_URL
    try:
        emails.digest(digest.address, compose(digest, day, base_url), connection=connection)
    except (smtplib.SMTPException, OSError) as error:
        reason = describe(error)
        release(digest, day, reason, now)
        return Outcome(digest.owner_id, digest.address, day, sent=False, error=reason)
    mark_sent(digest, day)
    return Outcome(digest.owner_id, digest.address, day, sent=True)


def send_due(now: dt.datetime, *, connection=None, base_url: str | None = None) -> list[Outcome]:
    """One pass: send every digest due at ``now``; a failure never stops the others.

    The due digests are claimed ``BATCH`` at a time (``claim_batch``), each batch
    sent before the next is claimed: two workers running passes at once share the
    work and never send a digest twice.
    """
    connection = connection or get_connection()
    pks = [digest.pk for digest in due(now)]
    outcomes = []
    for start in range(0, len(pks), BATCH):
        for digest, day in claim_batch(pks[start : start + BATCH], now):
            outcomes.append(deliver(digest, day, now, connection=connection, base_url=base_url))
    return outcomes


def send_test(owner, now: dt.datetime, *, connection=None, base_url: str | None = None) -> str:
    """Send today's digest now, to check the mail settings; claims nothing, marks nothing sent.

    Returns the address; raises ``InputError`` with one sentence when it cannot be sent.
    """
    digest = settings_for(owner)
    if not digest.address:
        raise InputError("address: save the address the digest should go to first.", "address")
    day, _ = local_day(digest, now)
    base_url = base_url if base_url is not None else settings.FOLLOWTHROUGH_BASE_URL
    try:
        emails.digest(digest.address, compose(digest, day, base_url), connection=connection)
    except (smtplib.SMTPException, OSError) as error:
        raise InputError(f"The test digest was not sent: {describe(error)}.") from None
    return digest.address
