"""Documents on the web: attach a résumé or cover letter to an application, download it,
and see every document kept with where it went."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ..access import get_owned
from ..dates import day
from ..models import Document, DocumentSent, Opportunity
from ..services import documents as service
from ..services.errors import InputError
from ..services.owners import today_for
from ..services.parsing import parse_date


def _back(opp: Opportunity) -> str:
    return reverse("opportunity-detail", args=[opp.pk]) + "#documents"


@require_POST
def opportunity_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a document sent with this application: one already kept, or a new file."""
    owner = request.user
    opp = get_owned(Opportunity, owner, pk)
    upload = request.FILES.get("file")
    chosen = request.POST.get("document", "").strip()
    try:
        sent_on = parse_date(request.POST.get("sent_on"), "Sent on") or today_for(owner)
        if upload is not None:
            if upload.size > service.MAX_DOCUMENT_BYTES:
                raise service._too_big("File", upload.size)
            doc, _ = service.add_document(
                owner, upload, upload.name, name=request.POST.get("name", ""),
                kind=request.POST.get("kind") or None, where="File",
            )  # fmt: skip
        elif chosen:
            doc = get_owned(Document, owner, chosen) if chosen.isdigit() else None
            if doc is None:
                raise InputError("Document: choose one of yours, or a file to upload.")
        else:
            raise InputError("Choose a document you keep, or a file to upload (.pdf, .docx…).")
        service.attach(owner, opp, doc, sent_on)
    except InputError as error:
        messages.error(request, str(error))
        return redirect(_back(opp))
    messages.success(request, f"{doc.name} is listed as sent on {day(sent_on)}.")
    return redirect(_back(opp))


@require_POST
def opportunity_document_remove(request: HttpRequest, pk: int, sent_id: int) -> HttpResponse:
    owner = request.user
    opp = get_owned(Opportunity, owner, pk)
    sent = get_object_or_404(
        DocumentSent.objects.select_related("document"), opportunity=opp, pk=sent_id
    )
    service.detach(owner, opp, sent.pk)
    messages.success(request, f"{sent.document.name} is no longer listed here; it is still kept.")
    return redirect(_back(opp))


def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_owned(Document, request.user, pk)
    path = service.path_of(doc)
    if not path.exists():
        raise Http404("The file is not in the data folder; import the documents archive.")
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=doc.filename, content_type=doc.content_type
    )


def document_list(request: HttpRequest) -> HttpResponse:
    owner = request.user
    docs = list(service.documents(owner))
    missing = {d.pk for d in service.missing_files(owner)}
    return render(
        request, "tracker/documents/list.html", {"documents": docs, "missing": missing}
    )


@require_http_methods(["GET", "POST"])
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first; deleting drops the file and the list of where it was sent."""
    doc = get_owned(
        Document, request.user, pk, queryset=service.documents(request.user)
    )
    if request.method == "GET":
        return render(request, "tracker/documents/delete.html", {"doc": doc})
    service.delete_document(request.user, doc)
    messages.success(request, f"Deleted {doc.name} and its file.")
    return redirect("documents")


def documents_archive(request: HttpRequest) -> HttpResponse:
    """The owner's document files as one zip, beside the JSON backup."""
    buffer = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
    service.write_archive(request.user, buffer)
    buffer.seek(0)
    return FileResponse(
        buffer,
        as_attachment=True,
        filename=f"followthrough-documents-{today_for(request.user).isoformat()}.zip",
        content_type="application/zip",
    )
