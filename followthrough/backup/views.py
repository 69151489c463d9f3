"""The "Your data" page: download the backup, CSV and vCard; restore a backup.

Every view works on ``request.user``'s data and takes no id, so there is
nothing of anyone else's to reach. Downloads stream: a big workspace never
sits in memory.
"""

from __future__ import annotations

import io

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import today_for

from . import csv_export
from .export_json import JsonExport
from .registry import sections
from .restore import WorkspaceNotEmpty, describe, existing_data, restore
from .vcard_export import vcard_chunks

REPLACE_LABEL = "Replace everything in my workspace"


class RestoreForm(forms.Form):
    file = forms.FileField(
        label="Backup file",
        help_text="A .json file made by “Download the backup” or by followthrough export json.",
        error_messages={"required": "Choose the backup file (.json) to restore."},
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    replace = forms.BooleanField(label=REPLACE_LABEL, required=False)
    confirm = forms.BooleanField(label="Yes, delete my current data first", required=False)

    def clean(self):
        data = super().clean()
        if data.get("replace") and not data.get("confirm"):
            self.add_error(
                "confirm", "Tick “Yes, delete my current data first” to replace your data."
            )
        return data


MAX_BACKUP_BYTES = 512 * 1024 * 1024
"""The largest backup the page takes: several times a 300,000-interaction workspace's.
The command line (``followthrough restore``) has no limit."""


def _too_big(request: HttpRequest) -> int | None:
    """The declared size of a POST over ``MAX_BACKUP_BYTES``, read from its header alone."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    return length if length > MAX_BACKUP_BYTES else None


@require_http_methods(["GET", "POST"])
def your_data(request: HttpRequest) -> HttpResponse:
    owner = request.user
    too_big = _too_big(request) if request.method == "POST" else None
    if too_big is not None:
        # Refused before the body is read: neither memory nor disk goes to it.
        form = RestoreForm()
        form.cleaned_data = {}  # unbound: nothing was read
        form.add_error(
            "file",
            f"The backup is {too_big / 1024 / 1024:.0f} MB, more than the"
            f" {MAX_BACKUP_BYTES // 1024 // 1024} MB a restore accepts here; restore it with"
            " `followthrough restore FILE` instead.",
        )
        return _page(request, form)
    form = RestoreForm(request.POST, request.FILES) if request.method == "POST" else RestoreForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        stream = io.TextIOWrapper(upload.file, encoding="utf-8-sig")
        try:
            counts = restore(owner, stream, replace=form.cleaned_data["replace"], name=upload.name)
        except WorkspaceNotEmpty as refused:
            form.add_error(
                "replace",
                f"Your workspace already has data ({describe(refused.existing)}); tick"
                f" “{REPLACE_LABEL}” to restore over it, or restore into an empty workspace.",
            )
        except InputError as error:
            form.add_error("file", str(error))
        else:
            rows = {s.name for s in sections() if not s.single}
            restored = describe({k: n for k, n in counts.items() if k in rows})
            messages.success(request, f"Restored {restored} from {upload.name}.")
            return redirect("your-data")
        finally:
            stream.detach()
    return _page(request, form)


def _page(request: HttpRequest, form: RestoreForm) -> HttpResponse:
    owner = request.user
    existing = existing_data(owner)
    return render(
        request,
        "backup/your_data.html",
        {
            "form": form,
            "summary": describe(existing),
            "has_data": any(existing.values()),
            "entities": [
                (name, name.capitalize(), existing.get(name, 0)) for name in csv_export.ENTITIES
            ],
            "people_count": existing.get("people", 0),
        },
        status=400 if form.errors else 200,
    )


def _download(request, pieces, name: str, content_type: str) -> StreamingHttpResponse:
    """A streamed attachment called ``followthrough-<stem>-<today>.<extension>``."""
    stem, extension = name.rsplit(".", 1)
    day = today_for(request.user).isoformat()
    response = StreamingHttpResponse(pieces, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="followthrough-{stem}-{day}.{extension}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def download_json(request: HttpRequest) -> StreamingHttpResponse:
    return _download(
        request, JsonExport(request.user), "backup.json", "application/json; charset=utf-8"
    )


@require_GET
def download_csv(request: HttpRequest, entity: str) -> StreamingHttpResponse:
    if entity not in csv_export.ENTITIES:
        raise Http404("No such export.")
    pieces = csv_export.csv_chunks(request.user, entity)
    return _download(request, pieces, f"{entity}.csv", "text/csv; charset=utf-8")


@require_GET
def download_vcard(request: HttpRequest) -> StreamingHttpResponse:
    return _download(request, vcard_chunks(request.user), "people.vcf", "text/vcard; charset=utf-8")
