"""Namespaces used throughout kg, as rdflib :class:`~rdflib.Namespace` objects."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Namespace

KG = Namespace("https://w3id.org/kg/ns#")
REL = Namespace("https://w3id.org/kg/relation/")
KGE = Namespace("https://w3id.org/kg/entity/")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
WD = Namespace("http://www.wikidata.org/entity/")

DEFAULT_BASE = "https://example.org/kg/"

#: Prefixes pre-declared for every SPARQL query and used when serializing.
PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "rel": str(REL),
    "kge": str(KGE),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "nif": str(NIF),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "wd": str(WD),
}


def sparql_prologue(extra: dict[str, str] | None = None) -> str:
    """``PREFIX`` lines for all standard prefixes (plus ``extra``).

    >>> "PREFIX kg: <https://w3id.org/kg/ns#>" in sparql_prologue()
    True
    """
    prefixes = dict(PREFIXES, **(extra or {}))
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items())
