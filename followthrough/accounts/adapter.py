"""allauth, fitted to Followthrough: sign-up only with an invitation."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django import forms

from . import gate, invitations


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Open only while the session holds an invitation a registered check accepts."""
        return gate.is_open(request)

    def clean_email(self, email: str) -> str:
        """A host's email invitation is for its own address only."""
        email = super().clean_email(email)
        request = getattr(self, "request", None)
        invited = invitations.email_of(gate.token_of(request)) if request else ""
        if invited and email.strip().lower() != invited:
            raise forms.ValidationError(
                f"This invitation is for {invited}; sign up with that address."
            )
        return email
