"""allauth's forms, in the app's words."""

from __future__ import annotations

from allauth.account.forms import LoginForm


class SignInForm(LoginForm):
    """The sign-in form; "Keep me signed in" rather than allauth's "Remember Me"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me signed in"
