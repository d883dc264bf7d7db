"""Entity nodes on real news pages (../shared/bench/news/pages), against gold read from the pages by hand.

See tests/entities/news_gold.py for the gold. Before the first entity work, on the same ten pages:
71 of 112 gold entities were one node of the right type (24 mistyped, 14 split, 3 missing) and
4 debris names were entities; before the second (types from the names' own words, places among
places, undefined short forms, spelling variants), 91 of 110 (14 mistyped, 4 split, 1 missing), now
109 (1 missing: "Crime Stoppers", which the NER does not see). On nine more pages read for the
second, 61 of 90 before it (16 mistyped, 10 split, 3 missing, 1 debris), 77 after
(7 mistyped, 3 split, 3 missing).
"""

import shutil
from pathlib import Path

import pytest

import kg
from kg.entities.audit import list_entities

from .news_gold import GOLD, MORE_GOLD, score

PAGES = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "news" / "pages"

pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason="the shared news pages are not beside the clone")


@pytest.fixture(scope="module")
def pages_graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    for name in [*GOLD, *MORE_GOLD]:
        shutil.copy(PAGES / name, folder / name)
    graph = kg.build([folder], settings=kg.Settings(store="memory", write_html=False, write_trig=False))
    yield graph
    graph.close()


@pytest.fixture(scope="module")
def rows(pages_graph):
    return list_entities(pages_graph, include_other=True)


@pytest.fixture(scope="module")
def scored(rows):
    return score(rows)


def row_of(rows, page: str, label: str) -> dict:
    found = [r for r in rows if page in r["documents"] and (label == r["label"] or label in r["aliases"])]
    assert len(found) == 1, (label, [(r["type"], r["label"]) for r in found])
    return found[0]


def test_gold_figures(scored):
    counts, problems = scored["counts"], "\n".join(scored["problems"])
    assert counts["entities"] == 110
    assert counts.get("debris", 0) == 0, problems
    assert counts["ok"] >= 109, problems
    assert counts.get("split", 0) == 0 and counts.get("mistyped", 0) == 0, problems


def test_gold_figures_of_the_pages_read_later(rows):
    """Nine more dev pages, their gold written before kg's output on them was looked at. Some general
    rules were then written from their failures (undefined short forms, place heads, "the X company"),
    so they are dev pages like the first ten, not held out."""
    result = score(rows, MORE_GOLD)
    counts, problems = result["counts"], "\n".join(result["problems"])
    assert counts["entities"] == 90
    assert counts.get("debris", 0) == 0, problems
    assert counts["ok"] >= 78, problems
    assert counts.get("split", 0) <= 2 and counts.get("mistyped", 0) <= 4, problems


def test_surnames_are_their_people_whatever_the_ner_said(rows):
    page = "fivethirtyeight.com.endorsement.html"
    for full, surname in [
        ("Bernie Sanders", "Sanders"),
        ("Michael Bloomberg", "Bloomberg"),
        ("Amy Klobuchar", "Klobuchar"),
    ]:
        row = row_of(rows, page, full)
        assert row["type"] == "Person" and surname in row["aliases"]
        assert not [r for r in rows if page in r["documents"] and r["label"] == surname], surname


def test_a_shared_surname_in_another_document_is_not_merged(rows):
    carissa = row_of(rows, "breakingbelizenews.com-paho.html", "Carissa F. Etienne")
    assert carissa["documents"] == ["breakingbelizenews.com-paho.html"]
    camille = row_of(rows, "haitiantimes.com-family.html", "Camille Etienne Gbedey")
    assert "Etienne" in camille["aliases"]


def test_acronyms_defined_in_the_text(rows):
    assert "PAHO" in row_of(rows, "breakingbelizenews.com-paho.html", "Pan American Health Organization")["aliases"]
    caricom = row_of(rows, "nationwideradiojm.com-caricom.html", "CARICOM")
    assert caricom["type"] == "Organization" and "acronym" in caricom["rules"]


def test_nationalities_are_groups_linked_to_their_country(pages_graph):
    rows = pages_graph.query(
        "SELECT ?label ?country WHERE { ?g a kg:Group ; skos:prefLabel ?label ; kg:demonymOf ?country }"
    )
    links = {(str(r[0]), str(r[1])) for r in rows}
    # The page names Haiti too: the link goes to its node in the graph (which is owl:sameAs kg's
    # known IRI), so a query walks from the Haitians to what the graph says of Haiti.
    haiti = pages_graph.query(
        "SELECT ?c WHERE { ?c a kg:Place ; skos:prefLabel 'Haiti' ; owl:sameAs <https://w3id.org/kg/entity/haiti> }"
    )
    assert [("Haitians", str(r[0])) for r in haiti] == [link for link in sorted(links) if link[0] == "Haitians"]
    assert not list(pages_graph.query("SELECT ?g WHERE { ?g a kg:Organization ; skos:prefLabel 'Haitians' }"))


def test_places_linked_only_where_the_data_and_context_agree(rows):
    seoul = row_of(rows, "world.kbs.co.kr-Temperatures.html", "Seoul")
    # (minted under the base: its identities outside the build are GeoNames and kg's own known-entity IRI)
    assert seoul["type"] == "Place" and "https://sws.geonames.org/1835848/" in seoul["same_as"]
    assert all("geonames" not in link or link == "https://sws.geonames.org/1835848/" for link in seoul["same_as"])
    # "in Washington" on a Grenadian page: the state or the capital, the text does not say: no link.
    washington = row_of(rows, "nowgrenada.com-pm.html", "Washington")
    assert washington["type"] == "Place" and washington["same_as"] == []


def test_debris_never_becomes_an_entity(rows):
    labels = {r["label"] for r in rows if r["type"] != "Other"}
    assert not labels & {"Email", "TravelCorridor", "Aaron Humes", "WhatsApp", "Веlіzе", "n't", "n’t"}
    assert not [label for label in labels if "@" in label]
