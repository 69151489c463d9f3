"""Where the club listens: an acceptance (landing news) and a sign-in (a pending invitation).

The tracker knows nothing of the club: Django's signals carry the news up.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_save

from followthrough.accounts.gate import SESSION_KEY


def connect() -> None:
    from followthrough.tracker.models import StageChange

    post_save.connect(_stage_changed, sender=StageChange, dispatch_uid="club-landing")
    # Signing up joins at once (the session that followed the link is the one signing
    # up; the verification mail may be opened in another browser); logging in joins too.
    user_logged_in.connect(_signed_in, dispatch_uid="club-invitation")
    from allauth.account.signals import user_signed_up

    from followthrough.accounts import gate

    from .services.groups import group_name_for, is_valid_token

    user_signed_up.connect(_signed_in, dispatch_uid="club-invitation-signup")
    gate.register(is_valid_token)
    gate.describe_with(group_name_for)


def _stage_changed(sender, instance, created: bool, **_kwargs) -> None:
    from followthrough.tracker.models import Stage

    from .services import hosted

    if not (created and instance.stage == Stage.ACCEPTED and hosted()):
        return
    owner_id = instance.opportunity.owner_id
    opportunity_id = instance.opportunity_id
    transaction.on_commit(lambda: _announce(owner_id, opportunity_id))


def _announce(owner_id: int, opportunity_id: int) -> None:
    from django.contrib.auth import get_user_model

    from .services.messages import announce_landing

    member = get_user_model().objects.filter(pk=owner_id).first()
    if member is not None:
        announce_landing(member, opportunity_id)


def _signed_in(sender=None, request=None, user=None, **_kwargs) -> None:
    """Accept the invitation the visitor followed before signing up or in."""
    joined = accept_pending(request, user)
    if joined is not None:
        messages.success(request, f"You joined {joined.group.name}. Nothing you record is "
                         "shared until you choose to share it.", fail_silently=True)


def accept_pending(request, user):
    """Join the group whose token waits in the session (``SESSION_KEY``); the membership,
    or ``None`` when nothing waited or the token no longer opens anything."""
    from followthrough.tracker.services.errors import InputError

    from .services import hosted
    from .services.groups import join

    session = getattr(request, "session", None)
    if session is None or user is None or not hosted():
        return None
    token = session.pop(SESSION_KEY, None)
    if not token:
        return None
    try:
        return join(user, token)
    except InputError:
        return None
