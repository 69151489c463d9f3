"""Settings: the etiquette rules' thresholds, the time zone, searching or landed."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..forms.settings import SettingsForm
from ..models import Mode
from ..services import workspace as workspace_service
from ..services.errors import InputError
from ..services.owners import workspace_for
from . import next_url


def settings_page(request):
    owner = request.user
    workspace = workspace_for(owner)
    form = SettingsForm(request.POST or None, workspace=workspace)
    if request.method == "POST" and form.is_valid():
        try:
            workspace_service.update_settings(owner, form.changes(), fields=form.labels())
        except InputError as error:
            form.show(error)
        else:
            messages.success(request, "Settings saved.")
            return redirect("settings")
    buddy_name, buddy_person = workspace_service.buddy_of(owner)
    return render(
        request,
        "tracker/settings.html",
        {
            "buddy_name": buddy_name,
            "buddy_person": buddy_person,
            "form": form,
            "workspace": workspace,
            "landed": workspace.mode == Mode.LANDED,
            "mode_help": workspace_service.MODE_HELP,
            "defaults": [(t.label, t.amount(t.default)) for t in workspace_service.THRESHOLDS],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def settings_mode(request):
    """Switch between searching and landed; back to ``next`` (default the settings)."""
    owner = request.user
    try:
        workspace = workspace_service.set_mode(owner, request.POST.get("mode", ""))
    except InputError as error:
        messages.error(request, str(error))
    else:
        if workspace.mode == Mode.LANDED:
            messages.success(
                request, "Landed mode: the job-search rules rest; keep-in-touch goes on."
            )
        else:
            messages.success(request, "Searching mode: the job-search rules are back on.")
    return redirect(next_url(request, reverse("settings")))
