"""The two modes' middleware: local (one owner, no login, loopback only) and hosted.

A plain module (no models) so that ``settings`` can build ``MIDDLEWARE`` from it, and
tests can switch a test to hosted mode with the very list production uses.
"""

from __future__ import annotations

# Local mode: refuse any peer that is not this computer first, sign the owner in
# without a password, and answer 404 under /accounts/ (there are no accounts).
_LOCAL_FIRST = ["followthrough.security.middleware.LoopbackOnlyMiddleware"]
_LOCAL_AFTER_AUTH = [
    "followthrough.tracker.middleware.LocalOwnerMiddleware",
    "followthrough.accounts.middleware.NoAccountsLocallyMiddleware",
]
# Hosted mode: every page needs a signed-in account, except the views marked
# login_not_required (sign-in, sign-up, reset, an invitation, the calendar feed, the
# bookmarklet): Django's LoginRequiredMiddleware, answering htmx with HX-Redirect.
_HOSTED_AFTER_AUTH = ["followthrough.accounts.middleware.LoginRequiredMiddleware"]


def middleware(hosted: bool) -> list[str]:
    """``settings.MIDDLEWARE`` for a mode."""
    return [
        *([] if hosted else _LOCAL_FIRST),
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        # CSP and Cache-Control: no-store on every page (static files are served above).
        "followthrough.security.middleware.SecurityHeadersMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        *(_HOSTED_AFTER_AUTH if hosted else _LOCAL_AFTER_AUTH),
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "django_htmx.middleware.HtmxMiddleware",
        "allauth.account.middleware.AccountMiddleware",
        # Turns a locked-out sign-in (too many wrong passwords) into its page.
        "axes.middleware.AxesMiddleware",
        "followthrough.tracker.middleware.TimezoneMiddleware",
    ]
