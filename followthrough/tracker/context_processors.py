"""Context every page needs: the quick-log form lives in the page header."""

from __future__ import annotations


def quick_log(request):
    from .forms import QuickLogForm  # forms import models; keep settings import light

    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"quick_log_form": QuickLogForm(owner=request.user)}
