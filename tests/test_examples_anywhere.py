"""Every example in examples/ runs as it is in any SPARQL 1.1 engine: each declares its own prefixes."""

from __future__ import annotations

import json

import pyoxigraph as ox

from .conftest import EXAMPLES


def _json_rows(results: dict) -> list[tuple]:
    """SPARQL JSON results as sorted rows of comparable terms (repeats kept)."""
    from tests.push.test_push_live import term_key

    names = results["head"]["vars"]
    return sorted((tuple(term_key(b.get(v)) for v in names) for b in results["results"]["bindings"]), key=repr)


def test_example_queries_run_unchanged_in_a_bare_sparql_engine(cli, corpus_out, tmp_path):
    """Each .rq declares its own prefixes: a pyoxigraph store with none declared, loaded with the
    corpus export, gives the answers of ``kg query`` (which pre-declares kg's prefixes)."""
    export = tmp_path / "graph.nq"
    assert cli("export", corpus_out, "--format", "nq", "-o", export).exit_code == 0
    bare = ox.Store()
    bare.bulk_load(path=str(export), format=ox.RdfFormat.N_QUADS)
    for query in sorted(EXAMPLES.glob("*.rq")):
        answered = cli("query", corpus_out, "-f", query, "--format", "json")
        assert answered.exit_code == 0, answered.output
        expected = _json_rows(json.loads(answered.stdout))
        result = bare.query(query.read_text(encoding="utf-8"), use_default_graph_as_union=True)
        found = _json_rows(json.loads(result.serialize(format=ox.QueryResultsFormat.JSON)))
        assert found == expected and found, query.name
