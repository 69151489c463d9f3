"""The one list of what a backup holds: every table that belongs to an owner.

Each ``Section`` names a key of the backup file and the model behind it; its
columns are read from the model's own fields, so a field added by a migration
is exported and restored without touching this module. A new owned model (in
any app) needs one line in ``SECTIONS``, after the sections it refers to:
restore reads the file from top to bottom and maps every reference to a row
it has already made.

References are the ids of the exporting database; restore gives each row a
new id and rewrites the references (foreign keys and many-to-many lists) to
match, so a backup restores into any owner of any database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.conf import settings
from django.db import models

SCHEMA_VERSION = 1
FORMAT = "followthrough-backup"

# Kinds of column, as the file writes them: dates and times as ISO 8601 text.
STR, INT, FLOAT, BOOL, DATE, TIME, DATETIME, JSON, REF = (
    "str", "int", "float", "bool", "date", "time", "datetime", "json", "ref",
)  # fmt: skip


@dataclass(frozen=True)
class Column:
    """One field of a row: its key in the file, how it is written, what it may hold."""

    name: str
    field: models.Field
    kind: str
    ref: str | None = None  # the section a reference points into
    choices: frozenset | None = None

    @property
    def attname(self) -> str:
        return self.field.attname

    @property
    def nullable(self) -> bool:
        return self.field.null

    @property
    def max_length(self) -> int | None:
        return getattr(self.field, "max_length", None) if self.kind == STR else None


@dataclass(frozen=True)
class ManyColumn:
    """A many-to-many field, written as the list of the related rows' ids."""

    name: str
    field: models.ManyToManyField
    ref: str

    @cached_property
    def through(self) -> type[models.Model]:
        return self.field.remote_field.through

    @cached_property
    def source(self) -> str:
        """The through table's column naming this section's row, e.g. ``interaction_id``."""
        return self.through._meta.get_field(self.field.m2m_field_name()).attname

    @cached_property
    def target(self) -> str:
        """The through table's column naming the related row, e.g. ``person_id``."""
        return self.through._meta.get_field(self.field.m2m_reverse_field_name()).attname


@dataclass(frozen=True)
class Section:
    """One owned table: ``name`` in the file, the ``model``, how its rows reach their owner.

    ``owner_path`` is the lookup from a row to its owner (``"owner"``, or
    ``"opportunity__owner"`` for a table owned through another); ``single`` is
    for the one-row-per-owner workspace, written as an object rather than a list.
    ``checks`` maps a column to a function that cleans its value (or raises
    ``InputError``); ``row_checks`` see the whole row (``{attname: value}``) for
    rules across columns, raising ``InputError`` whose ``field`` names the
    column; ``string_lists`` are JSON columns that hold lists of text. The
    checks are the ones the forms and the CLI use (``tracker.services.validators``
    and each app's services), so a restored value is one the app could have saved.
    """

    name: str
    model_label: str
    owner_path: str = "owner"
    single: bool = False
    many: tuple[str, ...] = ()
    checks: dict[str, Callable] = field(default_factory=dict)
    row_checks: tuple[Callable, ...] = ()
    string_lists: tuple[str, ...] = ()

    @cached_property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def owned_directly(self) -> bool:
        return self.owner_path == "owner"

    def queryset(self, owner) -> models.QuerySet:
        return self.model._base_manager.filter(**{self.owner_path: owner})

    @cached_property
    def columns(self) -> list[Column]:
        """The row's fields in model order: no id, no owner (restore sets both)."""
        columns = []
        for f in self.model._meta.concrete_fields:
            if f.primary_key or (self._is_owner(f)):
                continue
            columns.append(_column(f))
        return columns

    @cached_property
    def many_columns(self) -> list[ManyColumn]:
        result = []
        for name in self.many:
            f = self.model._meta.get_field(name)
            result.append(ManyColumn(name, f, section_for(f.related_model).name))
        return result

    def _is_owner(self, f: models.Field) -> bool:
        return (
            self.owned_directly
            and f.is_relation
            and f.related_model is not None
            and f.related_model._meta.label == settings.AUTH_USER_MODEL
        )


def _column(f: models.Field) -> Column:
    choices = None
    if f.choices:
        # A choice field that may be blank (an unknown salary unit) holds "" too.
        choices = frozenset(value for value, _ in f.flatchoices) | ({""} if f.blank else set())
    if f.is_relation:
        return Column(f.attname, f, REF, ref=section_for(f.related_model).name)
    return Column(f.name, f, _kind(f), choices=choices)


def _kind(f: models.Field) -> str:
    # DateTimeField is a DateField: test the narrower class first.
    for cls, kind in (
        (models.BooleanField, BOOL),
        (models.DateTimeField, DATETIME),
        (models.DateField, DATE),
        (models.TimeField, TIME),
        (models.IntegerField, INT),
        (models.FloatField, FLOAT),
        (models.JSONField, JSON),
        (models.CharField, STR),
        (models.TextField, STR),
    ):
        if isinstance(f, cls):
            return kind
    raise TypeError(f"{f.model.__name__}.{f.name}: a backup cannot hold a {type(f).__name__}")


# The checks: thin adapters from a backup's columns to the app's own validators.


def _clean_time_zone(value, path: str) -> str:
    from followthrough.tracker.services.workspace import clean_time_zone

    return clean_time_zone(value, path)


def _threshold(name: str) -> Callable:
    def check(value, path: str) -> int:
        from followthrough.tracker.services.validators import check_range
        from followthrough.tracker.services.workspace import BY_FIELD

        threshold = BY_FIELD[name]
        return check_range(value, path, (threshold.low, threshold.high), threshold.help)

    return check


def _url(model_label: str, name: str) -> Callable:
    def check(value: str, path: str) -> str:
        from followthrough.tracker.services.validators import check_url

        max_length = apps.get_model(model_label)._meta.get_field(name).max_length
        return check_url(value, path, max_length=max_length)

    return check


def _validator(name: str) -> Callable:
    """``tracker.services.validators.<name>``, imported when first used."""

    def check(value, path: str):
        from followthrough.tracker.services import validators

        return getattr(validators, name)(value, path)

    return check


def _email_or_blank(value: str, path: str) -> str:
    from followthrough.tracker.services.validators import check_email

    return check_email(value, path) if value else value


def _phones(value: list[str], path: str) -> list[str]:
    from followthrough.tracker.services.validators import check_line

    for phone in value:
        check_line(phone, path, 100)
    return value


def _birthday(row: dict) -> None:
    from followthrough.tracker.services.validators import check_birthday

    check_birthday(
        row["birthday_year"], row["birthday_month"], row["birthday_day"], "birthday_month"
    )


def _template(row: dict) -> None:
    from followthrough.drafts.services import check_template
    from followthrough.tracker.services.errors import InputError, NotFound

    try:
        check_template(row["name"], row["subject"], row["body"])
    except NotFound as error:  # the template's name, which the file calls "name"
        raise InputError(str(error).removeprefix("template: "), "name") from None


def _culture(name: str) -> Callable:
    def check(value, path: str):
        from followthrough.culture import services

        return getattr(services, name)(value, path)

    return check


_THRESHOLDS = (
    "thank_you_days", "nudge_after_days", "max_nudges", "follow_up_business_days",
    "let_go_after_days", "min_active_opportunities", "daily_outreach_goal",
)  # fmt: skip

# In the order restore makes them: each after the sections it refers to.
SECTIONS: tuple[Section, ...] = (
    Section(
        "workspace",
        "tracker.Workspace",
        single=True,
        checks={"time_zone": _clean_time_zone, **{t: _threshold(t) for t in _THRESHOLDS}},
    ),
    Section("tags", "tracker.Tag", checks={"name": _validator("check_required")}),
    Section(
        "organizations",
        "tracker.Organization",
        checks={
            "name": _validator("check_required"),
            "website": _url("tracker.Organization", "website"),
        },
    ),
    Section(
        "people",
        "tracker.Person",
        many=("tags",),
        string_lists=("emails", "phones"),
        checks={
            "name": _validator("check_required"),
            "emails": _validator("check_emails"),
            "phones": _phones,
            "linkedin_url": _url("tracker.Person", "linkedin_url"),
            "cadence_days": _validator("check_cadence"),
        },
        row_checks=(_birthday,),
    ),
    Section(
        "opportunities",
        "tracker.Opportunity",
        many=("tags",),
        checks={
            "role": _validator("check_required"),
            "interest": _validator("check_interest"),
            "posting_url": _url("tracker.Opportunity", "posting_url"),
        },
    ),
    Section("involvements", "tracker.OpportunityPerson", owner_path="opportunity__owner"),
    Section("stage_changes", "tracker.StageChange", owner_path="opportunity__owner"),
    Section("interactions", "tracker.Interaction", many=("people",)),
    Section("rapport_notes", "tracker.RapportNote", owner_path="interaction__owner"),
    Section("tasks", "tracker.Task", checks={"title": _validator("check_required")}),
    # The files themselves are not in the JSON: each row names its file by SHA-256,
    # and `followthrough export documents` writes them to a separate archive.
    Section("documents", "tracker.Document"),
    Section("documents_sent", "tracker.DocumentSent", owner_path="opportunity__owner"),
    Section("message_templates", "drafts.MessageTemplate", row_checks=(_template,)),
    Section("draft_settings", "drafts.DraftSettings", single=True),
    Section(
        "digest_settings",
        "digest.DigestSettings",
        single=True,
        checks={"hour": _validator("check_hour"), "address": _email_or_blank},
    ),
    Section(
        "culture_settings",
        "culture.CultureSettings",
        single=True,
        checks={"threshold": _culture("check_threshold")},
    ),
    Section(
        "preferred_culture",
        "culture.PreferredProfile",
        single=True,
        checks={"points": _culture("check_stored_points")},
    ),
    Section(
        "culture_ratings",
        "culture.Rating",
        checks={
            "points": _culture("check_stored_points"),
            "evidence": _culture("check_stored_evidence"),
        },
    ),
    # Mail (issue 11): what was logged from the mailbox, never the mailbox itself.
    Section(
        "mail_settings", "mail.MailSettings", single=True,
        string_lists=("my_emails", "imap_folders"),
    ),
    Section("mail_messages", "mail.MailMessage"),
    Section("calendar_events", "mail.CalendarEvent"),
    Section("mail_suggestions", "mail.Suggestion"),
)

# Owned tables a backup leaves out on purpose, and why (a test checks that every
# owned table is in SECTIONS or here).
NOT_BACKED_UP: dict[str, str] = {
    "calendar_feed.FeedToken": "a secret address: a restored workspace gets a new one",
    "tracker.SyncState": "what the agenda last synced: a restore counts as a change, so the "
    "next agenda syncs again",
    "tracker.SyncDirty": "what changed since the last sync: a restore syncs in full anyway",
    "tracker.PersonFacts": "each person's last contact and whether they helped: a restore "
    "recomputes them from the restored interactions",
    "tracker.CaptureToken": "the bookmarklet's secret: a restored workspace gets a new one",
    "mail.FolderState": "how far an IMAP folder was read: a restored workspace reads it again "
    "(the messages' Message-IDs, which are backed up, keep it from logging twice)",
    "mail.UnknownAddress": "addresses counted from the mailbox, not logged: the next import "
    "or sync counts them again",
    # Accounts (hosted mode, issue 14): the account, not its workspace. A backup is
    # restored into an account that has its own address and its own second factor.
    "account.EmailAddress": "the account's sign-in address on this instance, not workspace "
    "data",
    "mfa.Authenticator": "two-factor secrets and recovery codes: never in a file; turned on "
    "again on the instance the backup goes to",
    "mail.ImapPassword": "a secret, sealed under this instance's SECRET_KEY: never in a backup "
    "(the member gives it again after a restore)",
    # The job club (issue 14): rows shared between several users. A personal backup
    # restored elsewhere (another instance, a local install) has no group to join, and
    # restoring them would re-share without the other members. The member's own data
    # that the club touches (the leader and buddy as people, tagged "job club") is in
    # the tracker's sections; consent is given again on joining again.
    "club.Group": "a group belongs to all its members, not to one person's backup",
    "club.Membership": "a place in a shared group: a restore cannot rejoin it for you",
    "club.Invitation": "a one-use link to a shared group",
    "club.Message": "notes between members, kept in the group's instance only",
    "club.SharedItem": "a consent given within one group (like club.Consent): a restore "
    "shares nothing again without asking",
}


def sections() -> tuple[Section, ...]:
    """The sections whose app is installed (an app left out of a deployment is skipped)."""
    return tuple(s for s in SECTIONS if _has_app(s.model_label))


def _has_app(label: str) -> bool:
    try:
        apps.get_app_config(label.split(".")[0])
    except LookupError:
        return False
    return True


def section_for(model: type[models.Model]) -> Section:
    for section in SECTIONS:
        if section.model_label == model._meta.label:
            return section
    raise LookupError(f"{model._meta.label} is referred to but has no section in the backup")


def by_name() -> dict[str, Section]:
    return {s.name: s for s in sections()}
