"""Capturing a job posting (issue 13, point 1): saved pages only, never the network."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import json
import socket
import threading
import time
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from followthrough.engine.sync import sync
from followthrough.tracker.models import (
    Opportunity,
    Organization,
    Rule,
    Stage,
    Task,
    TaskStatus,
)
from followthrough.tracker.services import postings
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.opportunities import move
from tests.cli_helpers import failure, ok

PAGES = Path(__file__).parent / "pages"
TODAY = dt.date(2026, 12, 6)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def page(name: str) -> str:
    return str(PAGES / name)


# Reading the page ------------------------------------------------------------------


def test_json_ld_graph_gives_every_field():
    found = postings.read_source(page("graph.html"))
    assert found.title == "Senior Platform Engineer"
    assert found.organization == "Northwind Labs"
    assert found.url == "https://careers.northwind.example/jobs/4411?src=feed"  # url wins
    assert found.location == "Berlin, BE, DE"
    assert found.remote is True  # jobLocationType: TELECOMMUTE
    assert (found.salary_min, found.salary_max) == (78000, 95000)
    assert (found.salary_currency, found.salary_unit) == ("EUR", "year")
    assert found.posted_on == dt.date(2026, 11, 28)
    assert found.apply_by == dt.date(2026, 12, 20)  # validThrough, time and zone dropped
    # Escaped HTML and entities cleaned into plain text, paragraphs and list items kept apart.
    assert found.description == (
        "You will run our build & deploy platform.\n\nKubernetes\nTerraform & Go\n\n"
        "Café on Fridays."
    )
    assert "<" not in found.description and "&" + "amp;" not in found.description


def test_json_ld_array_with_canonical_link_and_several_places():
    found = postings.read_source(page("array.html"))
    assert found.title == "Product Designer"
    assert found.organization == "Fabrikam"  # a plain string is a name too
    assert found.url == "https://jobs.fabrikam.example/product-designer"  # the canonical link
    assert found.location == "Lisbon, Portugal; Porto, PT"
    assert found.remote is False
    assert (found.salary_min, found.salary_max, found.salary_unit) == (33, 33, "hour")
    assert found.salary_currency == "EUR"
    assert found.apply_by is None
    assert found.description.startswith("About the role\n\nShape the checkout — end to end.")


def test_microdata():
    found = postings.read_source(page("microdata.html"))
    assert (found.title, found.organization) == ("Data Analyst", "Contoso")
    assert found.url == "https://contoso.example/careers/data-analyst"
    assert found.location == "Montréal, QC, CA"
    assert (found.salary_min, found.salary_max, found.salary_currency) == (65000, 72000, "CAD")
    assert found.apply_by == dt.date(2027, 1, 15)
    assert found.description == "Turn sales data into decisions.\n\nSQL\nDashboards & reports"


def test_a_page_without_a_posting_is_one_clean_error():
    with pytest.raises(InputError, match="no job posting found on this page"):
        postings.read_source(page("no_posting.html"))
    with pytest.raises(InputError, match="the page is empty"):
        postings.read_posting("   ")


# The CLI ---------------------------------------------------------------------------


def test_opp_add_posting_fills_the_opportunity():
    out = ok("opp", "add", "--posting", page("graph.html"), "--tag", "platform", "--interest", "4")
    assert out.startswith("Added Senior Platform Engineer at Northwind Labs (id ")
    assert "Salary: 78,000 to 95,000 EUR per year" in out
    assert "Where: Berlin, BE, DE · remote" in out
    assert "Apply by: Sun 20 Dec 2026" in out
    opp = Opportunity.objects.get()
    assert opp.source == "posting" and opp.stage == Stage.LEAD and opp.interest == 4
    assert opp.organization.name == "Northwind Labs"
    assert [t.name for t in opp.tags.all()] == ["platform"]
    data = json.loads(ok("opp", "show", str(opp.pk), "--json"))
    assert data["apply_by"] == "2026-12-20" and data["remote"] is True
    assert data["description"].startswith("You will run our build & deploy platform.")


def test_opp_add_posting_matches_an_existing_organization_and_options_override():
    ok("org", "add", "northwind labs")
    ok(
        "opp", "add", "Staff Platform Engineer", "--posting", page("graph.html"),
        "--location", "Hamburg", "--salary-max", "99k",
    )  # fmt: skip
    opp = Opportunity.objects.get()
    assert Organization.objects.count() == 1 and opp.organization.name == "northwind labs"
    assert opp.role == "Staff Platform Engineer"
    assert (opp.location, opp.salary_min, opp.salary_max) == ("Hamburg", 78000, 99000)


def test_opp_add_posting_errors_create_nothing():
    assert "no job posting found" in failure("opp", "add", "--posting", page("no_posting.html"))
    assert "neither a file nor" in failure("opp", "add", "--posting", "missing.html")
    ok("opp", "add", "--posting", page("microdata.html"))
    again = failure("opp", "add", "--posting", page("microdata.html"))
    assert "already in your pipeline as “Data Analyst at Contoso”" in again
    assert Opportunity.objects.count() == 1
    assert Organization.objects.count() == 1


def test_opp_add_needs_role_and_org_without_a_posting():
    assert failure("opp", "add").startswith("error: ROLE is required")
    assert failure("opp", "add", "Designer").startswith("error: --org is required")


# Fetching: the guards ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url, says",
    [
        ("ftp://jobs.example.com/1", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http://127.0.0.1:8000/", "private or local address"),
        ("http://localhost/jobs", "private or local address"),
        ("http://10.1.2.3/jobs", "private or local address"),
        ("http://192.168.1.1/", "private or local address"),
        ("http://169.254.169.254/latest/meta-data/", "private or local address"),
        ("http://[::1]/", "private or local address"),
        ("http://[::ffff:127.0.0.1]/", "private or local address"),
    ],
)
def test_only_public_http_addresses_are_fetched(url, says):
    assert says in failure("opp", "add", "--posting", url)
    assert not Opportunity.objects.exists()


@pytest.fixture
def local_site(monkeypatch):
    """A web server on loopback serving the saved pages; loopback allowed for this test only."""
    monkeypatch.setattr(postings, "address_allowed", lambda ip: True)
    routes: dict[str, tuple[int, dict, bytes]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            status, headers, body = routes.get(self.path, (404, {}, b"not found"))
            if status == 0:  # a server that never answers in time
                time.sleep(1.5)
                status = 200
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield base, routes
    server.shutdown()
    server.server_close()


def test_fetch_follows_a_redirect_and_reads_the_page(local_site):
    base, routes = local_site
    routes["/old"] = (301, {"Location": "/jobs/7"}, b"")
    body = (PAGES / "microdata.html").read_bytes()
    routes["/jobs/7"] = (200, {"Content-Type": "text/html; charset=utf-8"}, body)
    found = postings.read_url(base + "/old")
    assert found.title == "Data Analyst" and found.location == "Montréal, QC, CA"


def test_fetch_rechecks_every_redirect(local_site, monkeypatch):
    base, routes = local_site
    monkeypatch.setattr(postings, "address_allowed", lambda ip: ip != "10.0.0.8")
    monkeypatch.setattr(
        postings,
        "getaddrinfo",
        lambda host, port, **kw: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (
            "10.0.0.8" if host == "intranet.example" else "127.0.0.1", port))],
    )  # fmt: skip
    routes["/go"] = (302, {"Location": "http://intranet.example/admin"}, b"")
    with pytest.raises(InputError, match="private or local address"):
        postings.read_url(base + "/go")


def test_fetch_caps_the_size(local_site, monkeypatch):
    base, routes = local_site
    monkeypatch.setattr(postings, "MAX_PAGE_BYTES", 1000)
    routes["/big"] = (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 5000)
    with pytest.raises(InputError, match="larger than"):
        postings.read_url(base + "/big")
    routes["/said-big"] = (200, {"Content-Length": "99999999"}, b"")
    with pytest.raises(InputError, match="larger than"):
        postings.read_url(base + "/said-big")


def test_fetch_times_out(local_site, monkeypatch):
    base, routes = local_site
    monkeypatch.setattr(postings, "FETCH_TIMEOUT", 0.5)
    routes["/slow"] = (0, {}, b"<html></html>")
    with pytest.raises(InputError, match="took more than"):
        postings.read_url(base + "/slow")


def test_fetch_reports_an_error_status(local_site):
    base, _ = local_site
    with pytest.raises(InputError, match="answered 404"):
        postings.read_url(base + "/gone")


# The Pipeline's box ---------------------------------------------------------------------


def test_board_box_adds_from_a_saved_page(owner_client, owner):
    board = owner_client.get(reverse("board")).content.decode()
    assert "Add from a posting" in board
    upload = SimpleUploadedFile("job.html", (PAGES / "array.html").read_bytes(), "text/html")
    response = owner_client.post(reverse("opportunity-from-posting"), {"page": upload})
    opp = Opportunity.objects.get(owner=owner)
    assert response.status_code == 302
    assert response.url == reverse("opportunity-detail", args=[opp.pk])
    detail = owner_client.get(response.url).content.decode()
    assert "Added “Product Designer at Fabrikam” from the posting." in detail
    assert "33 EUR per hour" in detail and "Lisbon, Portugal; Porto, PT" in detail


def test_board_box_errors_keep_the_board_and_create_nothing(owner_client, owner):
    upload = SimpleUploadedFile("x.html", (PAGES / "no_posting.html").read_bytes(), "text/html")
    response = owner_client.post(reverse("opportunity-from-posting"), {"page": upload})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Saved page: no job posting found on this page" in text
    assert "<details class=\"card posting-box\" open>" in text
    response = owner_client.post(reverse("opportunity-from-posting"), {"url": "http://10.0.0.1/"})
    assert response.status_code == 400
    assert "Posting address: 10.0.0.1 is a private or local address" in response.content.decode()
    response = owner_client.post(reverse("opportunity-from-posting"), {})
    assert "Paste the posting" in response.content.decode()
    assert not Opportunity.objects.exists()


def test_board_box_needs_csrf(client, owner):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    response = strict.post(reverse("opportunity-from-posting"), {"url": "https://x.example/"})
    assert response.status_code == 403


# The agenda reminds of the apply-by date ---------------------------------------------------


def test_agenda_reminds_of_the_apply_by_date(owner):
    found = postings.read_source(page("graph.html"))  # apply by Dec 20
    opp = postings.add_from_posting(owner, found, TODAY)
    sync(owner, TODAY)
    assert not Task.objects.filter(rule=Rule.APPLY_BY).exists()  # Dec 17 is three days off
    sync(owner, dt.date(2026, 12, 17))
    task = Task.objects.get(rule=Rule.APPLY_BY)
    assert task.due == dt.date(2026, 12, 17) and task.opportunity == opp
    assert task.title == "Apply for Senior Platform Engineer at Northwind Labs by Sun 20 Dec 2026"
    assert task.reason.startswith("The posting closes on Sun 20 Dec 2026")
    # Applying handles it: the reminder goes.
    move(owner, opp, Stage.APPLIED, on=dt.date(2026, 12, 18))
    sync(owner, dt.date(2026, 12, 18))
    assert not Task.objects.filter(rule=Rule.APPLY_BY, status=TaskStatus.OPEN).exists()


def test_apply_by_lapses_after_the_deadline(owner):
    found = postings.read_source(page("graph.html"))
    postings.add_from_posting(owner, found, TODAY)
    sync(owner, dt.date(2026, 12, 20))
    assert Task.objects.filter(rule=Rule.APPLY_BY, status=TaskStatus.OPEN).count() == 1
    sync(owner, dt.date(2026, 12, 21))
    assert not Task.objects.filter(rule=Rule.APPLY_BY, status=TaskStatus.OPEN).exists()


def test_apply_by_is_in_the_today_command():
    ok("opp", "add", "--posting", page("graph.html"))
    with time_machine.travel(dt.datetime(2026, 12, 18, 9, 0, tzinfo=dt.UTC), tick=False):
        out = ok("today")
    assert "Apply for Senior Platform Engineer at Northwind Labs by Sun 20 Dec 2026" in " ".join(
        out.split()
    )


def test_the_apply_by_date_is_in_the_calendar_feed_while_a_lead(owner):
    from followthrough.calendar_feed.services import build_feed

    found = postings.read_source(page("graph.html"))
    opp = postings.add_from_posting(owner, found, TODAY)
    text = build_feed(owner, TODAY, base_url="http://127.0.0.1:8000").to_ical().decode()
    assert "SUMMARY:Apply by: Senior Platform Engineer at Northwind Labs" in text
    assert "DTSTART;VALUE=DATE:20261220" in text
    move(owner, opp, Stage.APPLIED, on=TODAY)
    text = build_feed(owner, TODAY, base_url="http://127.0.0.1:8000").to_ical().decode()
    assert "Apply by:" not in text


def test_the_today_page_opens_the_opportunity_from_an_apply_by_item(owner_client, owner):
    found = postings.read_source(page("graph.html"))
    opp = postings.add_from_posting(owner, found, TODAY)
    with time_machine.travel(dt.datetime(2026, 12, 18, 9, 0, tzinfo=dt.UTC), tick=False):
        html = owner_client.get(reverse("today")).content.decode()
    assert "Apply for Senior Platform Engineer at Northwind Labs by Sun 20 Dec 2026" in html
    assert f'href="{reverse("opportunity-detail", args=[opp.pk])}">Open the opportunity' in html
