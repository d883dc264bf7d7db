"""Namespaces used throughout kg, as rdflib namespace objects.

kg's own vocabulary, :class:`KG`, is a closed :class:`~rdflib.namespace.DefinedNamespace`
whose terms are those ``ontology/kg.ttl`` declares (``tests/rdf/test_namespaces.py``
keeps the two in step), so a misspelt term raises instead of minting a new IRI.
Relation properties (:data:`REL`) are minted from the text and known entities'
identities (:data:`KGE`) read from gazetteers: open namespaces.
"""

# The module, not its classes: pytest's doctest finder probes every class a module
# holds for mock attributes, and an open DefinedNamespace warns about each probe.
import rdflib.namespace
from rdflib import Namespace, URIRef

from ..settings import DEFAULT_BASE  # noqa: F401 (re-exported)


class KG(rdflib.namespace.DefinedNamespace):
    """The kg vocabulary (``ontology/kg.ttl``): closed, a term it does not declare raises.

    >>> KG.Statement
    rdflib.term.URIRef('https://w3id.org/kg/ns#Statement')
    >>> KG["Person"] == KG.Person
    True
    >>> KG.Statment
    Traceback (most recent call last):
    ...
    AttributeError: term 'Statment' not in namespace 'https://w3id.org/kg/ns#'
    """

    _NS = Namespace("https://w3id.org/kg/ns#")
    _fail = True

    # Entity classes (each with the spaCy NER labels of its mentions).
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Event: URIRef
    TimeExpression: URIRef
    Group: URIRef
    CreativeWork: URIRef
    Legislation: URIRef
    Product: URIRef
    Language: URIRef
    Concept: URIRef
    Other: URIRef
    spacyLabel: URIRef
    rulerLabel: URIRef

    # Statements and their qualifiers.
    Statement: URIRef
    Qualifier: URIRef
    Relation: URIRef
    relationText: URIRef
    location: URIRef
    time: URIRef
    timeText: URIRef
    negated: URIRef
    hedged: URIRef
    voice: URIRef
    modality: URIRef
    attributedTo: URIRef
    confidence: URIRef
    construction: URIRef
    resolvedFrom: URIRef
    subjectText: URIRef
    objectText: URIRef
    valueText: URIRef
    qualifier: URIRef
    preposition: URIRef
    value: URIRef

    # Entities and documents.
    mentionCount: URIRef
    mentionedIn: URIRef
    metonymFor: URIRef
    demonymOf: URIRef
    memberOf: URIRef
    relatedTo: URIRef
    mergeRule: URIRef
    sha256: URIRef
    sourcePath: URIRef
    documentId: URIRef


#: Relation properties, minted from the lemma of a relation (``rel:meet``): open.
REL = Namespace("https://w3id.org/kg/relation/")
#: The gazetteer's own identities of known entities (``kge:taliban``): open. Not instance data, which
#: lives under the base IRI; an entity links its known identity with ``owl:sameAs``.
KGE = Namespace("https://w3id.org/kg/entity/")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
WD = Namespace("http://www.wikidata.org/entity/")


#: Prefixes pre-declared for every SPARQL query and used when serializing.
PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "rel": str(REL),
    "kge": str(KGE),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "nif": str(NIF),
    "skos": str(rdflib.namespace.SKOS),
    "rdf": str(rdflib.namespace.RDF),
    "rdfs": str(rdflib.namespace.RDFS),
    "owl": str(rdflib.namespace.OWL),
    "xsd": str(rdflib.namespace.XSD),
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
