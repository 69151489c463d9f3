"""One message, from raw bytes: the headers that matter, decoded; its calendar parts; text.

Headers are read without parsing the body (a mailbox of 50,000 messages must
import in seconds); encoded words (RFC 2047) and display names are decoded
with the standard library's ``email`` package and ``policy.default``. The body
is parsed only when asked (``read_body``): for calendar parts, the snippet and
the phrases that suggest a rejection or an invitation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import HeaderRegistry
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from .addresses import normalize

_HEADERS = re.compile(rb"\r?\n\r?\n")
_MSGID = re.compile(r"<[^<>\s]+>")
_REGISTRY = HeaderRegistry()
_FULL = BytesParser(policy=policy.default)
SNIPPET_CHARS = 300


@dataclass
class Parsed:
    message_id: str
    thread: str
    sender: tuple[str, str]  # (address, display name)
    recipients: list[tuple[str, str]]
    sent_at: dt.datetime | None
    subject: str
    calendar_hint: bool
    raw: bytes = field(repr=False, default=b"")
    index: int = 0  # its place in the batch (IMAP fetches the body by it when needed)

    def participants(self) -> list[tuple[str, str]]:
        """Everyone named in From, To and Cc, each address once (From first)."""
        seen: set[str] = set()
        result = []
        for address, name in [self.sender, *self.recipients]:
            if address and address not in seen:
                seen.add(address)
                result.append((address, name))
        return result


def split_headers(raw: bytes) -> tuple[dict[str, str], int]:
    """The header fields (lower-cased names; the first of each) and where the body starts."""
    match = _HEADERS.search(raw)
    end = match.start() if match else len(raw)
    body_at = match.end() if match else len(raw)
    text = raw[:end].decode("utf-8", "surrogateescape")
    headers: dict[str, str] = {}
    name = None
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and name is not None:
            if name in headers and headers[name] is not None:
                headers[name] += " " + line.strip()
            continue
        key, sep, value = line.partition(":")
        if not sep or " " in key.strip() or not key.strip():
            name = None
            continue
        name = key.strip().lower()
        if name in headers:
            name = None  # keep the first of a repeated field
            continue
        headers[name] = value.strip()
    return headers, body_at


def decode(value: str, name: str = "subject") -> str:
    """An unstructured header's text, RFC 2047 encoded words decoded (policy.default)."""
    value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if "=?" not in value:
        return " ".join(value.split())
    header = _REGISTRY(name, value)
    return " ".join(str(header).split())


def addresses(value: str | None) -> list[tuple[str, str]]:
    """``[(address, name)]`` of an address header, names decoded, addresses lower-cased."""
    if not value:
        return []
    value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if "=?" in value:
        try:
            header = _REGISTRY("to", value)
            return [
                (normalize(a.addr_spec), a.display_name or "")
                for a in header.addresses
                if a.username
            ]
        except (ValueError, IndexError, TypeError):
            pass
    fast = _fast_addresses(value)
    if fast is not None:
        return fast
    return [
        (normalize(addr), " ".join(name.split()))
        for name, addr in getaddresses([value])
        if "@" in addr
    ]


_NAMED = re.compile(r"^\s*([^<>]*?)\s*<\s*([^<>\s@]+@[^<>\s@]+)\s*>\s*$")
_BARE = re.compile(r"^\s*([^<>\s@]+@[^<>\s@]+)\s*$")


def _fast_addresses(value: str) -> list[tuple[str, str]] | None:
    """The common shapes (``Name <a@b>``, ``a@b``, comma-separated) without the full parser;
    ``None`` for anything quoted, commented or odd, which ``getaddresses`` reads instead."""
    if '"' in value or "(" in value or "\\" in value or ";" in value:
        return None
    result = []
    for part in value.split(","):
        if not part.strip():
            continue
        match = _NAMED.match(part)
        if match:
            result.append((match.group(2).lower(), " ".join(match.group(1).split())))
            continue
        match = _BARE.match(part)
        if match is None:
            return None
        result.append((match.group(1).lower(), ""))
    return result


def message_ids(value: str | None) -> list[str]:
    return _MSGID.findall(value or "")


def parse_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when


def parse(raw: bytes) -> Parsed | None:
    """The message's facts, or ``None`` when these bytes are not a message at all."""
    headers, _ = split_headers(raw)
    if not ({"from", "date", "message-id"} & headers.keys()):
        return None
    senders = addresses(headers.get("from"))
    recipients = addresses(headers.get("to")) + addresses(headers.get("cc"))
    sent_at = parse_date(headers.get("date"))
    subject = decode(headers.get("subject", ""))
    ids = message_ids(headers.get("message-id"))
    if ids:
        message_id = ids[0]
    else:
        digest = hashlib.sha1(
            "|".join([headers.get("date", ""), headers.get("from", ""), subject]).encode(
                "utf-8", "replace"
            )
        ).hexdigest()
        message_id = f"<{digest}@followthrough.invalid>"
    references = message_ids(headers.get("references")) or message_ids(headers.get("in-reply-to"))
    content_type = headers.get("content-type", "").lower()
    return Parsed(
        message_id=message_id[:300],
        thread=(references[0] if references else message_id)[:300],
        sender=senders[0] if senders else ("", ""),
        recipients=recipients,
        sent_at=sent_at,
        subject=subject[:1000],
        calendar_hint="text/calendar" in content_type
        or (content_type.startswith("multipart/") and b"text/calendar" in raw[:2_000_000].lower()),
        raw=raw,
    )


@dataclass
class Body:
    text: str
    calendars: list[bytes]


def read_body(raw: bytes) -> Body:
    """The plain text (or HTML stripped to text) and every text/calendar part."""
    message = _FULL.parsebytes(raw)
    text = ""
    html = ""
    calendars: list[bytes] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        try:
            if kind == "text/calendar" or part.get_filename("").lower().endswith(".ics"):
                payload = part.get_payload(decode=True)
                if payload:
                    calendars.append(payload)
            elif part.get_content_disposition() == "attachment":
                continue
            elif kind == "text/plain" and not text:
                text = part.get_content()
            elif kind == "text/html" and not html:
                html = part.get_content()
        except (LookupError, ValueError, AssertionError):
            continue  # an unknown charset or a broken part: skip the part, not the message
    if not text and html:
        text = _strip_html(html)
    return Body(text=text, calendars=calendars)


_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)


def _strip_html(html: str) -> str:
    import html as html_lib

    return html_lib.unescape(_TAGS.sub(" ", html))


def snippet(text: str) -> str:
    """The first 300 characters of the new text, quoted replies stripped.

    The reply parser (mail-parser-reply) drops the quoted history and the
    "On ... wrote:" line in several languages; lines still quoted with ``>`` go too.
    """
    from mailparser_reply import EmailReplyParser

    try:
        latest = EmailReplyParser(languages=["en", "de", "fr", "es", "nl", "it"]).parse_reply(
            text=text
        )
    except Exception:  # the parser is a heuristic: never let it lose the message
        latest = text
    lines = [line for line in (latest or "").splitlines() if not line.lstrip().startswith(">")]
    return " ".join(" ".join(lines).split())[:SNIPPET_CHARS]
