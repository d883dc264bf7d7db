"""HTML → main text, with a real boilerplate remover (trafilatura)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import UnreadableInput

_HTML_START = re.compile(r"\A\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)


def looks_like_html(text: str) -> bool:
    """True when text starts like an HTML page.

    >>> looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    True
    """
    return bool(_HTML_START.match(text[:4096]))


@dataclass(slots=True)
class Page:
    """The main text of an HTML page and what its metadata says."""

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None


def html_to_text(html: str) -> Page:
    """Extract the main text and the title, date, author and URL of an HTML page.

    Navigation, footers, comments and teasers are dropped by trafilatura, in
    its balanced mode: its precision mode deletes inline elements by their
    class or style, which takes the text of links out of sentences ("high for
    <a><span class=link>Joe Biden</span></a>." became "high for ."); kg's own
    debris rules then drop the teaser lines balanced mode lets through.
    """
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise UnreadableInput("HTML page with no main text")
    meta = trafilatura.extract_metadata(html)
    if meta is None:
        return Page(text)
    return Page(text, title=meta.title, date=meta.date, author=meta.author, url=meta.url)
