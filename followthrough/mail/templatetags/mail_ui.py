"""``{% mail_suggestions %}``: the suggestions read in the mail, for the Today page."""

from __future__ import annotations

from django import template

from .. import suggestions

register = template.Library()


@register.inclusion_tag("mail/_suggestions.html", takes_context=True)
def mail_suggestions(context):
    request = context["request"]
    rows = list(suggestions.open_for(request.user)[: suggestions.SHOWN])
    return {
        "items": [(s, suggestions.text(s)) for s in rows],
        "csrf_token": context.get("csrf_token"),
        "here": request.get_full_path(),
    }


@register.inclusion_tag("mail/_settings_card.html", takes_context=True)
def mail_settings_card(context):
    from ..settings import mail_settings

    request = context["request"]
    settings = mail_settings(request.user)
    return {
        "settings": settings,
        "addresses_text": "\n".join(settings.my_emails),
        "csrf_token": context.get("csrf_token"),
        "here": request.get_full_path(),
    }


@register.inclusion_tag("mail/_import_card.html", takes_context=True)
def mail_import_card(context):
    from ..forms import MailFileForm

    return {"upload_form": MailFileForm(), "csrf_token": context.get("csrf_token")}
