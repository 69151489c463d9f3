"""The one way to fetch an object for a user: scoped to its owner, 404 otherwise."""

from __future__ import annotations

from django.db.models import Model
from django.http import Http404

from .services.ids import as_id


def get_owned(model: type[Model], owner, pk, queryset=None):
    """The ``model`` row ``pk`` if it belongs to ``owner``; ``Http404`` for anything else.

    An outsider gets the same 404 as for a row that does not exist, so ids leak nothing.
    """
    qs = queryset if queryset is not None else model.objects.all()
    key = as_id(pk)  # "٣" or "²" is no id, not row 3 or a 500
    try:
        if key is None:
            raise model.DoesNotExist
        return qs.get(owner=owner, pk=key)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No such {model._meta.verbose_name}.") from None
