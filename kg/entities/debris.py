"""Debris that must never become an entity: datelines, bylines, e-mail and sign-up prompts, obfuscated text.

Web pages leave such lines in the text, and the NER finds names in them: "Email" in
"Email vote@example.org", the whole of ``LOS ANGELES (Reuters) - South Korean thriller "Parasite``.
These rules are general news and web practice; they look at the mention, its sentence and the
text around it (the per-document records hold them), never at a list of names.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: An e-mail address, or what a saved page shows of one its server hid ("[email protected]").
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email[\s\xa0]+protected\]", re.I)
#: A web address or a handle; a bare domain only in lowercase ("example.com", not the company "Amazon.com").
_WEB = re.compile(r"https?://|\bwww\.|@\w|\b[a-z0-9-]+\.(?:com|org|net|gov|edu|co\.[a-z]{2})\b")
#: A dateline: a place in capitals, optionally ", Region", an agency in parentheses, then a dash
#: ("LOS ANGELES (Reuters) -", "KABUL, Afghanistan (AP) —"); or, with no agency, places all in
#: capitals before a spaced dash ("KHAN YOUNIS, GAZA —", "WASHINGTON --").
_DATELINE_BODY = (
    r"[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?\s*\([^()]{1,40}\)\s*[-–—]+\s*"
    r"|[A-Z][A-Z.'’]{3,}(?:\s+[A-Z][A-Z.'’]+)*(?:,\s*[A-Z][A-Z.'’]+(?:\s+[A-Z][A-Z.'’]+)*)*\s+(?:[–—]|--?)(?:\s+|$)"
)
DATELINE = re.compile(rf"^\s*(?:{_DATELINE_BODY})")
#: :data:`DATELINE` at the start of any line of a text, within the line.
DATELINE_LINES = re.compile(r"^[ \t]*(?:" + _DATELINE_BODY.replace(r"\s", r"[ \t]") + ")", re.MULTILINE)
#: A byline: "By NAME [and NAME], [Role|Agency]" on a line of its own, with no sentence punctuation.
_BYLINE = re.compile(r"^\s*(?:By|BY|Written by|Reporting by)\s+[A-Z][^.!?]*$")
#: A web call to action opening a line ("Sign up for …", "Subscribe to …", "Follow us on …").
_CALL_TO_ACTION = re.compile(
    r"^\s*(?:Sign up|Subscribe|Click|Tap|Download|Follow|Like us|Share this|Register|Log in|Send us|"
    r"Email us|Contact us|Get (?:our|the latest)|Join (?:our|now|us))\b(?!-)",
    re.I,
)
#: A prompt to install the site's app, anywhere in a short sentence ("… download the Nationnews apps for iOS").
_APP_PROMPT = re.compile(r"\b(?:download|install|get)\s+(?:the|our)\s+(?:[\w-]+\s+){0,3}apps?\b", re.I)
#: A byline opening a sentence: "By Aaron Humes: The Americas cannot ignore …".
BYLINE_PREFIX = re.compile(r"^\s*By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*[:|–—]\s*")
_SCRIPT = re.compile(r"[^\W\d_]+")


def mixed_script(text: str) -> bool:
    """A word that mixes alphabets ("Веlіzе": Cyrillic letters among Latin ones) is spam obfuscation.

    >>> mixed_script("Веlіzе"), mixed_script("Belize"), mixed_script("Москва")
    (True, False, False)
    """
    for word in _SCRIPT.findall(text):
        if word.isascii():
            continue
        scripts = {unicodedata.name(c, "?").split(" ")[0] for c in word if c.isalpha()}
        if len(scripts) > 1:
            return True
    return False


@functools.lru_cache(maxsize=1 << 12)  # asked once per mention, of its sentence's text
def debris_sentence(sentence: str) -> bool:
    """A sentence no entity is read from: a byline, a call to action, a short line carrying an address.

    >>> debris_sentence("Email vote@example.org with your answers.")
    True
    >>> debris_sentence("Or by Email: [email\xa0protected] /")
    True
    >>> debris_sentence("By Jane Smith and John Doe, Reuters")
    True
    >>> debris_sentence("Sign up for the Daily Edition newsletter")
    True
    >>> debris_sentence("For the latest stories download the Example News apps for iOS and Android.")
    True
    >>> debris_sentence("By Monday, the talks in Doha had ended.")
    False
    >>> debris_sentence("The ministry said on its website, www.example.gov, that 40 people had died in the floods last week.")
    False
    """
    words = len(sentence.split())
    if _BYLINE.match(sentence) and words <= 12:
        return True
    if (_CALL_TO_ACTION.match(sentence) or _APP_PROMPT.search(sentence)) and words <= 30:
        return True
    # A short line with an address or handle is a prompt or a contact line, not news.
    return words <= 15 and bool(_EMAIL.search(sentence) or _WEB.search(sentence))


def debris_mention(text: str) -> bool:
    """A mention whose text is no name: an address, a handle, obfuscated letters.

    >>> debris_mention("marketing@example.com"), debris_mention("Веlіzе"), debris_mention("Belize")
    (True, True, False)
    """
    return bool(_EMAIL.search(text) or _WEB.search(text)) or mixed_script(text)


@functools.lru_cache(maxsize=1 << 12)
def dateline_end(sentence_text: str) -> int:
    """Where a dateline or a byline opening the sentence ends (0 when there is none).

    >>> text = 'LOS ANGELES (Reuters) - South Korean thriller "Parasite" won.'
    >>> text[dateline_end(text):]
    'South Korean thriller "Parasite" won.'
    >>> text = "KHAN YOUNIS, GAZA — The Israeli assault has left hospitals short of fuel."
    >>> text[dateline_end(text):]
    'The Israeli assault has left hospitals short of fuel.'
    >>> dateline_end("NATO said on Monday - in a statement - that it would act.")
    0
    >>> dateline_end("KHAN YOUNIS, GAZA —")  # the dateline as a sentence of its own
    19
    >>> text = "By Aaron Humes: The Americas cannot ignore the risk."
    >>> text[dateline_end(text):]
    'The Americas cannot ignore the risk.'
    """
    match = DATELINE.match(sentence_text) or BYLINE_PREFIX.match(sentence_text)
    return match.end() if match else 0
