"""The mail pages' forms: plain fields; the services check the values."""

from __future__ import annotations

from django import forms

from . import secret
from .models import Security


class AddressesForm(forms.Form):
    my_emails = forms.CharField(
        label="Your email addresses",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "email"}),
        help_text="One per line or separated by commas. Mail from these is yours (outbound).",
    )
    keep_snippet = forms.BooleanField(
        label="Keep a snippet of each message (its first 300 characters, quoted replies removed)",
        required=False,
    )


class AccountForm(forms.Form):
    host = forms.CharField(label="IMAP server", max_length=255, required=False,
                           widget=forms.TextInput(attrs={"placeholder": "imap.example.com"}))
    port = forms.CharField(label="Port", max_length=5, required=False,
                           help_text="Empty for the usual one: 993 with TLS, 143 otherwise.")
    user = forms.CharField(label="User name", max_length=255, required=False)
    security = forms.ChoiceField(label="Security", choices=Security.choices)
    folders = forms.CharField(
        label="Folders", required=False,
        help_text="One per line; empty for INBOX and the Sent folder your server marks.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    password = forms.CharField(
        label="Password", required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = (
            f"{secret.where_kept()} Leave it empty to keep the one you gave before."
        )


class MailFileForm(forms.Form):
    prefix = "mail"  # it shares the Import page with the contacts upload form
    KINDS = [("mbox", "Mailbox (.mbox)"), ("eml", "Messages (.eml)"), ("ics", "Calendar (.ics)")]
    kind = forms.ChoiceField(label="Kind of file", choices=KINDS)
    file = forms.FileField(label="File")
