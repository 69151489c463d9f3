"""Capturing a job posting on the web: the Pipeline's box and the bookmarklet.

The box on the Pipeline page takes a posting's address or a saved page. The
bookmarklet (made on its Settings page) sends the HTML of the page the seeker
is reading to ``posting_bookmarklet``; that view is exempt from CSRF because a
page on another site cannot carry our CSRF token, and a per-owner secret in
its address (``CaptureToken``) proves instead that the owner's own bookmarklet
sent it. Nothing else is exempt.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..models import CaptureToken, new_capture_token
from ..services import postings
from ..services.errors import InputError
from ..services.owners import today_for
from .opportunities import board_context


@require_POST
def posting_add(request: HttpRequest) -> HttpResponse:
    """The Pipeline's "Add from a posting" box: an address, or a saved page."""
    owner = request.user
    url = request.POST.get("url", "").strip()
    upload = request.FILES.get("page")
    try:
        if upload is not None:
            found = postings.read_upload(upload, "Saved page")
        elif url:
            found = postings.read_url(url, "Posting address")
        else:
            raise InputError("Paste the posting's address, or choose a saved page (.html).")
        opp = postings.add_from_posting(owner, found, today_for(owner), where="Posting")
    except InputError as error:
        context = board_context(owner)
        context.update(posting_error=str(error), posting_url=url)
        return render(request, "tracker/opportunities/board.html", context, status=400)
    messages.success(request, f"Added “{opp}” from the posting.{_missing(opp)}")
    return redirect("opportunity-detail", pk=opp.pk)


def _missing(opp) -> str:
    """A hint when the posting left out what a seeker usually wants to know."""
    lacking = [
        label
        for label, value in (("salary", opp.salary_display), ("place", opp.place_display))
        if not value
    ]
    if not lacking:
        return ""
    return f" The posting gives no {' or '.join(lacking)}; add it with Edit if you learn it."


@login_not_required  # hosted mode: the owner's token stands in for the session too
@csrf_exempt
@require_POST
def posting_bookmarklet(request: HttpRequest, token: str) -> HttpResponse:
    """What the bookmarklet sends: the page's HTML and address, with the owner's token."""
    found = CaptureToken.objects.filter(token=token).select_related("owner").first()
    if found is None:
        return _failed(
            request,
            "This bookmarklet is out of date (its secret was renewed);"
            " drag the new one from Settings, under Capture job postings.",
            status=404,
        )
    owner = found.owner
    try:
        page = request.POST.get("html", "")
        address = request.POST.get("url", "").strip()
    except RequestDataTooBig:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
        return _failed(
            request,
            f"This page: it is too large to send (over {limit:.1f} MB); save it from the"
            " browser and drop it in Add from a posting, on the Pipeline.",
            status=413,
        )
    if urlsplit(address).scheme not in ("http", "https"):
        address = ""
    try:
        posting = postings.read_posting(page, address, "This page")
        existing = postings.existing(owner, posting)
        if existing is not None:
            messages.info(request, f"“{existing}” is already in your pipeline.")
            return _see(reverse("opportunity-detail", args=[existing.pk]))
        opp = postings.add_from_posting(owner, posting, today_for(owner), where="This page")
    except InputError as error:
        return _failed(request, str(error), status=400)
    messages.success(request, f"Added “{opp}” from the posting.{_missing(opp)}")
    return _see(reverse("opportunity-detail", args=[opp.pk]))


def _see(url: str) -> HttpResponse:
    response = HttpResponseRedirect(url)
    response.status_code = 303  # a POST answered by a page to GET
    return response


def _failed(request, error: str, status: int) -> HttpResponse:
    return render(
        request, "tracker/opportunities/capture_failed.html", {"error": error}, status=status
    )


# The bookmarklet's Settings page --------------------------------------------------


def token_for(owner) -> CaptureToken:
    return CaptureToken.objects.get_or_create(owner=owner)[0]


def bookmarklet_code(action: str) -> str:
    """The bookmarklet: post this page's HTML (scripts and styles left out) to ``action``.

    JSON-LD scripts stay: they carry the posting. The form opens the answer in a
    new tab, so the job page stays where it was.
    """
    return (
        "(function(){var d=document.documentElement.cloneNode(true);"
        "d.querySelectorAll('script:not([type=\"application/ld+json\"]),style,svg,noscript,"
        "iframe,img,video,picture,link[rel=stylesheet]').forEach(function(e){e.remove()});"
        "var f=document.createElement('form');f.method='post';f.target='_blank';"
        "f.acceptCharset='utf-8';f.action=" + json.dumps(action) + ";"
        "[['html','<!doctype html>'+d.outerHTML],['url',location.href]].forEach(function(p){"
        "var t=document.createElement('textarea');t.name=p[0];t.value=p[1];f.appendChild(t)});"
        "f.style.display='none';document.body.appendChild(f);f.submit();f.remove()})();"
    )


def bookmarklet_page(request: HttpRequest) -> HttpResponse:
    token = token_for(request.user)
    action = request.build_absolute_uri(reverse("posting-bookmarklet", args=[token.token]))
    href = "javascript:" + quote(bookmarklet_code(action), safe="(){};,=.'!*:/[]_+-$")
    return render(
        request,
        "tracker/opportunities/bookmarklet.html",
        {"href": href, "action": action, "token": token},
    )


@require_POST
def bookmarklet_renew(request: HttpRequest) -> HttpResponse:
    """A new secret: the old bookmarklet stops working at once."""
    token = token_for(request.user)
    token.token = new_capture_token()
    token.save()
    messages.success(request, "Renewed: drag the new bookmarklet to your bookmarks bar.")
    return redirect("bookmarklet")
