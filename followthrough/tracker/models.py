"""What Followthrough keeps, in DOMAIN.md's words.

Every row belongs to an owner (a Django user). Nothing here is looked up
without its owner: see ``followthrough.tracker.access``.

Dates that are dates (an interaction's day, a decision date, an offer deadline,
a task's due day) are ``DateField``s in the owner's calendar; instants
(``created_at``, ``completed_at``) are UTC datetimes.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

Owner = settings.AUTH_USER_MODEL


class Situation(models.TextChoices):
    EMPLOYED = "employed", "Employed"
    SEEKING = "seeking", "Seeking"
    RECRUITER = "recruiter", "Recruiter"
    HIRING_MANAGER = "hiring_manager", "Hiring manager"
    STUDENT = "student", "Student"
    SELF_EMPLOYED = "self_employed", "Self-employed"
    RETIRED = "retired", "Retired"
    UNKNOWN = "unknown", "Unknown"


class Stage(models.TextChoices):
    LEAD = "lead", "Lead"
    APPLIED = "applied", "Applied"
    SCREENING = "screening", "Screening"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    LET_GO = "let_go", "Let go"
    GHOSTED = "ghosted", "Ghosted"


ACTIVE_STAGES = frozenset(
    {Stage.LEAD, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER}
)
CLOSED_STAGES = frozenset(set(Stage) - ACTIVE_STAGES)
APPLIED_STAGES = frozenset(
    {Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED}
)
"""Stages that mean you applied: the first move to one of them dates the application."""


class SalaryUnit(models.TextChoices):
    """What a salary figure is paid per (schema.org's ``unitText``, lower case)."""

    YEAR = "year", "per year"
    MONTH = "month", "per month"
    WEEK = "week", "per week"
    DAY = "day", "per day"
    HOUR = "hour", "per hour"


class Source(models.TextChoices):
    POSTING = "posting", "Job posting"
    REFERRAL = "referral", "Referral"
    RECRUITER = "recruiter", "Recruiter"
    NETWORK = "network", "Networking"
    OTHER = "other", "Other"


class Kind(models.TextChoices):
    EMAIL = "email", "Email"
    CALL = "call", "Call"
    MEETING = "meeting", "Meeting"
    COFFEE = "coffee", "Coffee"
    INFORMATIONAL = "informational", "Informational interview"
    INTERVIEW = "interview", "Interview"
    MESSAGE = "message", "Message"
    NOTE = "note", "Note"


INTERVIEW_KINDS = frozenset({Kind.INTERVIEW, Kind.INFORMATIONAL})


class Direction(models.TextChoices):
    OUTBOUND = "out", "Outbound"
    INBOUND = "in", "Inbound"
    NONE = "", "Neither"


class Role(models.TextChoices):
    HIRING_MANAGER = "hiring_manager", "Hiring manager"
    INTERVIEWER = "interviewer", "Interviewer"
    RECRUITER = "recruiter", "Recruiter"
    REFERRER = "referrer", "Referrer"
    OTHER = "other", "Other"


class Rule(models.TextChoices):
    """DOMAIN.md's stable rule names; ``manual`` is a task made by hand."""

    MANUAL = "manual", "Manual"
    THANK_YOU = "thank-you", "Thank-you"
    DECISION_FOLLOW_UP = "decision-follow-up", "Decision follow-up"
    NUDGE = "nudge", "Nudge"
    LET_GO = "let-go", "Let go"
    MOMENTUM = "momentum", "Momentum"
    OFFER_TIMING = "offer-timing", "Offer timing"
    GIVE_FIRST = "give-first", "Give first"
    LANDED_THANKS = "landed-thanks", "Landed thanks"
    KEEP_IN_TOUCH = "keep-in-touch", "Keep in touch"
    BIRTHDAY = "birthday", "Birthday"
    BUDDY_SUMMARY = "buddy-summary", "Buddy summary"
    PREPARE = "prepare", "Prepare"
    APPLY_BY = "apply-by", "Apply by"


class TaskStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DISMISSED = "dismissed", "Dismissed"


class Mode(models.TextChoices):
    SEARCHING = "searching", "Searching"
    LANDED = "landed", "Landed"


class Workspace(models.Model):
    """One per owner: their preferences and the thresholds the etiquette rules use."""

    owner = models.OneToOneField(Owner, on_delete=models.CASCADE, related_name="workspace")
    time_zone = models.CharField(max_length=64, default="UTC")
    mode = models.CharField(max_length=16, choices=Mode.choices, default=Mode.SEARCHING)
    thank_you_days = models.PositiveSmallIntegerField(default=1)
    nudge_after_days = models.PositiveSmallIntegerField(default=7)
    max_nudges = models.PositiveSmallIntegerField(default=2)
    follow_up_business_days = models.PositiveSmallIntegerField(default=10)
    let_go_after_days = models.PositiveSmallIntegerField(default=21)
    min_active_opportunities = models.PositiveSmallIntegerField(default=3)
    daily_outreach_goal = models.PositiveSmallIntegerField(default=1)
    # The acceptance that last switched the workspace to landed mode: the engine
    # switches once per new acceptance, so a seeker who switches back stays back.
    landed_on = models.DateField(null=True, blank=True)
    # Keep in touch by default (rule 11): the hiring side, the people who helped and
    # recruiters one withdrew from get this cadence unless their own is set (0: off).
    default_cadence_days = models.PositiveSmallIntegerField(default=90)
    # An optional year-end greeting item for everyone with a cadence (off by default).
    year_end_greeting = models.BooleanField(default=False)
    # The search buddy (rule 12): a person's name (someone in the network, or not).
    buddy_name = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"Workspace of {self.owner}"


class OwnedQuerySet(models.QuerySet):
    def owned_by(self, owner) -> OwnedQuerySet:
        return self.filter(owner=owner)


class Owned(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True


class Tag(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=60)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("owner", Lower("name"), name="tag_name_unique_per_owner")
        ]

    def __str__(self) -> str:
        return self.name


class Organization(Owned):
    name = models.CharField(max_length=200)
    website = models.URLField(blank=True)
    notes = models.TextField(blank=True)
    culture_notes = models.TextField(blank=True, help_text="What you observed of the culture.")

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint("owner", Lower("name"), name="organization_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Person(Owned):
    name = models.CharField(max_length=200)
    emails = models.JSONField(default=list, blank=True)
    phones = models.JSONField(default=list, blank=True)
    linkedin_url = models.URLField(blank=True, max_length=400)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    title = models.CharField(max_length=200, blank=True)
    situation = models.CharField(
        max_length=20, choices=Situation.choices, default=Situation.UNKNOWN
    )
    how_met = models.CharField(max_length=300, blank=True)
    met_on = models.DateField(null=True, blank=True)
    introduced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="introduced"
    )
    # A birthday may have no year (LinkedIn, Google and Apple all allow it), so it
    # cannot be a DateField; month and day are set together or not at all.
    birthday_month = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_day = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_year = models.PositiveSmallIntegerField(null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")
    notes = models.TextField(blank=True)
    cadence_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Keep in touch every this many days."
    )

    class Meta:
        ordering = [Lower("name"), "id"]
        indexes = [
            models.Index("owner", Lower("name"), name="person_owner_name"),
            # The birthday rule asks for a handful of days of the year each morning.
            models.Index(
                fields=["owner", "birthday_month", "birthday_day"], name="person_owner_birthday"
            ),
            # Made for the old change marker (now database triggers, tracker.triggers); kept
            # so a rollback needs no migration.
            models.Index(fields=["owner", "updated_at"], name="person_owner_updated"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    @property
    def birthday_display(self) -> str:
        """``YYYY-MM-DD`` or ``--MM-DD`` (ISO 8601 without year), or ``""``."""
        if not (self.birthday_month and self.birthday_day):
            return ""
        if self.birthday_year:
            return f"{self.birthday_year:04d}-{self.birthday_month:02d}-{self.birthday_day:02d}"
        return f"--{self.birthday_month:02d}-{self.birthday_day:02d}"


class Opportunity(Owned):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="opportunities"
    )
    role = models.CharField(max_length=200)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.POSTING)
    referred_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.LEAD)
    stage_changed_on = models.DateField(null=True, blank=True)
    interest = models.PositiveSmallIntegerField(
        default=3, help_text="How much you want it, 1 (a little) to 5 (very much)."
    )
    decision_date = models.DateField(null=True, blank=True)
    offer_deadline = models.DateField(null=True, blank=True)
    posting_url = models.URLField(blank=True, max_length=500)
    notes = models.TextField(blank=True)
    # The job itself, typed or read from a saved posting (services.postings).
    location = models.CharField(max_length=200, blank=True)
    remote = models.BooleanField(default=False)
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True)
    salary_unit = models.CharField(max_length=8, choices=SalaryUnit.choices, blank=True)
    description = models.TextField(blank=True)
    posted_on = models.DateField(null=True, blank=True)
    apply_by = models.DateField(null=True, blank=True, help_text="The posting's deadline.")
    tags = models.ManyToManyField(Tag, blank=True, related_name="opportunities")
    people = models.ManyToManyField(
        Person, through="OpportunityPerson", related_name="opportunities", blank=True
    )

    class Meta:
        ordering = ["-interest", Lower("role"), "id"]
        verbose_name_plural = "opportunities"
        # The active ones (the sync's every time) without walking the closed ones.
        indexes = [models.Index(fields=["owner", "stage"], name="opportunity_owner_stage")]

    def __str__(self) -> str:
        return f"{self.role} at {self.organization.name}"

    @property
    def is_active(self) -> bool:
        return self.stage in ACTIVE_STAGES

    @property
    def salary_display(self) -> str:
        """``"90,000 to 110,000 EUR per year"``, or ``""`` when no figure is known."""
        low, high = self.salary_min, self.salary_max
        if low is None and high is None:
            return ""
        if low is not None and high is not None and low != high:
            figure = f"{low:,} to {high:,}"
        elif low is None:
            figure = f"up to {high:,}"
        else:
            figure = f"{low:,}" if high is not None else f"from {low:,}"
        parts = [figure, self.salary_currency]
        if self.salary_unit:
            parts.append(SalaryUnit(self.salary_unit).label)
        return " ".join(p for p in parts if p)

    @property
    def salary_short(self) -> str:
        """``"78k to 95k EUR/yr"`` written with a dash: the salary for a narrow cell or card."""
        low, high = self.salary_min, self.salary_max
        if low is None and high is None:
            return ""

        def short(amount: int) -> str:
            if amount >= 1000:
                return f"{amount / 1000:.1f}".rstrip("0").rstrip(".") + "k"
            return str(amount)

        if low is not None and high is not None and low != high:
            figure = f"{short(low)}\u2013{short(high)}"
        elif low is None:
            figure = f"\u2264{short(high)}"
        else:
            figure = short(low) if high is not None else f"{short(low)}+"
        unit = {"year": "/yr", "month": "/mo", "week": "/wk", "day": "/day", "hour": "/h"}
        return f"{figure} {self.salary_currency}".strip() + unit.get(self.salary_unit, "")

    @property
    def place_display(self) -> str:
        """Where the job is: ``"Lyon, France · remote"``, ``"Remote"`` or ``""``."""
        if self.remote:
            return f"{self.location} · remote" if self.location else "Remote"
        return self.location


class OpportunityPerson(models.Model):
    """A person involved in an opportunity, and how."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="involved")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="involvements")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.OTHER)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "opportunity", "person", "role", name="opportunity_person_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} as {self.role} in opportunity {self.opportunity_id}"


class StageChange(models.Model):
    """The history of an opportunity's stage: reports and summaries count from it."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="stage_changes"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices)
    on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} on {self.on}"


class Interaction(Owned):
    kind = models.CharField(max_length=20, choices=Kind.choices)
    occurred_on = models.DateField(help_text="The day it happened, in your calendar.")
    occurred_time = models.TimeField(
        null=True, blank=True, help_text="Local time, for interviews and meetings."
    )
    direction = models.CharField(
        max_length=3, choices=Direction.choices, default=Direction.OUTBOUND, blank=True
    )
    people = models.ManyToManyField(Person, related_name="interactions")
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    summary = models.TextField(blank=True)
    body = models.TextField(
        blank=True, help_text="The message as it was sent, when a draft was marked sent."
    )
    rapport_note = models.TextField(
        blank=True, help_text="What you connected on: it makes the thank-you personal."
    )
    awaiting_reply = models.BooleanField(default=False)
    asked = models.BooleanField(default=False, help_text="You asked them for something.")
    gave = models.BooleanField(default=False, help_text="You gave them something.")
    clear_no = models.BooleanField(default=False, help_text="They said no, clearly.")
    decision_date = models.DateField(
        null=True, blank=True, help_text="When the employer said they would decide."
    )

    class Meta:
        ordering = ["-occurred_on", "-occurred_time", "-id"]
        indexes = [
            models.Index(fields=["owner", "occurred_on"], name="interaction_owner_day"),
            models.Index(fields=["owner", "updated_at"], name="interaction_owner_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"


class RapportNote(models.Model):
    """What built rapport with one person in one interaction (a panel has one each).

    Each thank-you draft uses its own person's note, never another's.
    """

    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="rapport_notes"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="rapport_notes")
    note = models.TextField()

    class Meta:
        ordering = ["interaction", "id"]
        constraints = [
            models.UniqueConstraint(
                "interaction", "person", name="rapport_note_unique_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"Rapport with {self.person_id} in interaction {self.interaction_id}"


class Task(Owned):
    """Something to do on a day: made by hand (``manual``) or by a rule.

    A rule's task carries a stable ``key`` (the same facts give the same key), so
    marking it done, snoozing or dismissing it sticks and it never comes back.
    """

    rule = models.CharField(max_length=24, choices=Rule.choices, default=Rule.MANUAL)
    key = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=300)
    reason = models.CharField(max_length=500, blank=True)
    due = models.DateField()
    # Shown on Today from this day, before it is due (a thank-you from the
    # interview's own evening); null: from the due day.
    starts_on = models.DateField(null=True, blank=True)
    snoozed_until = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    completed_at = models.DateTimeField(null=True, blank=True)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )

    class Meta:
        ordering = ["due", "id"]
        constraints = [
            models.UniqueConstraint(
                "owner", "key", condition=~models.Q(key=""), name="task_key_unique_per_owner"
            )
        ]
        indexes = [
            models.Index(fields=["owner", "status", "due"], name="task_owner_status_due"),
            models.Index(fields=["owner", "updated_at"], name="task_owner_updated"),
            # The incremental sync reads the open tasks of the workspace rules.
            models.Index(fields=["owner", "status", "rule"], name="task_owner_status_rule"),
        ]

    def __str__(self) -> str:
        return self.title

    def shows_on(self) -> dt.date:
        """The day the task (re)appears: its due day, or the snooze date if later."""
        if self.snoozed_until and self.snoozed_until > self.due:
            return self.snoozed_until
        return self.due


class SyncState(models.Model):
    """One per owner: what the agenda's last sync covered (``tracker.sync_state``).

    ``change`` counts every write to what the rules read (people, interactions,
    opportunities and their people and stages, organizations, tasks, the
    workspace). Database triggers bump it in the writing transaction, whatever
    process writes and however (``save``, ``bulk_create``, ``update``, plain SQL),
    so Django code never writes it. The sync records the change it saw, the day
    and the engine it ran: a process that finds all three the same skips the sync.
    """

    owner = models.OneToOneField(
        Owner, on_delete=models.CASCADE, primary_key=True, related_name="sync_state"
    )
    change = models.BigIntegerField(default=0)
    synced_change = models.BigIntegerField(null=True, blank=True)
    synced_day = models.DateField(null=True, blank=True)
    synced_engine = models.CharField(max_length=40, blank=True)
    synced_at = models.DateTimeField(null=True, blank=True)
    # The owner's first day as the last sync saw it: if it moves, every due day may.
    synced_start = models.DateField(null=True, blank=True)
    # Whether the last sync was incremental (``engine.incremental``) or full.
    incremental = models.BooleanField(default=False)
    # The change from which the consumed ``SyncDirty`` rows tell every change (the
    # last full sync's, or when they were last cleared).
    kept_since = models.BigIntegerField(null=True, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Sync state of {self.owner_id}: change {self.change}"


class PersonFacts(models.Model):
    """What the rules read of a person's whole history, kept up to date on write.

    The last contact (the latest interaction that is not a note, whatever its
    date) and how often they helped (asked for something, or met: an
    informational interview, a coffee, a meeting, a call). Database triggers
    (``tracker.triggers``) keep them in the writing transaction, whoever writes
    (a log, an import, the mailbox, a merge, a restore, plain SQL), so reading
    them costs one row per person, not an aggregate over their interactions.
    Derived data: never backed up; ``followthrough sync --full`` recomputes them.
    """

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, primary_key=True, related_name="facts",
        db_constraint=False,
    )  # fmt: skip
    last_contact = models.DateField(null=True, blank=True)
    # How many interactions count as a help (an ask, a meeting): a count, not a flag,
    # so that one interaction less is a subtraction, not a pass over the history.
    helps = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"Facts of {self.person_id}: last contact {self.last_contact}"


class SyncDirty(models.Model):
    """What changed since the last sync, by person and opportunity (``engine.incremental``).

    Database triggers (``tracker.triggers``) add a row per person (``kind`` ``p``)
    or opportunity (``o``) that a write touches, in the writing transaction, once
    (the key is unique); a write the rows cannot describe (the workspace's
    settings, a migration) adds ``f``: the next sync is a full one. The sync
    reads them, re-evaluates only what they touch and marks them ``synced``. Derived
    data: never backed up. ``ref`` is a plain id, not a key: the person or
    opportunity may be gone.
    """

    PERSON, OPPORTUNITY, FULL = "p", "o", "f"

    owner = models.ForeignKey(
        Owner, on_delete=models.CASCADE, db_constraint=False, related_name="+"
    )
    kind = models.CharField(max_length=1)
    ref = models.BigIntegerField(default=0)
    # The change counter of the sync that consumed it; ``None``: not synced yet. The
    # rows consumed since the last full sync are kept a while: the forecast of
    # "Coming up" catches up from them (``engine.forecast``).
    synced = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "kind", "ref"], name="syncdirty_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}{self.ref} of {self.owner_id}"


# Capturing postings and the documents sent (issue 13) ----------------------------


def new_capture_token() -> str:
    """43 URL-safe characters (256 random bits): unguessable, and safe in a path."""
    import secrets

    return secrets.token_urlsafe(32)


class CaptureToken(models.Model):
    """One per owner: the secret in the bookmarklet's address.

    The bookmarklet posts a page from another site, where no CSRF token can be
    had; this token, known only to the owner's bookmarklet, takes its place for
    that one view. Regenerating it replaces it, so an old bookmarklet stops working.
    """

    owner = models.OneToOneField(Owner, on_delete=models.CASCADE, related_name="capture_token")
    token = models.CharField(max_length=64, unique=True, default=new_capture_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Capture token of {self.owner}"


class DocumentKind(models.TextChoices):
    RESUME = "resume", "Résumé"
    COVER_LETTER = "cover_letter", "Cover letter"
    OTHER = "other", "Other"


class Document(Owned):
    """A file sent with applications (a résumé, a cover letter), kept in the data folder.

    The file is stored once under its SHA-256 (``services.documents``), so the
    same résumé sent to ten employers is one document linked ten times.
    """

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    filename = models.CharField(max_length=255, help_text="The file's name when it was added.")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = [Lower("name"), "id"]
        constraints = [
            models.UniqueConstraint("owner", "sha256", name="document_file_unique_per_owner")
        ]

    def __str__(self) -> str:
        return self.name


class DocumentSent(models.Model):
    """A document sent with an application, and when."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="documents_sent"
    )
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sendings")
    sent_on = models.DateField()

    class Meta:
        ordering = ["sent_on", "id"]
        constraints = [
            models.UniqueConstraint(
                "opportunity", "document", name="document_sent_once_per_opportunity"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_id} sent for {self.opportunity_id} on {self.sent_on}"
