"""A draft as the mail program wants it: a ``mailto:`` URL or an ``.eml`` file.

``mailto:`` follows RFC 6068: the address and every header value
percent-encoded as UTF-8 (``quote`` with nothing left safe, so ``&``, ``?``,
``=``, ``#`` and ``%`` in the text cannot end a field early), line breaks as
``%0D%0A``. The ``.eml`` is an RFC 5322 message marked ``X-Unsent: 1``, which
Outlook and Thunderbird open as a draft ready to edit and send. An
internationalised address keeps its domain in ASCII (IDNA); a local part that is
not ASCII (``josé@``) has no ASCII form, so that message's headers are UTF-8
(RFC 6532), never an encoded word, which an address may not hold.
"""

from __future__ import annotations

import datetime as dt
import re
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import quote

from django.utils.encoding import punycode

MESSAGE_ID_DOMAIN = "followthrough.invalid"


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


# A line break (or any control character, or U+2028/2029) in an address would start
# a header of its own ("Bcc: ..."); such an address is left out, not repaired.
_NOT_IN_AN_ADDRESS = re.compile(r"[\x00-\x20\x7f\x85\u2028\u2029]")
_NOT_IN_A_NAME = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def usable_address(to: str) -> str:
    """``to`` if it can go into a header as it is, else ``""`` (the draft has no recipient)."""
    to = (to or "").strip()
    return "" if _NOT_IN_AN_ADDRESS.search(to) else to


def _one_line(text: str) -> str:
    return " ".join(_NOT_IN_A_NAME.sub(" ", text or "").split())


def mailto_url(to: str, subject: str, body: str) -> str:
    """``mailto:ADDRESS?subject=...&body=...`` (the address may be empty)."""
    address = quote(usable_address(to), safe="@")
    return (
        f"mailto:{address}?subject={quote(subject, safe='')}"
        f"&body={quote(crlf(body), safe='')}"
    )


def eml(
    *, to: str, to_name: str, subject: str, body: str, when: dt.datetime, sender: str = ""
) -> bytes:
    """The message as RFC 5322 bytes (CRLF line ends, UTF-8), unsent."""
    to = usable_address(to)
    recipient = _address(_one_line(to_name), to) if to else ""
    ascii_only = not isinstance(recipient, Address) or recipient.username.isascii()
    message = EmailMessage(policy=policy.SMTP if ascii_only else policy.SMTPUTF8)
    if recipient:
        message["To"] = recipient
    if sender and not _NOT_IN_A_NAME.search(sender):
        message["From"] = sender
    message["Subject"] = _one_line(subject)
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain=MESSAGE_ID_DOMAIN)
    message["X-Unsent"] = "1"
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    return message.as_bytes()


def _address(name: str, email: str) -> Address | str:
    user, _, domain = email.rpartition("@")
    if not user or not domain:
        return email
    try:
        return Address(display_name=name, username=user, domain=punycode(domain))
    except (ValueError, TypeError):
        return email
