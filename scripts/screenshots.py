"""Take the README's screenshots (docs/*.png) from a fresh demo workspace.

    .venv/bin/python scripts/screenshots.py

Builds a demo in a throw-away data folder, serves it on a free loopback port,
photographs a few pages in headless Chromium (Playwright, /usr/bin/chromium or
FOLLOWTHROUGH_CHROMIUM) at 1280 and 390 px, and stops the server. Needs the test
extras (`make lint` or `make test` installs them).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("FOLLOWTHROUGH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"error: the app did not answer at {url} within {seconds:.0f} s.")


def followthrough(env, *args) -> str:
    return subprocess.run([str(BIN / "followthrough"), *args], env=env, check=True,
                          capture_output=True, text=True).stdout


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as home:
        port = free_port()
        env = {**os.environ, "FOLLOWTHROUGH_HOME": home, "FOLLOWTHROUGH_PORT": str(port)}
        followthrough(env, "demo")
        orgs = json.loads(followthrough(env, "org", "list", "--json"))
        rated = next(o["id"] for o in orgs if o["name"] == "Northwind Analytics")
        server = subprocess.Popen([str(BIN / "followthrough"), "serve"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(base + "/")
            shots = [
                ("today.png", "/", {"width": 1280, "height": 860}),
                ("today-phone.png", "/", {"width": 390, "height": 844}),
                ("pipeline.png", "/opportunities/", {"width": 1280, "height": 720}),
                ("culture-fit.png", f"/culture/organizations/{rated}/",
                 {"width": 1280, "height": 900}),
            ]
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for name, url, viewport in shots:
                    page = browser.new_page(viewport=viewport)
                    page.goto(base + url)
                    page.screenshot(path=str(DOCS / name))
                    page.close()
                    print(f"Wrote docs/{name}.")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
