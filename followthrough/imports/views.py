"""The import page (upload, mapping, preview, result) and the duplicates page (merge)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from followthrough.tracker.access import get_owned
from followthrough.tracker.models import Person
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import today_for

from . import duplicates as duplicates_service
from . import files, reading, spreadsheet, uploads
from .apply import import_records
from .forms import MappingForm, UploadForm
from .records import KINDS

PREVIEW_ROWS = 10
SKIPPED_SHOWN = 50
SLACK = 64 * 1024  # the multipart envelope around the file


def import_start(request):
    if request.method == "POST" and _too_big(request):
        # Refused from the header alone: the body is not read (or is streamed to a
        # temporary file by Django, never held in memory).
        length = int(request.META["CONTENT_LENGTH"]) / 1024 / 1024
        error = (
            f"The file is {length:.0f} MB, more than the {files.MAX_TEXT} an import"
            " accepts; split it and import each part."
        )
        context = {"form": UploadForm(), "kinds": KINDS, "error": error}
        return render(request, "imports/start.html", context)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = _keep(request, form)
        if upload:
            return redirect("import-preview", upload.token)
    return render(request, "imports/start.html", {"form": form, "kinds": KINDS})


def _too_big(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > files.MAX_BYTES + SLACK
    except ValueError:
        return False


def _keep(request, form: UploadForm):
    uploaded = form.cleaned_data["file"]
    upload = None
    try:
        files.check_size(uploaded.name, uploaded.size)
        upload = uploads.keep(request.user, uploaded, form.cleaned_data["kind"])
        if upload.kind == "auto":
            upload.kind = reading.detect(upload.path, upload.filename)
        if upload.kind == "csv":
            upload.mapping = spreadsheet.guess_mapping(
                spreadsheet.headers(upload.path, upload.filename)
            )
        upload.save()
    except InputError as error:
        if upload:
            upload.discard()
        form.add_error("file", str(error))
        return None
    except BaseException:
        # Whatever went wrong, an upload that goes no further does not stay behind.
        if upload:
            upload.discard()
        raise
    return upload


def import_preview(request, token: str):
    """The mapping (spreadsheets) and a dry run: what the import would do, before it does."""
    upload = uploads.load(request.user, token)
    context = _preview(request, upload)
    template = "imports/preview.html"
    if request.htmx and request.method == "POST":
        template += "#preview"
    return render(request, template, context)


def _preview(request, upload: uploads.Upload, error: str = "") -> dict:
    mapping_form = None
    if upload.kind == "csv":
        try:
            headers = spreadsheet.headers(upload.path, upload.filename)
        except InputError as problem:
            return {"upload": upload, "error": str(problem), "kind": KINDS[upload.kind]}
        mapping_form = MappingForm(
            request.POST if request.method == "POST" else None,
            headers=headers, mapping=upload.mapping or {},
        )  # fmt: skip
        if mapping_form.is_bound and mapping_form.is_valid():
            upload.mapping = mapping_form.mapping()
            upload.save()
    context = {"upload": upload, "mapping_form": mapping_form, "kind": KINDS[upload.kind]}
    if error:
        return {**context, "error": error}
    try:
        read = reading.read(upload.kind, upload.path, upload.filename, upload.mapping)
        outcome = import_records(request.user, read, today=today_for(request.user), dry_run=True)
    except InputError as problem:
        return {**context, "error": str(problem)}
    return {
        **context,
        "records": read.records[:PREVIEW_ROWS],
        "more": max(len(read.records) - PREVIEW_ROWS, 0),
        "outcome": outcome,
        "skipped": outcome.skipped_lines()[:SKIPPED_SHOWN],
        "is_sheet": upload.kind == "csv",
    }


def import_run(request, token: str):
    upload = uploads.load(request.user, token)
    if request.method != "POST":
        return redirect("import-preview", token)
    try:
        read = reading.read(upload.kind, upload.path, upload.filename, upload.mapping)
        outcome = import_records(request.user, read, today=today_for(request.user))
    except InputError as problem:
        context = _preview(request, upload, error=str(problem))
        return render(request, "imports/preview.html", context, status=400)
    upload.discard()
    request.session["import_outcome"] = {
        "headline": outcome.headline(),
        "notes": outcome.notes,
        "skipped": outcome.skipped_lines(),
        "created": outcome.people_created,
        "updated": outcome.people_updated,
        "nothing_new": outcome.nothing_new,
    }
    return redirect("import-done")


def import_done(request):
    outcome = request.session.get("import_outcome")
    if not outcome:
        return redirect("import")
    return render(request, "imports/done.html", {"outcome": outcome})


def duplicates(request):
    groups = duplicates_service.suspected_duplicates(request.user)
    return render(request, "imports/duplicates.html", {"groups": groups})


def merge(request, keep: int, other: int):
    """Confirm (GET) and do (POST) merging ``other`` into ``keep``."""
    owner = request.user
    kept = get_owned(Person, owner, keep)
    merged = get_owned(Person, owner, other)
    if request.method == "POST":
        try:
            duplicates_service.merge_people(owner, kept, merged)
        except InputError as error:
            messages.error(request, str(error))
            return redirect("people-duplicates")
        messages.success(request, f"Merged {merged.name} into {kept.name}.")
        return redirect("person-detail", kept.pk)
    counts = {
        "interactions": merged.interactions.count(),
        "opportunities": merged.involvements.count(),
        "tasks": merged.tasks.count(),
    }
    return render(request, "imports/merge.html", {"keep": kept, "other": merged, "counts": counts})
