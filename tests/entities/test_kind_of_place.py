""" "The city of Brookhaven" is Brookhaven: a phrase naming a place by its kind is that place's node."""

from __future__ import annotations

import kg


def test_the_kind_of_place_of_a_name_is_the_place(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The city of Brookhaven is building a new city hall.\n\n"
        "Passengers returning from the Caribbean island of Curacao must isolate.\n\n"
        "The mayor of Boston spoke on Monday."
    )
    graph = kg.build([tmp_path], tmp_path / "out", settings=kg.Settings(write_html=False, write_trig=False))
    rows = graph.query(
        """SELECT ?p ?s ?o WHERE { ?st rdf:predicate ?p .
             OPTIONAL { ?st rdf:subject/rdfs:label ?s } OPTIONAL { ?st rdf:object/rdfs:label ?o } }"""
    )
    facts = {(str(p).rsplit("/", 1)[-1], str(s) if s else None, str(o) if o else None) for p, s, o in rows}
    graph.close()
    assert ("build", "Brookhaven", "city hall") in facts
    assert ("return_from", "passenger", "Curaçao") in facts
    assert ("speak", "mayor", None) in facts  # a mayor of a place is no place
