"""``{% load culture %}``: the culture card on an organization's page and the questions
to ask on an opportunity's page, each one tag so those pages need only one line."""

from __future__ import annotations

from django import template

from followthrough.tracker.services.owners import today_for

from .. import display, services

register = template.Library()


@register.inclusion_tag("culture/_org_card.html", takes_context=True)
def culture_card(context, org) -> dict:
    """The fit of ``org`` (chart, sentence, gaps) with links to rate it or fill in yours."""
    owner = context["request"].user
    culture = services.organization_culture(owner, org)
    return {
        "org": org,
        "culture": culture,
        "fit_view": display.fit_view(culture.fit, culture.sentence) if culture.fit else None,
        "compact": True,
    }


@register.inclusion_tag("culture/_opp_questions.html", takes_context=True)
def culture_questions(context, opp) -> dict:
    """Questions to ask at ``opp``'s interviews, when one is near (else nothing)."""
    owner = context["request"].user
    today = today_for(owner)
    return {"prep": services.interview_prep(owner, opp, today), "opp": opp, "today": today}


@register.filter
def get_item(mapping, key):
    """``mapping[key]``, or ``""`` when it is missing."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
