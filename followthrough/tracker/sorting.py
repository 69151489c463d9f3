"""Tables that sort by any column header, with the filter kept in the URL.

A list view declares its columns (``Column``: a key for the URL, a label, the
expressions to order by) and calls ``sort_table``. The answer orders the
queryset and gives each header a link: ``?sort=name`` ascending, ``?sort=-name``
descending, the other query parameters (the filter) kept and the page dropped.
Empty values sort last both ways, and the primary key breaks ties so that pages
never repeat or skip a row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.db.models.expressions import BaseExpression, OrderBy
from django.http import QueryDict


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    order_by: tuple = ()
    descending_first: bool = False  # dates and numbers: newest or largest first on one click
    numeric: bool = False
    then: tuple = ()  # tie-breakers, always ascending (e.g. the name under a count)

    def ordering(self, descending: bool) -> list[OrderBy]:
        exprs = self.order_by or (F(self.key),)
        result = []
        for expr in exprs:
            expr = F(expr) if isinstance(expr, str) else expr
            if not isinstance(expr, BaseExpression | F):
                raise TypeError(f"{self.key}: cannot order by {expr!r}")
            result.append(
                expr.desc(nulls_last=True) if descending else expr.asc(nulls_last=True)
            )
        for expr in self.then:
            expr = F(expr) if isinstance(expr, str) else expr
            result.append(expr.asc(nulls_last=True))
        return result


@dataclass(frozen=True)
class Header:
    column: Column
    url: str
    aria_sort: str  # "ascending", "descending" or "" (not sorted by it)
    next_label: str  # what a click does, for screen readers

    @property
    def label(self) -> str:
        return self.column.label

    @property
    def numeric(self) -> bool:
        return self.column.numeric


@dataclass(frozen=True)
class Sorted:
    queryset: QuerySet
    headers: list[Header]
    sort: str  # the ``sort`` parameter in force, e.g. "-applied"
    query: str  # the URL's other parameters and the sort, for pagination links


def sort_table(
    qs: QuerySet, params: QueryDict, columns: list[Column], default: str
) -> Sorted:
    """Order ``qs`` by ``params["sort"]`` (one of ``columns``' keys, ``-`` for descending)."""
    by_key = {c.key: c for c in columns}
    wanted = params.get("sort", "") or default
    descending = wanted.startswith("-")
    key = wanted.lstrip("-")
    if key not in by_key:
        wanted, descending, key = default, default.startswith("-"), default.lstrip("-")
    column = by_key[key]
    ordered = qs.order_by(*column.ordering(descending), "pk")
    headers = []
    for c in columns:
        if c.key == key:
            aria = "descending" if descending else "ascending"
            target = c.key if descending else f"-{c.key}"
        else:
            aria = ""
            target = f"-{c.key}" if c.descending_first else c.key
        query = params.copy()
        query.pop("page", None)
        query["sort"] = target
        way = "descending" if target.startswith("-") else "ascending"
        headers.append(Header(c, f"?{query.urlencode()}", aria, f"sort by {c.label}, {way}"))
    keep = params.copy()
    keep.pop("page", None)
    keep["sort"] = wanted
    return Sorted(ordered, headers, wanted, keep.urlencode())
