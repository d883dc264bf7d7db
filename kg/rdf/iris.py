"""Minting IRIs for documents, sentences, statements and entities.

Every IRI is a function of stable identities (document id, character
offsets, entity key), so the same input gives the same IRIs on every run.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..records import Entity
from .namespaces import REL
from .terms import path_segment


def document_iri(base: str, doc_id: str) -> str:
    """The IRI of a document, which also names its graph: one path segment, a function of the id alone.

    The id is percent-encoded whole, ``/`` included, so two ids never give
    one IRI (an id ``a.txt/statement/0-0`` is not a statement of ``a.txt``)
    and no id climbs out of ``doc/`` (``../x``). The segments ``.`` and ``..``
    are dot segments to any IRI resolver, so they are written encoded.
    Ordinary file names stay as they are.

    >>> document_iri("https://example.org/kg/", "a.txt")
    'https://example.org/kg/doc/a.txt'
    >>> document_iri("https://example.org/kg/", "news/a b.txt")
    'https://example.org/kg/doc/news%2Fa%20b.txt'
    >>> document_iri("https://example.org/kg/", "..")
    'https://example.org/kg/doc/%2E%2E'
    """
    segment = quote(doc_id, safe="-._~")
    if segment.strip(".") == "":
        # Only dots: "." and ".." would be dot segments; no other id encodes
        # to "%2E" ("." is left as it is), so this stays one-to-one. (The
        # reader never gives an empty id.)
        segment = "%2E" * len(segment)
    return f"{base}doc/{segment}"


def sentence_iri(document: str, start: int, end: int) -> str:
    """A NIF offset-based IRI of a sentence: ``<doc>#char=start,end``.

    Under a base IRI ending in ``#`` the document IRI has a fragment already, and an IRI has one ``#``:

    >>> sentence_iri("https://example.org/kg#doc/a", 0, 5)
    'https://example.org/kg#doc/a%23char=0,5'
    """
    return f"{document}{'%23' if '#' in document else '#'}char={start},{end}"


def statement_iri(document: str, sentence: int, number: int) -> str:
    """The IRI of the ``number``-th statement read from sentence ``sentence``."""
    return f"{document}/statement/{sentence}-{number}"


def entity_iri(base: str, entity: Entity) -> str:
    """Every entity's IRI is minted under the base from its key, a known one's too: all instance data
    lives under ``--base``. A known entity's own IRI (its gazetteer's, ``kge:…``) and its Wikidata item
    are external identities, which the entities graph links with ``owl:sameAs``.

    >>> entity_iri("https://example.org/kg/", Entity(key="person/ned-price", type="Person", label="Ned Price"))
    'https://example.org/kg/entity/person/ned-price'
    >>> entity_iri("https://news.example.org/", Entity(key="place/doha", type="Place", label="Doha",
    ...                                                 iri="https://w3id.org/kg/entity/doha"))
    'https://news.example.org/entity/place/doha'
    """
    return f"{base}entity/{path_segment(entity.key)}"


#: An XML name at the end of a property IRI: RDF/XML writes a property as ``prefix:name``.
_XML_NAME_TAIL = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*$")


def relation_iri(predicate: str) -> str:
    """The property minted from a normalized relation key; it always ends in an XML name.

    >>> relation_iri("be_part_of")
    'https://w3id.org/kg/relation/be_part_of'

    A key ending in a character that percent-encodes (``rock'``) gets a trailing ``_``, else the
    RDF/XML export could not name the property (keys are words joined by ``_``, so none ends in one):

    >>> relation_iri("rock'")
    'https://w3id.org/kg/relation/rock%27_'
    """
    segment = path_segment(predicate or "related_to")
    return f"{REL}{segment if _XML_NAME_TAIL.search(segment) else segment + '_'}"


def entities_graph_iri(base: str, build: str | None = None) -> str:
    """The named graph holding a build's canonical entities, relation declarations and manifest.

    One per build (``build`` is :func:`kg.rdf.provenance.build_id`), so builds pushed into one
    store keep each their own entity descriptions. Without a build: the IRI every build's entities
    graph extends (the one entities graph of kg before builds had ids).

    >>> entities_graph_iri("https://example.org/kg/", "d74c0a8739f06544")
    'https://example.org/kg/graph/entities/d74c0a8739f06544'
    >>> entities_graph_iri("https://example.org/kg/")
    'https://example.org/kg/graph/entities'
    """
    return f"{base}graph/entities/{build}" if build else f"{base}graph/entities"


def ontology_graph_iri(base: str) -> str:
    """The named graph holding the vocabulary (``ontology/kg.ttl``)."""
    return f"{base}graph/ontology"
