"""The host's own email invitation: a signed, expiring token naming the address.

``followthrough user invite EMAIL`` makes one; its link (``/accounts/invite/<token>/``)
puts the token in the session and opens the sign-up page. It is good for one account:
once someone signed up with that address, it is spent. (Groups invite through their
own links, in ``followthrough.club``; both go through ``gate``.)
"""

from __future__ import annotations

import datetime as dt

from django.core import signing

SALT = "followthrough.accounts.invitation"
MAX_AGE = dt.timedelta(days=14)
PREFIX = "host:"  # tells our tokens from other apps' in the session


def make(email: str) -> str:
    return PREFIX + signing.dumps({"email": email.strip().lower()}, salt=SALT, compress=True)


def email_of(token: str) -> str:
    """The address a valid, unexpired token of ours invites, or ``""``."""
    if not token.startswith(PREFIX):
        return ""
    try:
        data = signing.loads(token[len(PREFIX):], salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return ""
    return data.get("email", "") if isinstance(data, dict) else ""


def is_valid(token: str) -> bool:
    """A token of ours, unexpired, for an address that has no account yet."""
    from allauth.account.models import EmailAddress

    email = email_of(token)
    return bool(email) and not EmailAddress.objects.filter(email__iexact=email).exists()
