"""Drop web-page debris from text copied out of a browser.

Text pasted from news sites carries navigation ("Accessibility links"),
teasers ("READ NEXT: ..."), bylines, ownership lines and comment forms. These
rules are general properties of web pages, not lists of one site's lines:

- *teaser prefixes*: ``READ NEXT:``, ``WATCH |``, ``ALSO READ:`` and the like;
- *section headers* of teaser blocks ("Check Also", "Related Stories");
- *form markers* ("Leave a Reply", "Post a comment"): everything after them is
  comment-form or footer text;
- *bylines and ownership lines* ("Written by: ...", "This article is owned by ...");
- *short lines with no sentence punctuation* (navigation, buttons, captions);
- *headlines* after the first (teasers for other stories, subheads): title-case
  lines with no sentence punctuation; the first one before any prose is the title;
- *truncated teasers* ending in an ellipsis, *bracketed inserts* ("[Our latest
  forecast: ...]"), and repeated lines;
- in text extracted from HTML, where every line is a block of the page, a
  block of up to ``SHORT_BLOCK_WORDS`` words with no sentence punctuation is a
  heading or a teaser link ("What you need to know about the new rule (Sky
  News)"); longer ones are kept, as prose whose full stop was forgotten.
  Plain text is not judged so: its lines may be hard-wrapped prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TEASER_PREFIX = re.compile(
    r"^(read|watch|listen|see|also read|read also|related|more|recommended|trending|"
    r"must read|don'?t miss|also see|see also|photos?|video)(\s+(next|more|also|this|now))?\s*[:|]",
    re.I,
)
_SECTION_HEADER = re.compile(
    r"^(check also|related( articles| stories| posts| news| content)?|recommended( for you| stories)?|"
    r"more (stories|news|from [\w ]+)|you (may|might) also like|trending( now| stories)?|most (read|popular)|"
    r"also read|read more|top stories|latest news|breaking news|share( this( article| story)?)?|advertisement)\s*:?$",
    re.I,
)
_FORM_MARKER = re.compile(
    r"^(leave a (reply|comment)|post a comment|add a comment|comments?( \(\d+\))?|join the (conversation|discussion)|"
    r"your email address will not be published|subscribe to (our|the) newsletter)\b",
    re.I,
)
_BYLINE = re.compile(
    r"^((written|reported|edited|compiled) by|(with |additional )?reporting by|editing by|writing by|by)\s*:?\s+\S",
    re.I,
)
_OWNERSHIP = re.compile(
    r"^(this (article|story|content|report|post) (is|was) (owned|published|produced|written|provided|originally published) by"
    r"|©|\(c\)\s|copyright\b|all rights reserved)",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?\"”’')\]:;]\s*$")
#: A heading of the article's own numbered outline ("2. Warren leads in New Hampshire").
_NUMBERED_HEADING = re.compile(r"\d{1,2}[.)]\s+[A-Z]\S*(\s+\S+){3,}")
#: A sentence ending inside a line, before the next one starts ("… on Saturday. The spokesman …").
_INNER_SENTENCE_END = re.compile(r"[a-z0-9)\]][.!?][\"”’')\]]*\s+[\"“‘(]*[A-Z]")
#: Calls to action of a page, not of the article ("click here to watch live", "Free Sign Up").
_CALL_TO_ACTION = re.compile(
    r"\b(click|tap) here\b|\bfree sign[ -]?up\b|\bsign up (for|to) (our|the|a)\b[^.]*\b(newsletters?|alerts?|e-?mails?)\b"
    r"|\bsubscribe (now|today|here)\b|\b(download|get) (our|the) (free )?app\b|\bfollow us on\b",
    re.I,
)
#: A syndication note ("This article originally appeared on VICE US.").
_SYNDICATION = re.compile(
    r"^(this|the) (article|story|post|piece|report|column) (was |is )?(originally|first) "
    r"(appeared|appears|published|ran|posted)\b",
    re.I,
)
#: What is left of an embedded social-media post ("… pic.twitter.com/AbC123 — Name (@name) May 5, 2020").
_EMBEDDED_POST = re.compile(r"\bpic\.twitter\.com/\S+", re.I)
#: A bare reference to a journal article ("Nature 574, 16-17 (2019)").
_CITATION = re.compile(r"^[A-Z][\w.&' -]{1,60} \d{1,4}, (\d+[-–]\d+|e?\d+) \(\d{4}\)\.?$")
# In a page block, sentence punctuation proper: a closing quote or bracket
# alone ("the new 'rule of six'") does not end a sentence.
_BLOCK_SENTENCE_END = re.compile(r"[.!?…:;][\"”’'»)\]]*\s*$")
_ELLIPSIS_END = re.compile(r"(…|\.\.\.)\s*((read |see )?more|continue reading)?\s*$", re.I)
_SEPARATORS = re.compile(r"\s[|›»>/·•]\s")
_BRACKETED = re.compile(r"^\[[^\[\]]*\]$")
# A source or credit in parentheses after a teaser ("... (Sky News)") is not sentence punctuation.
_TRAILING_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")
_BULLETS = re.compile(r"^[\s•·▪►»|/\\*-]+")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")

SHORT_LINE_WORDS = 8
HEADLINE_MAX_WORDS = 25
SHORT_BLOCK_WORDS = 14


@dataclass(slots=True)
class CleanText:
    """The result of :func:`strip_debris`."""

    text: str
    title: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)


def _is_headline(line: str, words: list[str]) -> bool:
    if _SENTENCE_END.search(line) or not (2 <= len(words) <= HEADLINE_MAX_WORDS):
        return False
    content = [w for w in words if len(w) > 3]
    if not content:
        return False
    capitalized = sum(1 for w in content if w[0].isupper())
    return capitalized / len(content) >= 0.7


def _is_title(line: str, words: list[str]) -> bool:
    # Before the prose starts, a line of headline length with no sentence
    # punctuation is the title, in title case or in sentence case; a line in
    # which one sentence ends and another begins is prose cut short, not a title.
    return (
        3 <= len(words) <= HEADLINE_MAX_WORDS
        and not _SENTENCE_END.search(line)
        and not _INNER_SENTENCE_END.search(line)
    )


def page_furniture(line: str, words: list[str]) -> str | None:
    """Why a line is the page's own furniture (a call to action, a syndication note, an embed, a citation), or None.

    >>> page_furniture("If you're on the ABC7 News app, click here to watch live", [""] * 12)
    'call to action'
    >>> page_furniture("This article originally appeared on VICE US.", [""] * 7)
    'syndication note'
    >>> page_furniture("Nature 574, 16-17 (2019)", ["Nature"])
    'citation'
    >>> page_furniture("She clicked through the report and signed it.", [""] * 8) is None
    True
    """
    if len(words) <= 40 and _CALL_TO_ACTION.search(line):
        return "call to action"
    if _SYNDICATION.match(line):
        return "syndication note"
    if _EMBEDDED_POST.search(line):
        return "embedded post"
    if _CITATION.match(line):
        return "citation"
    return None


def debris_reason(line: str, words: list[str]) -> str | None:
    """Why a single line is debris, or None if it is prose.

    >>> debris_reason("READ NEXT: Plane Departs", ["READ", "NEXT", "Plane", "Departs"])
    'teaser'
    """
    if _TEASER_PREFIX.match(line):
        return "teaser"
    if _SECTION_HEADER.match(line):
        return "section header"
    if _OWNERSHIP.match(line):
        return "ownership line"
    if _BYLINE.match(line) and len(words) <= 12 and not _SENTENCE_END.search(line):
        return "byline"
    if _ELLIPSIS_END.search(line) and len(words) <= 40:
        return "truncated teaser"
    if _BRACKETED.match(line):
        return "bracketed insert"
    if len(words) <= SHORT_LINE_WORDS and not _SENTENCE_END.search(line):
        return "short line without sentence punctuation"
    return None


def strip_debris(text: str, *, blocks: bool = False) -> CleanText:
    """Remove web-page debris lines; find the title.

    ``blocks``: each line is a block of a page (text extracted from HTML), so a
    line without sentence punctuation cannot be prose.

    >>> r = strip_debris("Accessibility links\\n\\nU.S. Sets Talks With Taliban Since Takeover\\n\\n"
    ...                  "Officials will meet in Doha.\\n\\nREAD NEXT: Other Story")
    >>> r.title, r.text
    ('U.S. Sets Talks With Taliban Since Takeover', 'Officials will meet in Doha.')
    >>> strip_debris("Officials met in Doha on Saturday. The talks would go on\\n\\nagain.").title is None
    True
    """
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    title: str | None = None
    seen: set[str] = set()
    prose_started = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        bare = _BULLETS.sub("", line).strip()
        words = _WORD.findall(bare)
        if _FORM_MARKER.match(bare):
            removed.append((line, "comment form or footer"))
            break
        folded = " ".join(bare.lower().split())
        reason: str | None = None
        if folded in seen:
            reason = "repeated line"
        elif not words:
            reason = "no words"
        elif _TEASER_PREFIX.match(bare) or _SECTION_HEADER.match(bare):
            reason = debris_reason(bare, words)
        elif furniture := page_furniture(bare, words):
            reason = furniture
        elif (bare != line or len(_SEPARATORS.findall(bare)) >= 2) and not _SENTENCE_END.search(bare):
            reason = "navigation item"  # a bullet or a breadcrumb trail ("Home | News | World")
        elif title is None and not prose_started and _is_title(bare, words):
            title = bare
            seen.add(folded)
            continue
        elif _is_headline(bare, words):
            reason = "headline or teaser"
        elif (
            blocks
            and len(words) <= SHORT_BLOCK_WORDS
            and not _BLOCK_SENTENCE_END.search(_TRAILING_PARENTHESIS.sub("", bare))
            # A numbered heading ("1. Iowa's political classes aren't excited about Biden")
            # is the article's own outline, not a teaser.
            and not _NUMBERED_HEADING.match(bare)
        ):
            reason = "heading or teaser (a block without sentence punctuation)"
        else:
            reason = debris_reason(bare, words)
        seen.add(folded)
        if reason is not None:
            removed.append((line, reason))
            continue
        prose_started = True
        kept.append(line)
    while kept and kept[-1] == "":
        kept.pop()
    # Blank lines separate paragraphs; a single newline inside a paragraph
    # would otherwise read as a sentence boundary later.
    body = "\n".join(kept)
    body = re.sub(r"\n(?!\n)", "\n\n", body.replace("\n\n", "\n"))
    return CleanText(text=body, title=title, removed=removed)
