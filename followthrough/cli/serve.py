"""``followthrough serve`` (the web app on this computer) and ``followthrough demo``."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from . import django_setup
from .output import emit_json, fail, say

LOOPBACK_NAMES = {"localhost"}


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``: addresses only this computer reaches."""
    if host.strip().lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    bare = host.strip().strip("[]")
    return f"http://[{bare}]:{port}/" if ":" in bare else f"http://{bare}:{port}/"


def serve_command(
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            metavar="HOST",
            help="Address to listen on. Default: FOLLOWTHROUGH_HOST or 127.0.0.1.",
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            "--port",
            "-p",
            metavar="PORT",
            help="Port to listen on. Default: FOLLOWTHROUGH_PORT or 8000.",
        ),
    ] = None,
    threads: Annotated[int, typer.Option("--threads", help="Worker threads.")] = 4,
) -> None:
    """Run the web app with waitress, after updating the database.

    Local mode has no login, so it listens on the loopback address only. Hosted mode
    (FOLLOWTHROUGH_HOSTED=1) listens where it is told, behind a TLS proxy.

    Example: followthrough serve --port 8010
    """
    from followthrough import config

    if host is None:
        host = config.env_str("FOLLOWTHROUGH_HOST", "127.0.0.1")
    host = host.strip()  # a space pasted along with the address
    port = port if port is not None else config.env_int("FOLLOWTHROUGH_PORT", 8000)
    if not host:
        fail("--host: no address given; use 127.0.0.1 (or leave --host out).")
    name, _, maybe_port = host.rpartition(":")
    if not is_loopback(host) and maybe_port.isdigit() and is_loopback(name):
        fail(f"--host: give the port on its own: --host {name} --port {maybe_port}.")
    hosted = config.env_bool("FOLLOWTHROUGH_HOSTED")
    if not is_loopback(host) and not hosted:
        fail(
            f"--host: local mode has no login, so it serves this computer only"
            f" (127.0.0.1, ::1 or localhost), not {host!r}."
        )
    if not 0 < port < 65536:
        fail(f"--port: {port} is not a port; use a number from 1 to 65535, e.g. 8000.")
    django_setup.ready(web=True)  # migrate (and, locally, make the owner) before a request
    import waitress
    from django.conf import settings

    from followthrough.wsgi import application

    bare = host.strip("[]").lower()
    if not hosted:
        # Any loopback address may be chosen (127.0.0.2 too): the browser then names it
        # in the Host header, so it must be an allowed host. Only the one chosen is
        # added, which keeps the defence against DNS rebinding. (Hosted mode answers to
        # FOLLOWTHROUGH_ALLOWED_HOSTS, the names its proxy serves.)
        allowed = f"[{bare}]" if ":" in bare else bare
        if allowed not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, allowed]
    try:
        # Hosted, the proxy in front says the request came over https and from whom
        # (X-Forwarded-Proto, -For); waitress would drop those headers, Django reads them.
        server = waitress.create_server(
            application, host=bare, port=port, threads=threads,
            clear_untrusted_proxy_headers=not hosted,
        )
    except OSError as exc:
        fail(f"--port: cannot listen on {host}:{port} ({exc.strerror}); try another --port.")
    except ValueError:
        fail(f"--host: cannot listen on {host!r}; use 127.0.0.1 (or leave --host out).")
    if hosted:
        say(
            f"Followthrough (hosted) is listening on {url_for(host, port)} for"
            f" {settings.FOLLOWTHROUGH_BASE_URL}/ (press Ctrl+C to stop)."
        )
    else:
        say(f"Followthrough is running at {url_for(host, port)} (press Ctrl+C to stop).")
    try:
        server.run()
    except KeyboardInterrupt:
        say("Stopped.")


def demo_command(
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace everything in the workspace with the demo."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Fill an empty workspace with a realistic demo job search, to look around.

    Example: followthrough demo
    """
    owner = django_setup.owner(web=True)

    from followthrough.tracker.demo import build_demo

    counts = build_demo(owner, django_setup.today(owner), replace=force)
    if as_json:
        emit_json(counts)
        return
    made = ", ".join(f"{n} {what.replace('_', ' ')}" for what, n in counts.items())
    say(f"Made a demo workspace: {made}.")
    say("Look around with `followthrough serve` or `followthrough today`.")
