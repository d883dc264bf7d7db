"""A long document is parsed and analysed in sections; its graph is the one it has as a single section."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pyoxigraph as ox

import kg
from kg import sections
from kg.parsing import chunk_text

from .conftest import ROOT


def _nquads(graph) -> set[str]:
    return {line for line in graph.store.dataset.serialize(format="nquads").splitlines() if line}


def test_a_document_in_sections_gives_the_graph_of_one_section(tmp_path):
    """The sample corpus as one document, in six sections of ≤3,000 characters or in one: the same quads,
    so sentences, offsets, entity merges and coreference across sections all hold."""
    text = "\n\n".join(p.read_text() for p in sorted((ROOT / "corpus").glob("*.txt")))
    assert len(chunk_text(text, 3_000)) >= 5
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(text)
    whole = kg.build([folder], settings=kg.Settings(store="memory", write_html=False))
    sectioned = kg.build([folder], settings=kg.Settings(store="memory", write_html=False, section_chars=3_000))
    assert whole.report.statements > 100
    assert _nquads(sectioned) == _nquads(whole)


def test_progress_moves_inside_a_long_document(tmp_path):
    """The progress callback hears of each section of a long document, then of the document once."""
    text = "\n\n".join(p.read_text() for p in sorted((ROOT / "corpus").glob("*.txt")))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(text)
    (folder / "short.txt").write_text("The council approved the budget on Tuesday.")
    events: list[tuple[str, int]] = []
    graph = kg.build(
        [folder],
        settings=kg.Settings(store="memory", write_html=False, section_chars=3_000),
        progress=lambda kind, words: events.append((kind, words)),
    )
    kinds = [kind for kind, _ in events]
    assert kinds.count("document") == 2
    assert kinds.count("section") >= 4
    assert kinds.index("document") > kinds.index("section")  # sections come before their document
    assert sum(words for _, words in events) == graph.report.words


def test_a_long_document_streams_into_the_same_graph_on_disk(tmp_path):
    """Built into an output directory (Oxigraph: the document resolved and mapped early, section by
    section, its graph stored in pieces, then replayed): the quads of a build in one section, a
    results cache kept a section a line, and a graph.trig that holds the same graph."""
    text = "\n\n".join(p.read_text() for p in sorted((ROOT / "corpus").glob("*.txt")))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(text)
    kg.build([folder], tmp_path / "whole", settings=kg.Settings(write_html=False)).close()
    sectioned = kg.build([folder], tmp_path / "sections", settings=kg.Settings(write_html=False, section_chars=3_000))
    assert sectioned.report.documents_replayed == 1  # its early graph, made section by section, stood
    sectioned.close()
    expected = set(ox.Store(str(tmp_path / "whole" / "store")))
    stored = set(ox.Store(str(tmp_path / "sections" / "store")))
    assert len(expected) > 1_000 and stored == expected
    cached = list((tmp_path / "sections" / "results").glob("*.json"))
    assert len(cached) == 1
    # A header line (the document as read), a line a section, and a last line (whether it is cased).
    lines = cached[0].read_text().splitlines()
    read = json.loads(lines[0])["document"]["text"]
    assert len(chunk_text(read, 3_000)) >= 4 and len(lines) == 2 + len(chunk_text(read, 3_000))
    trig = ox.Store()
    trig.load(path=str(tmp_path / "sections" / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert set(trig) == stored


def test_with_workers_a_long_document_still_streams_in_the_driver(tmp_path):
    """With a pool of workers, a document longer than a section is parsed and mapped section by
    section in the driver (a worker would hand its result back whole): its results-cache entry is
    kept a section a line, short documents beside it go to the workers, and the graph is the one
    process's."""
    text = "\n\n".join(p.read_text() for p in sorted((ROOT / "corpus").glob("*.txt")))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-short.txt").write_text("The council approved the budget on Tuesday.")
    (folder / "b-long.txt").write_text(text)
    (folder / "c-short.txt").write_text("Maria Lopez met the mayor in Lima.")
    settings = dict(write_html=False, section_chars=3_000)
    kg.build([folder], tmp_path / "one", settings=kg.Settings(**settings)).close()
    pooled = kg.build([folder], tmp_path / "pool", settings=kg.Settings(workers=2, **settings))
    assert pooled.report.documents == 3
    pooled.close()
    assert set(ox.Store(str(tmp_path / "pool" / "store"))) == set(ox.Store(str(tmp_path / "one" / "store")))
    lines = sorted(len(path.read_text().splitlines()) for path in (tmp_path / "pool" / "results").glob("*.json"))
    assert lines[:2] == [1, 1] and lines[2] >= 6  # the long one: a header, its sections, a last line


def test_a_long_documents_graph_stored_in_many_pieces_is_the_whole_graph(tmp_path, monkeypatch):
    """A long document's graph goes to the store in pieces, all but the first loaded in bulk: the
    store then holds the quads of the document built as one section, and graph.trig the same."""
    text = "\n\n".join(p.read_text() for p in sorted((ROOT / "corpus").glob("*.txt")))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(text)
    kg.build([folder], tmp_path / "whole", settings=kg.Settings(write_html=False)).close()
    monkeypatch.setattr(sections, "PIECE_CHARS", 20_000)
    pieces = []
    real = sections.graph_pieces
    monkeypatch.setattr(sections, "graph_pieces", lambda path, size=None: (pieces.append(p) or p for p in real(path)))
    built = kg.build([folder], tmp_path / "sections", settings=kg.Settings(write_html=False, section_chars=3_000))
    built.close()
    assert len(pieces) >= 10
    expected = set(ox.Store(str(tmp_path / "whole" / "store")))
    assert len(expected) > 1_000 and set(ox.Store(str(tmp_path / "sections" / "store"))) == expected
    trig = ox.Store()
    trig.load(path=str(tmp_path / "sections" / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert set(trig) == expected


def _filler(first: int, chars: int) -> list[str]:
    """Distinct paragraphs about no person (repeated lines would be dropped as page debris)."""
    paragraphs, size, n = [], 0, first
    while size < chars:
        paragraph = f"In week {n}, the river rose by {n + 3} centimetres near the old stone bridge at the harbour."
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
        n += 1
    return paragraphs


def test_names_and_pronouns_resolve_across_sections(tmp_path):
    """A person named in full in the first section is the one its surname names two sections on,
    and the one a pronoun names at the start of a section whose previous one ended with her."""
    blocks = [
        ["Maria Gonzalez, the finance minister of Peru, met bankers in Lima on Monday.", *_filler(0, 850)],
        [*_filler(100, 900), "Maria Gonzalez visited the port of Callao on Wednesday."],
        ["She praised the dock workers for their long shifts during the strike at the port.", *_filler(200, 700),
         "Gonzalez announced a new budget on Friday."],
    ]  # fmt: skip
    text = "\n\n".join("\n\n".join(block) for block in blocks)
    sections = [piece for _, piece in chunk_text(text, 1_000)]
    # The sections are the blocks: the name, its surname and the pronoun are in different ones.
    assert [piece.strip() for piece in sections] == ["\n\n".join(block) for block in blocks]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "minister.txt").write_text(text)
    graph = kg.build([folder], tmp_path / "out", settings=kg.Settings(write_html=False, section_chars=1_000))

    def subject(predicate: str) -> set[str]:
        rows = graph.query(f"SELECT ?s WHERE {{ ?st rdf:predicate rel:{predicate} ; rdf:subject ?s }}")
        return {str(row[0]) for row in rows}

    minister = subject("meet")
    assert len(minister) == 1 and next(iter(minister)).endswith("/entity/person/maria-gonzalez")
    assert subject("visit") == minister
    assert subject("praise") == minister  # "She", at the start of the third section
    assert subject("announce") == minister  # "Gonzalez", two sections after the full name
    resolved = graph.query("SELECT ?t WHERE { ?st rdf:predicate rel:praise ; kg:resolvedFrom ?t }")
    assert {str(row[0]) for row in resolved} == {"She"}
    graph.close()


def test_a_text_longer_than_the_stores_line_buffer_is_stored(tmp_path):
    """A 20 MB document's ``nif:isString`` is one N-Quads line longer than Oxigraph's parser takes
    (16 MiB: the 20 MB build failed there, "Reached the buffer maximal size"): the store adds that
    line as a quad it makes, in a graph's first piece and in a later, bulk-loaded one."""
    from kg.rdf.terms import iri, literal, quad
    from kg.store import GraphStore

    text = 'Ça va, "quoted"\\ \n\tend. ' * 800_000
    assert len(text.encode("utf-8")) > 2**24
    g, d = iri("http://example.org/doc/long"), iri("http://example.org/doc/long")
    first = quad(d, iri("http://example.org/text"), literal(text), g) + quad(
        d, iri("http://example.org/n"), literal(1), g
    )
    later = quad(d, iri("http://example.org/again"), literal(text + "!", lang="en"), g)
    store = GraphStore(tmp_path / "store", kind="oxigraph")
    store.load_nquads(first)
    store.append_nquads(later)
    stored = {q.predicate.value: q.object for q in store.ox.quads_for_pattern(None, None, None, None)}
    assert stored["http://example.org/text"].value == text
    assert (
        stored["http://example.org/again"].value == text + "!" and stored["http://example.org/again"].language == "en"
    )
    assert stored["http://example.org/n"].value == "1"
    # The document changed: its first piece replaces the graph stored.
    store.replace_graphs([(g[1:-1], quad(d, iri("http://example.org/text"), literal(text[1:]), g))])
    assert [q.object.value for q in store.ox.quads_for_pattern(None, None, None, None)] == [text[1:]]
    store.close()


def _made_during_and_after_the_parse(tmp_path, text: str, section_chars: int) -> tuple[list[bytes], list[bytes]]:
    """A long document's graph and resolution logs as the parse makes them (``kg.sections.EarlySections``),
    and as :func:`kg.sections.map_sections` makes them from its cached result after the parse."""
    import hashlib

    from kg.distributed import Processed, process_documents
    from kg.entities.resolve import Resolver
    from kg.records import Document

    document = Document(id="long", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    settings = kg.Settings(section_chars=section_chars)
    done = [p for p in process_documents([document], settings, True, tmp_path / "early") if isinstance(p, Processed)]
    assert len(done) == 1 and done[0].error is None and done[0].spill
    early = Path(done[0].spill)
    after = tmp_path / "after"
    after.mkdir()
    result = early / sections.RESULT
    resolver = Resolver({"long": sections.facts_of(result)}, settings.gazetteers, record=True)
    mapped = sections.map_sections(
        resolver, lambda: sections.read_parts(result), "long", settings.base, after,
        cased=sections.document_cased(result), ops=after / sections.OPS,
    )  # fmt: skip
    assert done[0].log["digest"] == hashlib.sha256((early / sections.GRAPH).read_bytes()).hexdigest()
    assert mapped.statements > 0 and done[0].log["statements"] == mapped.statements
    return (
        [(early / sections.GRAPH).read_bytes(), (early / sections.OPS).read_bytes()],
        [(after / sections.GRAPH).read_bytes(), (after / sections.OPS).read_bytes()],
    )


def test_a_graph_made_during_the_parse_is_the_one_made_after(tmp_path, caplog):
    """The sample corpus in sections of 3,000 characters, resolved and mapped as they are parsed: its
    first section is not cased as the rest is, and "ISIS-K" is used two sections before it is defined,
    so the sections so far are resolved again as each comes to light; the graph and logs are then
    byte for byte those the whole document's facts give after the parse, which is not run again."""
    caplog.set_level(logging.DEBUG, logger="kg.sections")
    text = "\n\n".join(p.read_text() for p in sorted((ROOT / "corpus").glob("*.txt")))
    during, after = _made_during_and_after_the_parse(tmp_path, text, 3_000)
    assert len(during[0]) > 100_000 and during == after
    stood = [r.getMessage() for r in caplog.records if "made during the parse stands" in r.getMessage()]
    assert len(stood) == 1 and "(0 sections" not in stood[0]


def test_a_noun_phrase_fact_a_later_clause_keeps_is_mapped_again(tmp_path, caplog):
    """The phrase "a U.S. delegation in Doha" says nothing of an unnamed delegation, unless a clause of the
    document is about it: one two sections on is, so the sections are mapped again after the parse."""
    caplog.set_level(logging.DEBUG, logger="kg.sections")
    blocks = [
        ["The talks came after meetings between Taliban leaders and a U.S. delegation in Doha, Qatar.",
         *_filler(0, 850)],
        [*_filler(100, 900), "A U.S. delegation met the foreign minister of Qatar on Sunday."],
    ]  # fmt: skip
    text = "\n\n".join("\n\n".join(block) for block in blocks)
    during, after = _made_during_and_after_the_parse(tmp_path, text, 1_000)
    assert during == after and b"/entity/place/doha" in during[0]
    assert any("mapped again after its parse" in r.getMessage() for r in caplog.records)


def test_facts_that_change_too_late_send_the_document_through_the_pass_after_its_parse(tmp_path, caplog, monkeypatch):
    """With no sections to spare for resolving again, a short form defined after its use leaves the
    guess made during the parse, and the document is resolved and mapped after it: the same graph."""
    caplog.set_level(logging.DEBUG, logger="kg.sections")
    monkeypatch.setattr(sections.EarlySections, "SPARE_SECTIONS", 0)
    blocks = [
        ["The IRC sent doctors to the border on Monday.", *_filler(0, 900)],
        [*_filler(100, 900), "The International Rescue Committee (IRC) opened a clinic on Friday."],
    ]  # fmt: skip
    text = "\n\n".join("\n\n".join(block) for block in blocks)
    during, after = _made_during_and_after_the_parse(tmp_path, text, 1_000)
    assert during == after
    assert any("resolved again after its parse" in r.getMessage() for r in caplog.records)
