"""Text hygiene at the door, typed JSONL fields, nothing dropped silently, and pages kept whole."""

from __future__ import annotations

import json
import os

import pytest

from kg.errors import UnreadableInput
from kg.reading import read_bytes, read_paths, read_text
from kg.records import Document, Skipped

PROSE = "Senior Taliban officials met a U.S. delegation in Doha on Saturday to discuss humanitarian aid."
MORE = "The delegation will also discuss the evacuation of foreign citizens who remain in Afghanistan."


def _encodable(*texts: str | None) -> bool:
    for text in texts:
        if text is not None:
            text.encode("utf-8")  # raises on a lone surrogate
    return True


def _read_jsonl(tmp_path, *records: object) -> list[Document | Skipped]:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return list(read_paths([tmp_path / "in.jsonl"]))


# ---- 1. Text hygiene


def test_lone_surrogates_are_replaced_in_text_id_and_title(tmp_path):
    # json.dumps writes a lone surrogate as the escape "\udfa2", as any JSON writer may.
    [doc] = _read_jsonl(tmp_path, {"id": "a\udfa2", "title": "Talks \ud800", "text": PROSE + " \udfa2 " + MORE})
    assert isinstance(doc, Document)
    assert _encodable(doc.id, doc.title, doc.text)
    assert "\ufffd" in doc.text and doc.id == "a\ufffd"
    assert any("surrogate" in r and r.startswith("text") for r in doc.repairs)
    assert any(r.startswith("id:") for r in doc.repairs) and any(r.startswith("title:") for r in doc.repairs)


def test_a_surrogate_pair_becomes_one_character():
    doc = read_text(PROSE + " \ud83d\ude00", "a")
    assert doc.text.endswith("\U0001f600")


def test_control_characters_and_terminal_escapes_are_removed():
    text = f"{PROSE}\x00\x07 \x1b[31m{MORE}\x1b[0m\r\nThey\tmet again on Sunday.\x0c"
    doc = read_text(text, "a")
    assert not any(ord(c) < 32 and c not in "\n\t" for c in doc.text)
    assert "[31m" not in doc.text and "They\tmet again" in doc.text
    assert any("control character" in r for r in doc.repairs)
    assert any("escape sequence" in r for r in doc.repairs)


def test_text_is_put_in_nfc():
    doc = read_text("Cafe\u0301 owners in Doha met officials on Saturday to discuss the aid.", "a")
    assert doc.text.startswith("Caf\u00e9 ")
    assert any("NFC" in r for r in doc.repairs)


def test_invalid_utf16_does_not_sink_the_file():
    data = "\ufeff".encode("utf-16-le") + PROSE.encode("utf-16-le") + b"\x00\xd8"  # a cut surrogate pair
    doc = read_bytes(data, "a.txt")
    assert doc.text.startswith("Senior") and _encodable(doc.text)


def test_undecodable_file_name_gives_a_printable_id(tmp_path):
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text(PROSE)  # a Latin-1 name on a UTF-8 system
    [doc] = list(read_paths([tmp_path]))
    assert doc.id == "caf\\xe9.txt" and _encodable(doc.id, doc.source)


# ---- 2. Typed JSONL fields and depth


@pytest.mark.parametrize(
    ("title", "expected", "said"),
    [
        ({"x": 1}, None, "an object"),
        (["a", "b"], None, "an array"),
        (True, None, "a boolean"),
        (2021, "2021", "number"),
        (3.5, "3.5", "number"),
        ("Talks in Doha", "Talks in Doha", None),
    ],
)
def test_title_must_be_a_string(tmp_path, title, expected, said):
    [doc] = _read_jsonl(tmp_path, {"id": "a", "title": title, "text": PROSE})
    assert isinstance(doc, Document)
    assert doc.title == expected
    if said is None:
        assert not any("title" in r for r in doc.repairs)
    else:
        assert any("'title'" in r and said in r for r in doc.repairs)


def test_numeric_id_date_and_url_fields(tmp_path):
    [doc] = _read_jsonl(tmp_path, {"id": 17, "date": 2021, "url": {"href": "x"}, "author": ["A"], "text": PROSE})
    assert (doc.id, doc.date, doc.url, doc.author) == ("17", "2021", None, None)
    assert len(doc.repairs) == 4


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": "a", "text": 42}, "'text' is a number, not a string"),
        ({"id": "a", "text": {"body": PROSE}}, "'text' is an object"),
        ({"id": "a", "body": PROSE}, "no 'text' field"),
        ([PROSE], "an array where an object was expected"),
        ("[" * 100_000 + "]" * 100_000, "nested 100,000 levels deep"),
        ('{"text": ' + "[" * 5000 + "]" * 5000 + "}", "nested 5,001 levels deep"),
    ],
)
def test_bad_records_are_skipped_with_a_reason(tmp_path, record, reason):
    items = _read_jsonl(tmp_path, record, {"id": "good", "text": PROSE})
    assert isinstance(items[0], Skipped) and reason in items[0].reason, items[0]
    assert isinstance(items[1], Document)  # the next line is read as usual


def test_brackets_inside_strings_are_not_nesting(tmp_path):
    [doc] = _read_jsonl(tmp_path, {"id": "a", "text": PROSE + " " + "[" * 500})
    assert isinstance(doc, Document)


def test_unknown_format_is_ignored_and_said(tmp_path):
    [doc] = _read_jsonl(tmp_path, {"id": "a", "format": "pdf", "text": PROSE})
    assert doc.format == "text" and any("'format'" in r for r in doc.repairs)


def test_overlong_jsonl_lines_are_skipped(tmp_path):
    records = [
        {"id": "long", "text": "word " * 500},
        {"id": "huge", "text": "word " * 5000},
        {"id": "good", "text": PROSE},
    ]
    _read_jsonl(tmp_path, *records)
    items = list(read_paths([tmp_path / "in.jsonl"], max_chars=1000))
    assert isinstance(items[0], Skipped) and "2,500 characters of text" in items[0].reason
    # A line over the raw limit is never held whole, nor parsed.
    assert isinstance(items[1], Skipped) and "line over 16,000 bytes" in items[1].reason
    assert isinstance(items[2], Document) and items[2].id == "good"


# ---- 6. Nothing dropped silently


def test_hidden_files_and_readmes_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text(PROSE)
    (tmp_path / "README.md").write_text("# Notes\n\n" + PROSE)
    (tmp_path / ".draft.txt").write_text(PROSE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]\n")
    items = list(read_paths([tmp_path]))
    documents = [i.id for i in items if isinstance(i, Document)]
    skipped = {i.source.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Skipped)}
    assert documents == ["a.txt"]
    assert set(skipped) == {"README.md", ".draft.txt", ".git"}
    assert "README" in skipped["README.md"] and "hidden" in skipped[".draft.txt"] and "hidden" in skipped[".git"]
    # Named on its own, a README is read like any Markdown document.
    [readme] = list(read_paths([tmp_path / "README.md"]))
    assert isinstance(readme, Document) and readme.text == PROSE


@pytest.mark.parametrize(
    "line",
    [
        "Senior Taliban officials met a U.S. delegation in Doha on Saturday",
        "Taliban Meets US Delegation",
        "«" * 1000 + "Senior Taliban officials met a U.S. delegation in Doha on Saturday" + "»" * 1000,
    ],
)
def test_a_one_line_document_is_text(line):
    doc = read_text(line + "\n", "one.txt")
    assert doc.text == line


# ---- 7. Pages kept whole


def _page(body: str, head: str = "", lang: str = "en") -> str:
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><title>Talks in Doha</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Talks in Doha</h1>{body}</article>"
        "<footer>Copyright 2021 Example News. All rights reserved.</footer></body></html>"
    )


def test_max_chars_applies_to_the_text_of_a_page_not_its_markup():
    scripts = "<script>var x = '" + "y" * 30_000 + "';</script>"
    page = _page(f"<p>{PROSE}</p><p>{MORE}</p>", head=scripts)
    doc = read_text(page, "big.html", max_chars=10_000)
    assert PROSE in doc.text
    with pytest.raises(UnreadableInput, match="too large"):
        read_text(page, "big.html", max_chars=100)  # the text itself is over the limit


def test_link_text_stays_in_the_sentence():
    # A link whose inner span carries a class or style (a dotted underline) is
    # a common way to mark links; the words are part of the sentence.
    body = (
        "<p>Support for the plan was especially high among voters for "
        "<a href='/people/joe-biden'><span style='border-bottom: 1px dotted'>Joe Biden</span></a>, "
        "and for <a href='/people/bernie-sanders'><span class='link'>Bernie Sanders</span></a>, "
        f"the survey found on Tuesday.</p><p>{PROSE}</p>"
    )
    doc = read_text(_page(body), "links.html")
    assert "especially high among voters for Joe Biden, and for Bernie Sanders, the survey" in doc.text


def test_a_japanese_page_is_not_english():
    body = (
        "<p>タリバンの幹部は土曜日、ドーハで米国の代表団と会談し、人道支援について話し合った。</p>"
        "<p>代表団はまた、アフガニスタンに残る外国人の退避についても協議する予定だと当局者は述べた。</p>"
    )
    with pytest.raises(UnreadableInput, match="not English"):
        read_text(_page(body, lang="ja"), "ja.html")


def test_page_metadata_fills_the_document():
    head = (
        "<meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2021-10-09T10:00:00Z'>"
        "<link rel='canonical' href='https://news.example.com/2021/10/09/talks-in-doha'>"
    )
    doc = read_text(_page(f"<p>{PROSE}</p><p>{MORE}</p>", head=head), "page.html")
    assert doc.author == "Jane Doe"
    assert doc.date == "2021-10-09"
    assert doc.url == "https://news.example.com/2021/10/09/talks-in-doha"
    assert doc.title == "Talks in Doha"


def test_jsonl_date_author_and_url(tmp_path):
    record = {"id": "a", "date": "2021-10-09", "author": "Jane Doe", "url": "https://example.com/a", "text": PROSE}
    [doc] = _read_jsonl(tmp_path, record)
    assert (doc.date, doc.author, doc.url) == ("2021-10-09", "Jane Doe", "https://example.com/a")


def test_an_id_of_control_characters_falls_back_to_the_line(tmp_path):
    [doc] = _read_jsonl(tmp_path, {"id": "\x00\n", "text": PROSE})
    assert doc.id.endswith("in.jsonl:1") and any("empty once cleaned" in r for r in doc.repairs)


def test_page_metadata_reaches_the_document_node(tmp_path):
    """Title, date, author and URL of a page are on its schema:NewsArticle node in the graph."""
    import kg

    head = (
        "<meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2021-10-09T10:00:00Z'>"
        "<link rel='canonical' href='https://news.example.com/2021/10/09/talks-in-doha'>"
    )
    (tmp_path / "page.html").write_text(_page(f"<p>{PROSE}</p><p>{MORE}</p>", head=head), encoding="utf-8")
    graph = kg.build([tmp_path])
    [row] = graph.query(
        "SELECT ?title ?date ?author ?url WHERE { ?d a schema:NewsArticle ; schema:headline ?title ;"
        " schema:datePublished ?date ; schema:author ?author ; schema:url ?url }"
    )
    assert [str(v) for v in row] == [
        "Talks in Doha", "2021-10-09", "Jane Doe", "https://news.example.com/2021/10/09/talks-in-doha"
    ]  # fmt: skip


def test_page_furniture_lines_are_dropped_by_general_rules():
    """Calls to action, syndication notes, embedded-post remnants and bare citations are no article text."""
    furniture = [
        "Get The Daily Edition of the Example Times by email and never miss our top stories Free Sign Up",
        "If you're on the Example News app, click here to watch live",
        "This article originally appeared on Example US.",
        "The minister is due in Doha next week. pic.twitter.com/AbCdEf123 — Example News (@examplenews) May 5, 2020",
        "Journal of Examples 574, 16-17 (2019)",
    ]
    body = "".join(f"<p>{line}</p>" for line in [PROSE, *furniture, MORE])
    doc = read_text(_page(body), "page.html")
    assert PROSE in doc.text and MORE in doc.text
    for line in furniture:
        assert line not in doc.text
    assert "the minister is due" not in doc.text.lower()
