"""The one way to fetch an object for a user: scoped to its owner, 404 otherwise."""

from __future__ import annotations

from django.db.models import Model
from django.http import Http404


def get_owned(model: type[Model], owner, pk, queryset=None):
    """The ``model`` row ``pk`` if it belongs to ``owner``; ``Http404`` for anything else.

    An outsider gets the same 404 as for a row that does not exist, so ids leak nothing.
    """
    qs = queryset if queryset is not None else model.objects.all()
    try:
        return qs.get(owner=owner, pk=int(pk))
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No such {model._meta.verbose_name}.") from None
