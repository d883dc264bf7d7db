"""Reading: decoding, formats, debris, and one bad file never sinking the rest."""

from __future__ import annotations

import gzip
import json

import pytest

from kg.errors import InputNotFound, UnreadableInput
from kg.reading import read_bytes, read_paths, read_text
from kg.reading.debris import strip_debris
from kg.records import Document, Skipped

PROSE = "Senior Taliban officials met a U.S. delegation in Doha on Saturday to discuss humanitarian aid."


def test_debris_rules_on_the_corpus(corpus_dir):
    """Teasers, navigation, bylines, ownership lines and comment forms go; the story stays."""
    texts = {p.name: strip_debris(p.read_text()) for p in corpus_dir.glob("0*.txt")}
    everything = "\n".join(t.text for t in texts.values())
    for debris in ("Accessibility links", "READ NEXT", "READ MORE", "WATCH", "Leave a Reply",
                   "Your email address", "Written by", "owned by Latin Post", "Add WION", "Check Also"):  # fmt: skip
        assert debris not in everything, debris
    for prose in ("U.S. officials will hold their first face-to-face talks",
                  "will not be part of the delegation", "The ISKP, a foe of the Taliban"):  # fmt: skip
        assert prose in everything, prose
    assert texts["001_bf153b1adad51d68.txt"].title == "U.S. Sets First Face-To-Face Talks With Taliban Since Takeover"


def test_debris_rules_are_general():
    """The rules fire on lines this corpus never had."""
    text = "\n".join([
        "Home | News | World",
        "Ministers Agree New Climate Deal",
        "The ministers agreed on Tuesday to cut emissions by half before 2030, officials said.",
        "ALSO READ: Why The Deal Matters",
        "Related Stories",
        "Reporting by Jane Doe; Editing by John Roe",
        "The agreement still needs approval by the national parliaments of every member state.",
        "Post a comment",
        "Great article!!!",
    ])  # fmt: skip
    cleaned = strip_debris(text)
    assert cleaned.title == "Ministers Agree New Climate Deal"
    assert cleaned.text.split("\n\n") == [
        "The ministers agreed on Tuesday to cut emissions by half before 2030, officials said.",
        "The agreement still needs approval by the national parliaments of every member state.",
    ]
    reasons = {line: reason for line, reason in cleaned.removed}
    assert reasons["ALSO READ: Why The Deal Matters"] == "teaser"
    assert reasons["Post a comment"] == "comment form or footer"


def test_decoding_repairs_latin1():
    doc = read_bytes(
        ("Café officials in Doha said the talks on Saturday went well for the delegation.").encode("latin-1"), "x"
    )
    assert doc.text.startswith("Café")
    assert any("cp1252" in r for r in doc.repairs)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x00\x01\x02\x03binary\x00", "binary"),
        (bytes(range(1, 32)) * 50, "binary"),
    ],
)
def test_unreadable_bytes(data, reason):
    with pytest.raises(UnreadableInput, match=reason):
        read_bytes(data, "x")


def test_non_english_is_refused():
    french = ("Les représentants des talibans ont rencontré une délégation américaine à Doha samedi pour discuter "
              "de l'aide humanitaire et de la sortie des ressortissants étrangers du pays.")  # fmt: skip
    with pytest.raises(UnreadableInput, match="not English"):
        read_text(french, "fr")


def test_too_large_is_refused():
    with pytest.raises(UnreadableInput, match="too large"):
        read_text("word " * 300, "big", max_chars=1000)


def test_html_goes_through_boilerplate_removal():
    page = (
        "<!DOCTYPE html><html><head><title>Talks in Doha</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<article><h1>Talks in Doha</h1><p>" + PROSE + "</p><p>The delegation will also discuss the evacuation "
        "of foreign citizens who remain in Afghanistan, officials said on Friday.</p></article>"
        "<footer>Copyright 2021 Example News. All rights reserved.</footer></body></html>"
    )
    doc = read_text(page, "page.html")
    assert doc.format == "html"
    assert "Senior Taliban officials met" in doc.text
    assert "All rights reserved" not in doc.text and "Home" not in doc.text.split()
    assert doc.title == "Talks in Doha"


def test_markdown_markup_is_stripped():
    doc = read_text(
        "# Talks\n\nThe **U.S.** delegation met the [Taliban](https://example.org) in Doha on Saturday.", "a.md"
    )
    assert "**" not in doc.text and "](" not in doc.text and "The U.S. delegation met the Taliban" in doc.text


def test_directory_jsonl_gzip_and_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text(PROSE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("# B\n\n" + PROSE)
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(PROSE.encode()))
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"id": "doc-1", "text": PROSE, "title": "One"})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "doc-2", "text": PROSE})
        + "\n"
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    items = list(read_paths([tmp_path]))
    documents = {i.id: i for i in items if isinstance(i, Document)}
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert set(documents) == {"a.txt", "sub/b.md", "c.txt", "doc-1", "doc-2"}
    assert documents["doc-1"].title == "One"
    assert sorted(s.reason.split(":")[0] for s in skipped) == ["bad JSONL record", "empty file"]


def test_ids_and_hashes_are_stable(tmp_path):
    (tmp_path / "a.txt").write_text(PROSE)
    first = next(read_paths([tmp_path]))
    second = next(read_paths([str(tmp_path) + "/"]))
    assert (first.id, first.sha256) == (second.id, second.sha256)
    (tmp_path / "a.txt").write_text(PROSE + " The talks ended on Sunday.")
    assert next(read_paths([tmp_path])).sha256 != first.sha256


def test_missing_path_raises():
    with pytest.raises(InputNotFound):
        list(read_paths(["/nonexistent/kg-input"]))


def test_a_list_bullet_opening_a_line_is_layout_not_text():
    from kg.reading import read_text

    text = read_text(
        "• Nic Batum suffered a finger dislocation in the second quarter.\n• Embiid scored 30.\n", "x.txt"
    ).text
    assert "•" not in text and text.startswith("Nic Batum suffered")
