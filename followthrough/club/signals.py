"""Where the club listens: an acceptance (landing news) and a sign-in (a pending invitation).

The tracker knows nothing of the club: Django's signals carry the news up.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_save

SESSION_KEY = "signup_invitation"


def connect() -> None:
    from followthrough.tracker.models import StageChange

    post_save.connect(_stage_changed, sender=StageChange, dispatch_uid="club-landing")
    user_logged_in.connect(_signed_in, dispatch_uid="club-invitation")
    try:
        from allauth.account.signals import user_signed_up
    except ImportError:  # the accounts app (allauth) is not installed: sign-in covers it
        user_signed_up = None
    if user_signed_up is not None:
        user_signed_up.connect(_signed_in, dispatch_uid="club-invitation-signup")
    try:
        from followthrough.accounts import gate
    except ImportError:
        gate = None
    if gate is not None:
        from .services.groups import is_valid_token

        gate.register(is_valid_token)


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
    accept_pending(request, user)


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
