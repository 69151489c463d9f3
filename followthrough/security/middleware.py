"""Headers every page carries, and the guard of a workspace that has no login."""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest, HttpResponse

# No inline script and no eval: scripts are files served from this site (htmx is
# vendored). Style attributes stay allowed (bar widths, chart swatches) since they
# cannot run code; <style> elements and every other origin are not.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-elem 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """A Content-Security-Policy on every response; ``Cache-Control: no-store`` too.

    Every page of the app shows someone's job search (names, notes, addresses), so
    none may stay in a shared or disk cache. Static files are served before this
    middleware (WhiteNoise) and keep their own long-lived caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers["Cache-Control"] = "no-store"
        return response


FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


def is_loopback_address(text: str) -> bool:
    text = text.strip().strip('"').strip()
    if text.lower().startswith("for="):
        text = text[4:].strip('"')
    if text.startswith("["):  # [::1]:1234
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # 127.0.0.1:1234
        text = text.split(":", 1)[0]
    if text.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False


def far_peer(request: HttpRequest) -> str:
    """The address of a client that is not on this computer, or ``""``.

    The socket's peer must be loopback, and so must every address a proxy on this
    computer says it forwarded for (a proxy's own peer is always 127.0.0.1).
    """
    peer = request.META.get("REMOTE_ADDR", "")
    if not is_loopback_address(peer):
        return peer or "an unknown address"
    for header in FORWARDING_HEADERS:
        value = request.META.get(header, "")
        for hop in value.split(","):
            if header == "HTTP_FORWARDED":
                hop = next((p for p in hop.split(";") if p.strip().lower().startswith("for=")), "")
                if not hop:
                    continue
            if hop.strip() and not is_loopback_address(hop):
                return hop.strip()
    return ""


REFUSAL = (
    "Followthrough: this workspace has no login, so it answers this computer only"
    " (127.0.0.1), not {peer}. To use it from another device, keep it on loopback and"
    " reach it through an SSH tunnel: ssh -L 8000:127.0.0.1:8000 you@this-computer,"
    " then open http://127.0.0.1:8000/ there. Never put it behind a public proxy or"
    " listen on 0.0.0.0.\n"
)


class LoopbackOnlyMiddleware:
    """Refuse (403) a local, no-login workspace to any peer that is not this computer.

    ``followthrough serve`` listens on loopback only; this guard covers every other
    way to reach the WSGI app (``waitress-serve --listen=0.0.0.0``, a reverse proxy).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        peer = far_peer(request)
        if peer:
            return HttpResponse(
                REFUSAL.format(peer=peer),
                status=403,
                content_type="text/plain; charset=utf-8",
                headers={"Cache-Control": "no-store"},
            )
        return self.get_response(request)
