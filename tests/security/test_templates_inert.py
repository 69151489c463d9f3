"""Issue 10, point 6: no template carries inline script, a handler attribute or a
``javascript:`` link, so the Content-Security-Policy can forbid them all."""

from __future__ import annotations

import re
from pathlib import Path

import followthrough

ROOT = Path(followthrough.__file__).parent
PAGE_TEMPLATES = [p for p in ROOT.rglob("templates/**/*.html") if "/emails/" not in p.as_posix()]


def test_there_are_templates_to_check():
    assert len(PAGE_TEMPLATES) > 40


def test_no_inline_script_handler_or_script_link_in_any_page_template():
    problems = []
    for path in PAGE_TEMPLATES:
        text = path.read_text()
        for match in re.finditer(r"<script\b[^>]*>", text):
            if "src=" not in match.group(0):
                problems.append(f"{path.relative_to(ROOT)}: inline {match.group(0)}")
        for match in re.finditer(r"\son[a-z]+\s*=", text):
            problems.append(f"{path.relative_to(ROOT)}: handler {match.group(0).strip()}")
        if re.search(r"<style\b", text):
            problems.append(f"{path.relative_to(ROOT)}: <style> element")
        if re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", text, re.I):
            problems.append(f"{path.relative_to(ROOT)}: javascript: URL")
        if "hx-on" in text:
            problems.append(f"{path.relative_to(ROOT)}: hx-on (needs eval)")
    assert not problems, "\n".join(problems)
