"""examples/gazetteer.ttl, the sample corpus's cast as a user gazetteer: used with --gazetteer, it links to Wikidata."""

import json
from pathlib import Path

import pytest

import kg
from kg.entities.audit import list_entities
from kg.entities.gazetteer import read_gazetteer

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = ROOT / "examples" / "gazetteer.ttl"


def test_default_knowledge_holds_no_corpus_names():
    known = read_gazetteer()
    labels = {e.label for e in known.values()}
    assert "Taliban" not in labels and "Zalmay Khalilzad" not in labels
    assert all(e.source == "data" for e in known.values())
    assert not (ROOT / "ontology" / "entities.ttl").exists()


def test_example_gazetteer_is_read_and_merged_with_the_data():
    known = read_gazetteer((str(GAZETTEER),))
    taliban = known["https://w3id.org/kg/entity/taliban"]
    assert taliban.type == "Organization" and taliban.same_as == ["http://www.wikidata.org/entity/Q42418"]
    us = known["https://w3id.org/kg/entity/united-states"]
    # The user's entry keeps its Wikidata link and gains the data's names and GeoNames id.
    assert "http://www.wikidata.org/entity/Q30" in us.same_as and "https://sws.geonames.org/6252001/" in us.same_as
    assert "USA" in us.aliases and us.demonyms == ["American", "Americans"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("with-gazetteer")
    settings = kg.Settings(write_html=False, write_trig=False, gazetteers=(str(GAZETTEER),))
    graph = kg.build([ROOT / "corpus"], out, settings=settings)
    yield graph
    graph.close()


def test_corpus_with_example_gazetteer_links_to_wikidata(built):
    rows = {r["iri"]: r for r in list_entities(built, include_other=True)}

    # Minted under the base; the gazetteer's IRI and Wikidata are its identities outside the build.
    def known(gazetteer_iri: str) -> dict:
        (row,) = [r for r in rows.values() if gazetteer_iri in r["same_as"]]
        assert row["iri"].startswith("https://example.org/kg/entity/")
        return row

    taliban = known("https://w3id.org/kg/entity/taliban")
    assert taliban["same_as"] == ["http://www.wikidata.org/entity/Q42418", "https://w3id.org/kg/entity/taliban"]
    assert "gazetteer" in taliban["rules"]
    iskp = known("https://w3id.org/kg/entity/islamic-state-khorasan-province")
    assert {"ISKP", "ISIS-K"} <= set(iskp["aliases"])
    assert len(taliban["documents"]) == 5
    # No second Taliban node beside the gazetteer's.
    assert not [r for r in rows.values() if r["label"] == "Taliban" and r["iri"] != taliban["iri"]]
    stats = json.loads(json.dumps(built.report.entity_stats))
    assert stats["merges: gazetteer"] > 100


def test_a_gazetteer_name_does_not_override_what_the_context_says():
    """The example gazetteer's "Washington" is D.C.; "the state of Washington" is still the state."""
    from kg.entities import resolve_entities

    from .test_identity import doc

    text = "The state of Washington sued. Washington insists on talks"
    a = doc("a", text, [("Washington", "GPE"), ("Washington", "GPE")])
    index = resolve_entities([a], gazetteers=(str(GAZETTEER),))
    state = index.entity_at("a", 13, 23)
    assert state.label == "Washington" and state.same_as == ["https://sws.geonames.org/5815135/"]
    assert index.entity_at("a", 30, 40).iri == "https://w3id.org/kg/entity/washington-dc"
