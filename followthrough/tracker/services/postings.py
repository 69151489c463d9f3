"""Capture a job posting: read a page's schema.org ``JobPosting`` into an opportunity.

A page (a saved file, a fetched URL, or the HTML the bookmarklet sends) is read
with extruct, as JSON-LD (a single object, an array, or a ``@graph``) and as
microdata. The first ``JobPosting`` found gives the role (``title``), the
organization (``hiringOrganization.name``, matched by name or made), the
posting's address (``url``, else the page's canonical link, else where it was
fetched from), the place (``jobLocation``'s city, region and country; remote for
``jobLocationType: TELECOMMUTE``), the salary (``baseSalary``), the description
as plain text, the day it was posted and its deadline (``validThrough``) as the
*apply by* date that the agenda reminds of (rule ``apply-by``).

A page without a posting is an ``InputError`` and nothing is made.

Fetching a URL (``fetch_page``) follows at most a few redirects, each checked
again: http and https only, never a private, loopback or link-local address
(the check pins the connection to the address it vetted), a timeout and a size cap.
"""

from __future__ import annotations

import datetime as dt
import html
import http.client
import ipaddress
import re
import socket
import ssl
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.db import transaction

from ..models import Opportunity, Source
from .errors import InputError
from .jobfields import DESCRIPTION_LIMIT, JobFields, parse_amount
from .opportunities import OpportunityInput, add_opportunity, clean_posting_url

MAX_PAGE_BYTES = 3 * 1024 * 1024
"""A posting page larger than this (3 MiB) is refused, fetched or uploaded."""

FETCH_TIMEOUT = 10.0
"""Seconds for the whole fetch, redirects included."""

MAX_REDIRECTS = 5
USER_AGENT = "Followthrough posting capture (+a local job-search tracker)"

_UNITS = {"year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour"}
_UNIT_ALIASES = {"annual": "year", "yearly": "year", "annually": "year", "hourly": "hour"}


@dataclass
class Posting:
    """What a page's ``JobPosting`` says, cleaned; empty strings and None where it is silent."""

    title: str = ""
    organization: str = ""
    url: str = ""
    location: str = ""
    remote: bool = False
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str = ""
    salary_unit: str = ""
    description: str = ""
    posted_on: dt.date | None = None
    apply_by: dt.date | None = None
    notes: list[str] = field(default_factory=list)

    def job_fields(self) -> JobFields:
        return JobFields(
            location=self.location,
            remote=self.remote,
            salary_min=self.salary_min,
            salary_max=self.salary_max,
            salary_currency=self.salary_currency,
            salary_unit=self.salary_unit,
            description=self.description,
            posted_on=self.posted_on,
            apply_by=self.apply_by,
        )


# Reading a page ---------------------------------------------------------------


def read_posting(page: str | bytes, base_url: str = "", where: str = "posting") -> Posting:
    """The ``JobPosting`` of ``page``; ``InputError`` (naming ``where``) when it has none."""
    import extruct
    from lxml import html as lxml_html

    if not page or not page.strip():
        raise InputError(f"{where}: the page is empty; save the whole job page and try again.")
    try:
        found = extruct.extract(
            page, base_url=base_url or None, syntaxes=["json-ld", "microdata"], uniform=True
        )
    except Exception:  # extruct raises lxml's and json's errors on broken pages
        found = {"json-ld": [], "microdata": []}
    job = None
    for item in [*found.get("json-ld", []), *found.get("microdata", [])]:
        job = _first_job(item)
        if job is not None:
            break
    if job is None:
        raise InputError(
            f"{where}: no job posting found on this page (it has no schema.org JobPosting);"
            " add the opportunity by hand with its link instead.",
            "posting",
        )
    canonical = ""
    try:
        tree = lxml_html.fromstring(page)
        links = tree.xpath("//link[@rel='canonical']/@href")
        canonical = links[0].strip() if links else ""
    except Exception:  # lxml: an unparsable page simply has no canonical link
        canonical = ""
    return _posting(job, base_url, canonical)


def _types(item: dict) -> set[str]:
    kind = item.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for k in kinds}


def _first_job(item) -> dict | None:
    """The first ``JobPosting`` in ``item``: itself, its ``@graph``, a list, or nested."""
    if isinstance(item, list):
        for one in item:
            found = _first_job(one)
            if found is not None:
                return found
        return None
    if not isinstance(item, dict):
        return None
    if "JobPosting" in _types(item):
        return item
    for key in ("@graph", "mainEntity", "itemListElement", "item"):
        if key in item:
            found = _first_job(item[key])
            if found is not None:
                return found
    return None


def _first(value):
    """The first of a list, or the value itself."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _text(value) -> str:
    """Plain text from a string, a number or a ``{"@value": ...}`` / ``{"name": ...}``."""
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    if value is None:
        return ""
    return re.sub(r"\s+", " ", html.unescape(str(value))).strip()


def plain_text(value) -> str:
    """A description as plain text: HTML (even escaped HTML) and entities cleaned away."""
    import html_text

    raw = value if isinstance(value, str) else _text(value)
    if not raw.strip():
        return ""
    # JSON-LD often carries escaped HTML ("&lt;p&gt;"): unescape it once, then read the tags.
    if re.search(r"&lt;\s*/?\s*[a-zA-Z]", raw):
        raw = html.unescape(raw)
    text = html_text.extract_text(raw, guess_layout=True) if "<" in raw else html.unescape(raw)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text[:DESCRIPTION_LIMIT]


def _date(value) -> dt.date | None:
    text = _text(value)
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def _place(job: dict) -> str:
    places = job.get("jobLocation") or []
    places = places if isinstance(places, list) else [places]
    seen: list[str] = []
    for place in places:
        if isinstance(place, str):
            parts = [place]
        elif isinstance(place, dict):
            address = _first(place.get("address")) or {}
            if isinstance(address, str):
                parts = [address]
            else:
                country = address.get("addressCountry")
                if isinstance(_first(country), dict):
                    country = _first(country).get("name")
                parts = [
                    _text(address.get("addressLocality")),
                    _text(address.get("addressRegion")),
                    _text(country),
                ]
                if not any(parts):
                    parts = [_text(place.get("name"))]
        else:
            continue
        text = ", ".join(dict.fromkeys(p for p in parts if p))
        if text and text not in seen:
            seen.append(text)
    return "; ".join(seen)[:200]


def _remote(job: dict) -> bool:
    kinds = job.get("jobLocationType") or []
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any("telecommute" in _text(k).lower() for k in kinds)


def _salary(job: dict, posting: Posting) -> None:
    salary = _first(job.get("baseSalary") or job.get("estimatedSalary"))
    if salary is None:
        return
    if not isinstance(salary, dict):
        posting.salary_min = posting.salary_max = _amount(salary, posting)
        return
    posting.salary_currency = _text(salary.get("currency") or salary.get("salaryCurrency"))[:3]
    if not re.fullmatch(r"[A-Za-z]{3}", posting.salary_currency):
        posting.salary_currency = ""
    posting.salary_currency = posting.salary_currency.upper()
    value = _first(salary.get("value"))
    if isinstance(value, dict):
        low = value.get("minValue", value.get("value"))
        high = value.get("maxValue", value.get("value"))
        unit = _text(value.get("unitText")).lower()
    else:
        low = high = value
        unit = _text(salary.get("unitText")).lower()
    posting.salary_min = _amount(low, posting)
    posting.salary_max = _amount(high, posting)
    low, high = posting.salary_min, posting.salary_max
    if low is not None and high is not None and low > high:
        posting.salary_min, posting.salary_max = high, low
    posting.salary_unit = _UNITS.get(unit, _UNIT_ALIASES.get(unit, ""))


def _amount(value, posting: Posting) -> int | None:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value")
    if value is None or value == "":
        return None
    try:
        return parse_amount(value if isinstance(value, int | float) else str(value), "salary")
    except InputError:
        posting.notes.append(f"salary {value!r} was not a number; left out")
        return None


def _posting(job: dict, base_url: str, canonical: str) -> Posting:
    posting = Posting()
    posting.title = _text(job.get("title") or job.get("name"))[:200]
    org = _first(job.get("hiringOrganization"))
    posting.organization = _text(org.get("name") if isinstance(org, dict) else org)[:200]
    for candidate in (_text(job.get("url")), canonical, base_url):
        if not candidate:
            continue
        url = urljoin(base_url, candidate) if base_url else candidate
        try:
            posting.url = clean_posting_url(url)
        except InputError:
            continue
        if urlsplit(posting.url).scheme in ("http", "https"):
            break
        posting.url = ""
    posting.location = _place(job)
    posting.remote = _remote(job)
    _salary(job, posting)
    posting.description = plain_text(job.get("description"))
    posting.posted_on = _date(job.get("datePosted"))
    posting.apply_by = _date(job.get("validThrough"))
    return posting


# Fetching a page ----------------------------------------------------------------


def address_allowed(ip: str) -> bool:
    """Only public addresses: no loopback, private, link-local, multicast or reserved."""
    try:
        address = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    return address.is_global and not address.is_multicast


def _check_url(url: str, where: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(
            f"{where}: only http and https addresses can be fetched, not {parts.scheme or 'this'}"
            " (save the page and give the file instead).",
            "posting",
        )
    host = parts.hostname or ""
    if not host:
        raise InputError(f"{where}: {url!r} names no host.", "posting")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise InputError(f"{where}: {url!r} has a port that is not a number.", "posting") from None
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, host, port, path


getaddrinfo = socket.getaddrinfo  # a name of its own, so a test can answer for DNS


def _resolve(host: str, port: int, where: str) -> str:
    try:
        infos = getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise InputError(
            f"{where}: cannot find the host {host!r}; check the address or your connection.",
            "posting",
        ) from None
    addresses = [info[4][0] for info in infos]
    if not addresses or not all(address_allowed(a) for a in addresses):
        raise InputError(
            f"{where}: {host} is a private or local address; only public web pages are fetched"
            " (save the page and give the file instead).",
            "posting",
        )
    return addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address that was vetted, not to whatever DNS answers next."""

    def __init__(self, host: str, ip: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, ip: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch_page(url: str, where: str = "posting") -> tuple[bytes, str, str]:
    """``(body, content_type, final_url)`` of a public web page, within the limits above."""
    deadline = time.monotonic() + FETCH_TIMEOUT
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port, path = _check_url(url, where)
        ip = _resolve(host, port, where)
        left = max(0.5, deadline - time.monotonic())
        cls = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
        connection = cls(host, ip, port, left)
        try:
            connection.request(
                "GET", path, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"}
            )
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise InputError(
                    f"{where}: {host} answered {response.status} {response.reason};"
                    " open the page in a browser, save it and give the file instead.",
                    "posting",
                )
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > MAX_PAGE_BYTES:
                raise _too_big(where)
            body = _read_capped(response, deadline, where)
            return body, response.getheader("Content-Type") or "", url
        except TimeoutError:
            raise _timed_out(where) from None
        except ssl.SSLError as error:
            raise InputError(
                f"{where}: the secure connection to {host} failed ({error.reason or error});"
                " save the page and give the file instead.",
                "posting",
            ) from None
        except (OSError, http.client.HTTPException) as error:
            raise InputError(
                f"{where}: could not fetch {host} ({error.__class__.__name__});"
                " save the page and give the file instead.",
                "posting",
            ) from None
        finally:
            connection.close()
    raise InputError(f"{where}: too many redirects; open the page in a browser.", "posting")


def _read_capped(response, deadline: float, where: str) -> bytes:
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise _timed_out(where)
        chunk = response.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_PAGE_BYTES:
            raise _too_big(where)
        chunks.append(chunk)


def _too_big(where: str) -> InputError:
    return InputError(
        f"{where}: the page is larger than {MAX_PAGE_BYTES // (1024 * 1024)} MiB;"
        " that is not a job posting page.",
        "posting",
    )


def _timed_out(where: str) -> InputError:
    return InputError(
        f"{where}: the page took more than {FETCH_TIMEOUT:.0f} seconds;"
        " save it from your browser and give the file instead.",
        "posting",
    )


def decode_page(body: bytes, content_type: str = "") -> str:
    """The page's text, in the encoding its header or its ``<meta charset>`` gives."""
    from w3lib.encoding import html_to_unicode

    _, text = html_to_unicode(content_type or None, body)
    return text


def read_url(url: str, where: str = "posting") -> Posting:
    """A posting from a public http(s) address (``jobs.example.com/x`` gets ``https://``)."""
    text = (url or "").strip()
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text):
        text = "https://" + text
    body, content_type, final_url = fetch_page(text, where)
    return read_posting(decode_page(body, content_type), final_url, where)


def read_upload(upload, where: str = "posting") -> Posting:
    """A posting from an uploaded file (a saved page), within the size cap."""
    if upload.size > MAX_PAGE_BYTES:
        raise _too_big(where)
    return read_posting(decode_page(upload.read()), "", where)


def read_source(source: str, where: str = "--posting") -> Posting:
    """A posting from a saved file or an http(s) URL (the CLI's ``--posting``)."""
    text = (source or "").strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text):
        return read_url(text, where)
    path = Path(text).expanduser()
    if not path.is_file():
        raise InputError(
            f"{where}: {text!r} is neither a file nor an http(s) address;"
            " save the job page (Ctrl+S) and give its path.",
            "posting",
        )
    if path.stat().st_size > MAX_PAGE_BYTES:
        raise _too_big(where)
    return read_posting(decode_page(path.read_bytes()), "", where)


# Making the opportunity -----------------------------------------------------------


def existing(owner, posting: Posting) -> Opportunity | None:
    """An opportunity already made from the same posting address."""
    if not posting.url:
        return None
    return (
        Opportunity.objects.filter(owner=owner, posting_url=posting.url)
        .select_related("organization")
        .first()
    )


@transaction.atomic
def add_from_posting(
    owner,
    posting: Posting,
    today: dt.date,
    *,
    role: str | None = None,
    organization: str | None = None,
    stage: str | None = None,
    interest: int | str | None = None,
    notes: str = "",
    overrides: JobFields | None = None,
    where: str = "posting",
) -> Opportunity:
    """Make an opportunity from ``posting``; what is given besides it overrides the page."""
    found = existing(owner, posting)
    if found is not None:
        raise InputError(
            f"{where}: this posting is already in your pipeline as “{found}” (id {found.pk}).",
            "posting",
        )
    role = (role or "").strip() or posting.title
    org = (organization or "").strip() or posting.organization
    if not role:
        raise InputError(
            f"{where}: the posting gives no job title; give the role as well.", "role"
        )
    if not org:
        raise InputError(
            f"{where}: the posting names no hiring organization; give the organization as well.",
            "organization",
        )
    job = posting.job_fields()
    for name, value in vars(overrides or JobFields()).items():
        if value is not None:
            setattr(job, name, value)
    data = OpportunityInput(
        role=role,
        organization=org,
        stage=stage,
        source=Source.POSTING,
        interest=interest,
        posting_url=posting.url,
        notes=notes,
        job=job,
    )
    return add_opportunity(owner, data, today)
