"""Settings > Mail, the mail import, the people you wrote with, the suggestions on Today."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from followthrough.tracker.access import get_owned
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.views import go, next_url

from . import ics, imap, ingest, secret, service, suggestions, unknown
from . import settings as mail_svc
from .forms import AccountForm, AddressesForm, MailFileForm
from .models import Suggestion

MAX_UPLOAD = 500 * 1024 * 1024  # a mailbox export can be large; it is read as a stream
UNKNOWN_SHOWN = 100


def _page(request, *, addresses=None, account=None, upload=None, status=200):
    owner = request.user
    settings = mail_svc.mail_settings(owner)
    addresses = addresses or AddressesForm(
        initial={"my_emails": "\n".join(settings.my_emails), "keep_snippet": settings.keep_snippet}
    )
    account = account or AccountForm(
        initial={
            "host": settings.imap_host,
            "port": settings.imap_port or "",
            "user": settings.imap_user,
            "security": settings.imap_security or "tls",
            "folders": "\n".join(settings.imap_folders),
        }
    )
    context = {
        "settings": settings,
        "addresses_form": addresses,
        "account_form": account,
        "upload_form": upload or MailFileForm(),
        "has_password": secret.has_password(owner),
        "password_env": None if secret.hosted() else secret.ENV,
        "port": imap.port_of(settings) if settings.imap_configured else None,
        "unknown_count": ingest.unknown_list(owner).count(),
    }
    return render(request, "mail/settings.html", context, status=status)


def mail_page(request):
    return _page(request)


@require_POST
def save_addresses(request):
    form = AddressesForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        values = data.get("my_emails", "")
        keep = data.get("keep_snippet") if "snippet_shown" in request.POST else None
        mail_svc.update(request.user, my_emails=[values], keep_snippet=keep)
    except InputError as error:
        form.add_error("my_emails", error.worded("Your email addresses"))
        if "next" in request.POST:
            messages.error(request, str(form.errors["my_emails"][0]))
            return go(request, next_url(request, reverse("mail")))
        return _page(request, addresses=form, status=400)
    messages.success(request, "Your email addresses are saved.")
    return go(request, next_url(request, reverse("mail")))


@require_POST
def save_account(request):
    form = AccountForm(request.POST)
    if not form.is_valid():
        return _page(request, account=form, status=400)
    data = form.cleaned_data
    try:
        account = imap.clean_account(
            data["host"], data["user"], data["security"], data["port"],
            data["folders"].splitlines(),
        )  # fmt: skip
        imap.setup(request.user, account, data["password"] or None)
    except InputError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.worded(form.fields[field].label) if field else str(error))
        return _page(request, account=form, status=400)
    messages.success(request, "The mail account works and is saved. Sync now to read it.")
    return go(request, reverse("mail"))


@require_POST
def sync_now(request):
    try:
        result = imap.sync(request.user)
    except InputError as error:
        messages.error(request, f"Sync failed: {error}")
    else:
        messages.success(request, result.headline())
    return go(request, next_url(request, reverse("mail")))


@require_POST
def import_file(request):
    form = MailFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, upload=form, status=400)
    uploaded = form.cleaned_data["file"]
    kind = form.cleaned_data["kind"]
    try:
        if uploaded.size > MAX_UPLOAD:
            raise InputError(
                f"{uploaded.name}: the file is larger than 500 MB; import it with "
                "`followthrough import mbox FILE` instead.",
                "file",
            )
        if kind == "ics":
            outcome = ics.import_ics(request.user, uploaded.read(), uploaded.name)
        elif kind == "eml":
            outcome = service.import_eml_bytes(request.user, [(uploaded.name, uploaded.read())])
        else:
            uploaded.seek(0)
            outcome = service.import_mbox_stream(request.user, uploaded, uploaded.name)
    except InputError as error:
        form.add_error("file", str(error))
        return _page(request, upload=form, status=400)
    messages.success(request, outcome.headline())
    return go(request, reverse("mail-people") if getattr(outcome, "new_addresses", 0)
              else reverse("mail"))  # fmt: skip


def people_page(request):
    owner = request.user
    ingest.forget_known(owner)
    query = request.GET.get("q", "").strip()
    rows = ingest.unknown_list(owner, query)
    total = rows.count()
    return render(
        request,
        "mail/people.html",
        {"rows": rows[:UNKNOWN_SHOWN], "total": total, "shown": UNKNOWN_SHOWN, "q": query},
    )


@require_POST
def people_add(request):
    try:
        with transaction.atomic():
            person = unknown.add_person(request.user, request.POST.get("address", ""))
    except InputError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Added {person.name}. Import that mail again, or sync from the start, "
            "to log your earlier messages with them.",
        )
    return go(request, next_url(request, reverse("mail-people")))


@require_POST
def suggestion_accept(request, pk: int):
    suggestion = get_owned(Suggestion, request.user, pk)
    url = suggestions.accept(request.user, suggestion)
    return go(request, url)


@require_POST
def suggestion_dismiss(request, pk: int):
    suggestion = get_owned(Suggestion, request.user, pk)
    suggestions.dismiss(request.user, suggestion)
    messages.success(request, "Suggestion dismissed.")
    return go(request, next_url(request, reverse("today")))


