"""Entity resolution: every mention and argument of a corpus → one canonical entity.

This is the cross-document pass: it reads the compact per-document results
and never the text's parse, so it is cheap and can run after distributed work.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable

from ..ontology import class_for_label
from ..records import Argument, DocumentResult, Entity, EntityIndex, Mention
from .gazetteer import KnownEntity, read_gazetteer
from .normalize import clean_surface, normalize_name, slug

#: Mention labels that name no entity node (numbers, amounts).
NON_ENTITY_LABELS = {"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}


def entity_key(entity_type: str, name: str) -> str:
    """The stable key of an entity: its type and a slug of its normalized name.

    >>> entity_key("Organization", "the Taliban")
    'organization/taliban'
    """
    normalized = normalize_name(name)
    readable = slug(normalized)
    if not readable:
        readable = "x" + hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:12]
    return f"{entity_type.lower()}/{readable}"


class _Builder:
    def __init__(self, known: dict[str, KnownEntity]):
        self.known = known
        self.known_by_alias: dict[str, KnownEntity] = {}
        for entity in known.values():
            for name in (entity.label, *entity.aliases):
                self.known_by_alias.setdefault(normalize_name(name), entity)
        self.entities: dict[str, Entity] = {}
        self.surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        self.stats: Counter[str] = Counter()

    def add(self, key: str, entity_type: str, surface: str, doc_id: str, rule: str, named: bool, known=None) -> str:
        entity = self.entities.get(key)
        if entity is None:
            entity = Entity(key=key, type=entity_type, label=surface, named=named)
            if known is not None:
                entity.iri, entity.label, entity.same_as = known.iri, known.label, list(known.same_as)
            self.entities[key] = entity
        entity.mentions += 1
        entity.documents.add(doc_id)
        entity.rules.add(rule)
        self.surfaces[key][clean_surface(surface)] += 1
        self.stats[f"rule:{rule}"] += 1
        return key

    def mention_key(self, mention: Mention, doc_id: str, people: dict[str, str]) -> str | None:
        if mention.label in NON_ENTITY_LABELS or mention.entity_type == "TimeExpression":
            return None
        known = self.known.get(mention.known) if mention.known else None
        if known is None:
            candidate = self.known_by_alias.get(normalize_name(mention.text))
            if candidate is not None and candidate.type == mention.entity_type:
                known = candidate
        if known is not None:
            key = entity_key(known.type, known.label)
            return self.add(key, known.type, mention.text, doc_id, "gazetteer", True, known)
        name = normalize_name(mention.text)
        if mention.entity_type == "Person":
            if " " in name:
                people[name.split()[-1]] = name
            elif name in people:
                # "Khalilzad" after "Zalmay Khalilzad" in the same document.
                return self.add(entity_key("Person", people[name]), "Person", mention.text, doc_id, "surname", True)
        return self.add(entity_key(mention.entity_type, mention.text), mention.entity_type, mention.text, doc_id,
                        "exact-name", True)  # fmt: skip

    def finish(self) -> dict[str, Entity]:
        for key, entity in self.entities.items():
            surfaces = self.surfaces[key]
            entity.aliases = {s for s in surfaces if s}
            if entity.iri is None and surfaces:
                # Most frequent form wins, then the longest, then alphabetical:
                # the same label whatever order documents are read in.
                stripped = Counter()
                for surface, count in surfaces.items():
                    stripped[clean_surface(_strip_determiner(surface))] += count
                entity.label = sorted(stripped.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
            entity.aliases.discard(entity.label)
        return self.entities


def _strip_determiner(text: str) -> str:
    words = text.split(" ", 1)
    if len(words) == 2 and words[0].lower() in {"the", "a", "an"}:
        return words[1]
    return text


def _arguments(result: DocumentResult) -> Iterable[Argument]:
    for extraction in result.extractions:
        for argument in (extraction.subject, extraction.attribution, *extraction.arguments):
            if argument is None:
                continue
            yield argument
            yield from argument.conjuncts


def resolve_entities(results: Iterable[DocumentResult], gazetteers: tuple[str, ...] = ()) -> EntityIndex:
    """Assign every mention and argument span of every document to a canonical entity.

    Arguments whose text is a named mention (up to a determiner) take that
    mention's entity; other noun-phrase arguments become entities of type
    ``Other``; clauses and time expressions stay literals.
    """
    builder = _Builder(read_gazetteer(gazetteers))
    labels = class_for_label()
    index = EntityIndex()
    for result in sorted(results, key=lambda r: r.document.id):
        doc_id = result.document.id
        spans: dict[tuple[int, int], str] = {}
        by_name: dict[str, str] = {}
        people: dict[str, str] = {}
        for mention in sorted(result.mentions, key=lambda m: m.start):
            mention.entity_type = (
                mention.entity_type if mention.entity_type != "Other" else labels.get(mention.label, "Other")
            )
            key = builder.mention_key(mention, doc_id, people)
            if key is not None:
                spans[(mention.start, mention.end)] = key
                by_name[normalize_name(mention.text)] = key
        for argument in _arguments(result):
            span = (argument.start, argument.end)
            if span in spans or argument.is_clause or argument.role == "time":
                continue
            name = normalize_name(argument.text)
            if not name:
                continue
            key = by_name.get(name)
            if key is not None:
                entity = builder.entities[key]
                spans[span] = builder.add(key, entity.type, argument.text, doc_id, "argument-is-mention", True)
            else:
                spans[span] = builder.add(entity_key("Other", argument.text), "Other", argument.text, doc_id,
                                          "noun-phrase", False)  # fmt: skip
        index.assignments[doc_id] = spans
    index.entities = builder.finish()
    index.stats = dict(builder.stats)
    index.stats["entities"] = len(index.entities)
    return index
