"""Issue 10, points 6 and 9: the headers every page carries, and the loopback guard."""

from __future__ import annotations

import pytest
from django.urls import reverse

from followthrough.tracker.services.owners import local_owner

PAGES = ["today", "people", "organizations", "board", "settings", "your-data", "reports"]


@pytest.fixture
def local(db):
    return local_owner()


@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_a_script_tight_csp_and_is_never_cached(client, local, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in directives["default-src"]
    assert response.headers["Cache-Control"] == "no-store"


def test_downloads_of_personal_data_are_never_cached_either(client, local):
    response = client.get(reverse("your-data-json"))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_static_files_keep_their_own_caching(client, local):
    response = client.get("/static/followthrough/app.js")
    assert response.status_code == 200
    assert response.headers.get("Cache-Control") != "no-store"


@pytest.mark.parametrize(
    "meta",
    [
        {"REMOTE_ADDR": "192.168.1.20"},
        {"REMOTE_ADDR": "203.0.113.5"},
        {"REMOTE_ADDR": "::ffff:203.0.113.5"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "127.0.0.1, 198.51.100.7"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "198.51.100.7"},
        {"REMOTE_ADDR": "::1", "HTTP_FORWARDED": 'for="[2001:db8::1]:4711";proto=https'},
    ],
)
def test_a_no_login_workspace_is_refused_to_a_peer_that_is_not_this_computer(client, local, meta):
    for path in ["/", "/people/", "/static/followthrough/app.js", "/data/backup.json"]:
        response = client.get(path, **meta)
        assert response.status_code == 403, (path, meta)
        text = response.content.decode()
        assert "no login" in text and "127.0.0.1" in text
        assert "ssh -L 8000:127.0.0.1:8000" in text  # how to reach it safely instead
        assert text.count("\n") == 1
        assert "Dana" not in text


@pytest.mark.parametrize(
    "meta",
    [
        {"REMOTE_ADDR": "127.0.0.1"},
        {"REMOTE_ADDR": "127.0.0.2"},
        {"REMOTE_ADDR": "::1"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "127.0.0.1"},
        {"REMOTE_ADDR": "::1", "HTTP_FORWARDED": 'for="[::1]:5000"'},
    ],
)
def test_this_computer_is_served(client, local, meta):
    assert client.get("/", **meta).status_code == 200


def test_the_wsgi_app_itself_refuses_a_far_peer(local):
    """The route of `waitress-serve --listen=0.0.0.0 followthrough.wsgi:application`."""
    import io

    from followthrough.wsgi import application

    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = status
        seen["headers"] = dict(headers)

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1:8000",
        "REMOTE_ADDR": "10.1.2.3",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
    }
    body = b"".join(application(environ, start_response)).decode()
    assert seen["status"].startswith("403")
    assert "10.1.2.3" in body
