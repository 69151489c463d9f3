"""Search across people, organizations, opportunities and interaction notes."""

from __future__ import annotations

from django.shortcuts import render

from ..services.search import search as search_everything


def search(request):
    query = request.GET.get("q", "").strip()
    results = search_everything(request.user, query)
    return render(request, "tracker/search.html", {"results": results, "search_query": query})
