"""HTML → main text, with a real boilerplate remover (trafilatura)."""

from __future__ import annotations

import re

from ..errors import UnreadableInput

_HTML_START = re.compile(r"\A\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)


def looks_like_html(text: str) -> bool:
    """True when text starts like an HTML page.

    >>> looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    True
    """
    return bool(_HTML_START.match(text[:4096]))


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Extract the main text, title and date of an HTML page.

    Navigation, footers, comments and teasers are dropped by trafilatura.
    Returns ``(text, title, date)``.
    """
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None else None
    date = meta.date if meta is not None else None
    if not text or not text.strip():
        raise UnreadableInput("HTML page with no main text")
    return text, title, date
