"""mailto: (RFC 6068) round-trips any text; the .eml (RFC 5322) parses and is unsent."""

from __future__ import annotations

import datetime as dt
import email
from email import policy
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from followthrough.drafts import mail
from followthrough.drafts.services import Draft

TRICKY_SUBJECT = "Ça va? Q&A = 100% #1 + more"
TRICKY_BODY = "Hi Zoë,\n\nAre you free? a=1&b=2 — 50% off #hashtag\nLine 3 ✓\n"


def parse_mailto(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    fields = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    return unquote(parts.path), {k: v[0] for k, v in fields.items()}


def test_mailto_round_trips_non_ascii_ampersands_question_marks_and_newlines():
    url = mail.mailto_url("zoe@example.org", TRICKY_SUBJECT, TRICKY_BODY)

    to, fields = parse_mailto(url)

    assert to == "zoe@example.org"
    assert fields == {"subject": TRICKY_SUBJECT, "body": TRICKY_BODY.replace("\n", "\r\n")}


def test_mailto_encodes_line_breaks_as_crlf_and_leaves_nothing_raw():
    url = mail.mailto_url("", "A & B", "one\ntwo")
    assert url == "mailto:?subject=A%20%26%20B&body=one%0D%0Atwo"
    query = url.split("?", 1)[1]
    assert query.count("&") == 1 and "?" not in query and " " not in url


def test_a_draft_gives_its_mailto():
    draft = Draft(TRICKY_SUBJECT, TRICKY_BODY, "zoe@example.org")
    assert parse_mailto(draft.mailto)[1]["subject"] == TRICKY_SUBJECT


@pytest.fixture
def message():
    when = dt.datetime(2026, 3, 3, 9, 30, tzinfo=dt.UTC)
    raw = mail.eml(to="zoe@example.org", to_name="Zoë Park", subject=TRICKY_SUBJECT,
                   body=TRICKY_BODY, when=when)
    return raw, email.message_from_bytes(raw, policy=policy.default)


def test_the_eml_parses_as_an_unsent_utf8_message(message):
    _, parsed = message

    assert parsed["X-Unsent"] == "1"
    assert parsed["To"].addresses[0].addr_spec == "zoe@example.org"
    assert parsed["To"].addresses[0].display_name == "Zoë Park"
    assert parsed["Subject"] == TRICKY_SUBJECT
    assert parsedate_to_datetime(parsed["Date"]) == dt.datetime(2026, 3, 3, 9, 30, tzinfo=dt.UTC)
    assert parsed["Message-ID"].startswith("<") and parsed["Message-ID"].endswith(">")
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content_charset() == "utf-8"
    assert parsed.get_content() == TRICKY_BODY.replace("\n", "\r\n")


def test_the_eml_is_ascii_on_the_wire_with_crlf_lines(message):
    raw, _ = message
    raw.decode("ascii")  # headers and body encoded, as RFC 5322 wants
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998


def test_an_eml_without_an_address_has_no_to():
    raw = mail.eml(to="", to_name="", subject="Hi", body="Hi\n",
                   when=dt.datetime(2026, 3, 3, tzinfo=dt.UTC))
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["To"] is None and parsed["X-Unsent"] == "1"
