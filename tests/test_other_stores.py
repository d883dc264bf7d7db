"""``kg export`` outputs loaded by other tools, run for real: Apache Jena (riot, TDB2 and its SPARQL
engine), Raptor's rapper and pyoxigraph count the same statements, and the example queries give
Jena the answers they give ``kg query``.

Jena and rapper are Debian's (``libapache-jena-java``, ``raptor2-utils``, Java from
``default-jre-headless``: ``make system-deps`` installs them). Debian ships Jena's jars without
its command scripts, and jena-core's copy of Xerces looks for its message files under a package
name other than the one they are stored under; :func:`jena_classpath` puts them where it looks.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest

from .conftest import EXAMPLES
from .push.test_push_live import term_key

JAVA_LIB = Path("/usr/share/java")
#: Jena's jars and the libraries they need, as Debian names them (slf4j-nop: no logging set-up).
JENA_JARS = (
    "jena-arq jena-base jena-cmds jena-core jena-dboe-base jena-dboe-index jena-dboe-storage jena-dboe-trans-data "
    "jena-dboe-transaction jena-iri jena-rdfconnection jena-tdb2 commons-cli commons-codec commons-compress "
    "commons-csv commons-io commons-lang3 commons-logging dexx.collection gson guava httpclient httpclient-cache "
    "httpcore jackson-annotations jackson-core jackson-databind jakarta.json-api jsonld-java protobuf slf4j-api "
    "slf4j-nop thrift titanium-json-ld"
).split()
#: Export format → (file name, pyoxigraph format, quads?).
EXPORTS = {
    "nq": ("graph.nq", ox.RdfFormat.N_QUADS, True),
    "trig": ("graph.trig", ox.RdfFormat.TRIG, True),
    "ttl": ("graph.ttl", ox.RdfFormat.TURTLE, False),
    "nt": ("graph.nt", ox.RdfFormat.N_TRIPLES, False),
    "rdfxml": ("graph.rdf", ox.RdfFormat.RDF_XML, False),
    "jsonld": ("graph.jsonld", ox.RdfFormat.JSON_LD, False),
}


def _missing(what: str) -> None:
    pytest.fail(f"{what} is not installed: `make system-deps` installs it (Debian packages)", pytrace=False)


@pytest.fixture(scope="module")
def jena_classpath(tmp_path_factory) -> str:
    """The class path to run Jena's commands from Debian's jars, with Xerces' messages where it looks for them."""
    if shutil.which("java") is None:
        _missing("java (default-jre-headless)")
    jars = [JAVA_LIB / f"{name}.jar" for name in JENA_JARS]
    absent = [jar.name for jar in jars if not jar.is_file()]
    if absent:
        _missing(f"Apache Jena (libapache-jena-java; missing {', '.join(absent)})")
    resources = tmp_path_factory.mktemp("jena-resources")
    prefix = "org/apache/jena/ext/"  # where the jar stores them; the classes look under xerces/
    with zipfile.ZipFile(JAVA_LIB / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(prefix + "xerces/") and name.endswith(".properties"):
                target = resources / name.removeprefix(prefix)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return ":".join([*map(str, jars), str(resources)])


def java(classpath: str, main: str, *args: object) -> subprocess.CompletedProcess:
    done = subprocess.run(["java", "-cp", classpath, main, *map(str, args)], capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert done.returncode == 0, f"{main}: {done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def exports(corpus_out, tmp_path_factory, cli) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    for fmt in EXPORTS:
        result = cli("export", corpus_out, "--format", fmt, "-o", folder)
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == sorted(name for name, _, _ in EXPORTS.values())
    return folder


@pytest.fixture(scope="module")
def expected(corpus_out) -> dict[bool, int]:
    """What each export holds: the store's quads, or the distinct triples of their union."""
    store = ox.Store.read_only(str(corpus_out / "store"))
    quads = len(store)
    triples = len(list(store.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")))
    return {True: quads, False: triples}


def _pyoxigraph_count(path: Path, fmt: ox.RdfFormat) -> int:
    return len(set(ox.parse(path=str(path), format=fmt)))


def test_jena_riot_counts_every_export_as_pyoxigraph_does(jena_classpath, exports, expected):
    for fmt, (name, ox_format, quads) in EXPORTS.items():
        # Debian's Jena has no JSON-P implementation for its JSON-LD 1.1 reader; JSON-LD 1.0 reads it.
        syntax = ["--syntax=jsonld10"] if fmt == "jsonld" else []
        done = java(jena_classpath, "riotcmd.riot", "--count", *syntax, exports / name)
        found = re.search(r": (Quads|Triples) = ([\d,]+)", done.stdout + done.stderr)
        assert found, (fmt, done.stdout, done.stderr)
        assert found.group(1) == ("Quads" if quads else "Triples"), fmt
        riot = int(found.group(2).replace(",", ""))
        assert riot == _pyoxigraph_count(exports / name, ox_format) == expected[quads], fmt


def test_rapper_counts_the_triple_formats_as_pyoxigraph_does(exports, expected):
    if shutil.which("rapper") is None:
        _missing("rapper (raptor2-utils)")
    for fmt, syntax in (("ttl", "turtle"), ("nt", "ntriples"), ("rdfxml", "rdfxml"), ("nq", "nquads"),
                        ("trig", "trig")):  # fmt: skip
        name, ox_format, quads = EXPORTS[fmt]
        done = subprocess.run(["rapper", "-i", syntax, "-c", str(exports / name)], capture_output=True, text=True,
                              timeout=300)  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        count = int(re.search(r"returned (\d+) (?:triples|statements)", done.stderr).group(1))
        assert count == _pyoxigraph_count(exports / name, ox_format) == expected[quads], fmt


def test_jena_tdb2_loads_the_quads_and_answers_the_example_queries(jena_classpath, exports, expected, cli,
                                                                  corpus_out, tmp_path):  # fmt: skip
    database = tmp_path / "tdb2"
    java(jena_classpath, "tdb2.tdbloader", "--loc", database, exports / "graph.nq")
    count = java(jena_classpath, "tdb2.tdbquery", "--loc", database, "--results=json",
                 "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")  # fmt: skip
    assert int(json.loads(count.stdout)["results"]["bindings"][0]["n"]["value"]) == expected[True]
    for query in sorted(EXAMPLES.glob("*.rq")):
        # The query file as it is: Jena pre-declares no prefix of kg's.
        done = java(jena_classpath, "tdb2.tdbquery", "--loc", database, "--set", "tdb2:unionDefaultGraph=true",
                    "--results=json", "--query", query)  # fmt: skip
        ours = cli("query", corpus_out, "-f", query, "--format", "json")
        assert ours.exit_code == 0, ours.output
        assert _rows(json.loads(done.stdout)) == _rows(json.loads(ours.stdout)) != [], query.name


def _rows(results: dict) -> list[tuple]:
    names = results["head"]["vars"]
    return sorted((tuple(term_key(b.get(v)) for v in names) for b in results["results"]["bindings"]), key=repr)
