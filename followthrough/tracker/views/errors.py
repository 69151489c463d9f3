"""The 500 page in the app's layout, rendered so that it cannot fail in turn.

Django's 404 handler already renders ``404.html`` (in the app's layout, with the
request). A 500 may come from the database itself, so this page runs no context
processor and reads nothing stored; should even that fail, a plain line answers.
"""

from __future__ import annotations

import logging

from django.http import HttpResponseServerError
from django.template import loader

log = logging.getLogger(__name__)

PLAIN = (
    "<!doctype html><title>Something went wrong</title><h1>Something went wrong</h1>"
    '<p>Followthrough could not show this page. <a href="/">Back to Today</a></p>'
)


def server_error(request, template_name: str = "500.html"):
    path = request.path if request.method == "GET" else ""
    if path.startswith("//"):  # a link to "//host" would leave the app
        path = ""
    try:
        body = loader.get_template(template_name).render({"request_path": path})
    except Exception:  # the error page must answer whatever broke
        log.exception("The 500 page could not be rendered")
        body = PLAIN
    return HttpResponseServerError(body)
