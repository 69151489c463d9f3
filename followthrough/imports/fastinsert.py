"""A leaner ``bulk_create`` for the tens of thousands of rows of a big import.

Django's ``bulk_create`` prepares every value of every object through the field
machinery and, on SQLite, caps a statement at 999 parameters: 30,000 people take
several seconds there. Here plain values (text, numbers, foreign-key ids) go to
the database as they are, only dates and JSON go through their field, and each
statement carries a few hundred rows. The new ids come back with ``RETURNING``
in insertion order, as Django's own ``bulk_create`` relies on. Where the
database cannot return them, it falls back to ``bulk_create``.
"""

from __future__ import annotations

from django.db import connections, models, router
from django.utils import timezone

from followthrough.tracker.bulk import max_parameters

_PLAIN = (
    models.CharField, models.TextField, models.IntegerField, models.BooleanField,
    models.ForeignKey,
)  # fmt: skip
ROWS_PER_STATEMENT = 500


def insert(model: type[models.Model], objs: list[models.Model]) -> None:
    """Insert ``objs`` (all new) and set their primary keys."""
    if not objs:
        return
    connection = connections[router.db_for_write(model)]
    if not connection.features.can_return_rows_from_bulk_insert:
        model.objects.bulk_create(objs, batch_size=ROWS_PER_STATEMENT)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    _stamp(objs, fields)
    preps = [_prep(f, connection) for f in fields]
    attnames = [f.attname for f in fields]
    qn = connection.ops.quote_name
    head = f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) VALUES "
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    tail = f" RETURNING {qn(meta.pk.column)}"
    per_statement = min(ROWS_PER_STATEMENT, max_parameters(connection) // len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), per_statement):
            batch = objs[start : start + per_statement]
            params = []
            for obj in batch:
                for attname, prep in zip(attnames, preps, strict=True):
                    value = getattr(obj, attname)
                    params.append(prep(value) if prep and value is not None else value)
            cursor.execute(head + ", ".join([row] * len(batch)) + tail, params)
            # Ids are handed out in the order of the VALUES; RETURNING's own order
            # is not promised, so sort rather than trust it.
            new_ids = sorted(pk for (pk,) in cursor.fetchall())
            for obj, pk in zip(batch, new_ids, strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = connection.alias


def new(model: type[models.Model], **values) -> models.Model:
    """An unsaved ``model`` with ``values`` (by attname: ``organization_id``), the rest defaults.

    Skips ``Model.__init__`` (signals, descriptors, one call per field), which
    costs more than the insert itself for 30,000 rows.
    """
    obj = model.__new__(model)
    obj._state = models.base.ModelState()
    obj.__dict__.update(_defaults(model))
    obj.__dict__.update(values)
    return obj


_DEFAULTS: dict[type, dict] = {}


def _defaults(model) -> dict:
    if model not in _DEFAULTS:
        _DEFAULTS[model] = {f.attname: f.get_default() for f in model._meta.concrete_fields}
    values = _DEFAULTS[model].copy()
    for key, value in values.items():
        if isinstance(value, list | dict):  # a JSONField's list must not be shared
            values[key] = value.copy()
    return values


def _stamp(objs, fields) -> None:
    now = timezone.now()
    stamped = [
        f.attname for f in fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]  # fmt: skip
    for obj in objs:
        for attname in stamped:
            setattr(obj, attname, now)


def _prep(field, connection):
    if isinstance(field, _PLAIN) and not isinstance(field, models.JSONField):
        return None
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    # Dates and timestamps repeat (one "now", a few thousand days): prepare each once.
    memo: dict = {}

    def prep(value):
        if value not in memo:
            memo[value] = field.get_db_prep_save(value, connection)
        return memo[value]

    return prep
