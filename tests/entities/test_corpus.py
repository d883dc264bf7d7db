"""Entity resolution on the sample corpus: one node per real-world thing, auditable, stable."""

import json
from pathlib import Path

import kg
from kg.entities.audit import list_entities
from kg.records import ENTITY_TYPES

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def entity_of(graph, surface: str) -> set[str]:
    """Every entity whose label or alias is ``surface`` (exactly)."""
    rows = graph.query(
        f"SELECT DISTINCT ?e WHERE {{ ?e kg:mentionCount ?c . {{ ?e skos:prefLabel ?l }} UNION {{ ?e skos:altLabel ?l }} "
        f"FILTER(STR(?l) = {json.dumps(surface)}) }}"
    )
    return {str(r[0]) for r in rows}


def labelled(graph, label: str) -> set[str]:
    rows = graph.query(
        f"SELECT ?e WHERE {{ ?e kg:mentionCount ?c ; skos:prefLabel ?l FILTER(STR(?l) = {json.dumps(label)}) }}"
    )
    return {str(r[0]) for r in rows}


def test_variant_sets_end_as_one_node(corpus_graph):
    """Without any gazetteer (kg knows no name of the corpus): the data's countries, the text's own
    definitions ("Islamic State in Khorasan Province (ISKP or ISIS-K)"), surnames and metonymy."""
    variants = {
        "https://example.org/kg/entity/place/united-states": [
            "U.S.",
            "US",
            "u.s",
            "the United States",
            "America",
            "Washington",
        ],
        "https://example.org/kg/entity/organization/taliban": ["Taliban", "the Taliban"],
        "https://example.org/kg/entity/person/zalmay-khalilzad": ["Zalmay Khalilzad"],
        "https://example.org/kg/entity/organization/islamic-state-in-khorasan-province": ["ISKP", "ISIS-K"],
    }
    # "Washington" is also a place of its own where it is one ("in Washington"): the state or the
    # capital, the text does not say which, so it is linked to neither.
    washington = labelled(corpus_graph, "Washington")
    assert all("/entity/place/" in e for e in washington)
    for iri, surfaces in variants.items():
        for surface in surfaces:
            found = entity_of(corpus_graph, surface)
            assert iri in found, (surface, found)
            named = {e for e in found if "/entity/other/" not in e}
            assert named - washington == {iri}, (surface, found)


def test_descriptions_and_pronouns_reach_the_taliban(corpus_graph):
    rows = corpus_graph.query(
        "SELECT DISTINCT ?from WHERE { ?st kg:resolvedFrom ?from ; rdf:subject <https://example.org/kg/entity/organization/taliban> }"
    )
    surfaces = {str(r[0]).lower() for r in rows}
    assert {"the group", "the militant movement"} <= surfaces
    assert surfaces & {"they", "it"}


def test_no_node_mixes_two_people(corpus_graph):
    for row in list_entities(corpus_graph, "Person"):
        full_names = {a for a in [row["label"], *row["aliases"]] if len(a.split()) > 1}
        surnames = {name.split()[-1].lower() for name in full_names}
        assert len(surnames) <= 1, row


def test_lowercase_transcript_yields_known_entities(corpus_graph):
    rows = list_entities(corpus_graph)
    in_transcript = {r["label"] for r in rows if any(d.startswith("000_") for d in r["documents"])}
    assert {"Taliban", "United States", "Doha"} <= in_transcript


def test_every_entity_records_its_rules_and_types_are_known(corpus_graph):
    rows = list_entities(corpus_graph, include_other=True)
    assert rows and all(r["rules"] and r["documents"] and r["type"] in ENTITY_TYPES for r in rows)


def test_examples_query_returns_statements_about_us_from_every_spelling(corpus_graph):
    query = (CORPUS.parent / "examples" / "statements_about_us.rq").read_text()
    sentences = [str(r[2]) for r in corpus_graph.query(query)]
    assert len(sentences) >= 5
    spelled = " ".join(sentences)
    assert "U.S." in spelled and "US " in spelled


def test_resolution_stats_in_report(corpus_out):
    stats = json.loads((corpus_out / "report.json").read_text())["entity_stats"]
    for key in ("mentions", "entities", "pronouns resolved", "merges: gazetteer", "merges: coreference-pronoun"):
        assert stats.get(key, 0) > 0, key


def test_entity_iris_do_not_depend_on_document_order(corpus_graph, reversed_corpus):
    def entities(graph):
        return {
            (r["iri"], r["label"], tuple(r["aliases"]), r["mentions"]) for r in list_entities(graph, include_other=True)
        }

    other = kg.build([reversed_corpus], settings=kg.Settings(store="memory"))
    assert entities(other) == entities(corpus_graph)


def test_cli_entities_lists_the_audit(corpus_out):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["entities", str(corpus_out), "--format", "json", "--type", "Place"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    us = next(r for r in rows if r["label"] == "United States")
    assert "metonymy" in us["rules"] and "Washington" in us["aliases"] and len(us["documents"]) == 5
    result = CliRunner().invoke(app, ["entities", str(corpus_out), "--format", "csv"])
    assert result.exit_code == 0 and result.output.startswith("type,label,mentions")


def test_build_summary_stats_and_entities_report_the_same_counts(corpus_out):
    """One build: the summary, `kg stats` and `kg entities` count the same nodes the same way."""
    from typer.testing import CliRunner

    from kg.cli import app

    report = json.loads((corpus_out / "report.json").read_text())
    runner = CliRunner()
    stats = json.loads(runner.invoke(app, ["stats", str(corpus_out), "--json"]).output)["entities"]
    named = json.loads(runner.invoke(app, ["entities", str(corpus_out), "--format", "json"]).output)
    every = json.loads(runner.invoke(app, ["entities", str(corpus_out), "--format", "json", "--all"]).output)
    assert report["entities"] == stats["all"] == len(every)
    assert report["entity_stats"]["entities (named)"] == stats["named (kg entities)"] == len(named)
    assert stats["all"] == sum(n for t, n in stats.items() if t[0].isupper())
    assert stats["noun phrases (Concept, Other)"] == len([r for r in every if r["type"] in ("Concept", "Other")])
    table = runner.invoke(app, ["entities", str(corpus_out)]).output
    assert f"{len(named):,} named entities" in table
