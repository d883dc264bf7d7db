"""``kg extract``: one sentence per line → extractions as JSON lines or CaRB's tabbed format."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..parsing import load_pipeline
from ..records import Argument, Extraction, nested
from ..settings import Settings
from . import extract_sentence
from .ptb import detokenize, to_line

FORMATS = ("jsonl", "carb")
_AUXILIARIES = frozenset(
    "be is am are was were been being 's 're has have had will would shall should can could may might must to".split()
)


def extract_lines(
    lines: Iterable[str], settings: Settings | None = None, *, tokenized: bool = False
) -> Iterator[tuple[str, list[Extraction]]]:
    """Extractions of each line, each line read as exactly one sentence (never re-split).

    ``tokenized`` lines (Penn Treebank style, as CaRB's) are parsed as plain text
    and their argument spans mapped back onto the line.
    """
    settings = settings or Settings()
    nlp = load_pipeline(settings.model, settings.gazetteers)
    lines = list(lines)
    plain = [detokenize(line) for line in lines] if tokenized else None
    texts = [d.text for d in plain] if plain else lines
    for n, (line, doc) in enumerate(zip(lines, nlp.pipe(texts, batch_size=settings.batch_size), strict=False)):
        found = extract_sentence(doc[:], sentence=0) if line.strip() else []
        yield line, to_line(found, plain[n]) if plain else found


def _argument(argument: Argument | None) -> dict | None:
    if argument is None:
        return None
    data = {"text": argument.text, "role": argument.role, "start": argument.start, "end": argument.end}
    if argument.preposition:
        data["preposition"] = argument.preposition
    if argument.is_clause:
        data["clause"] = True
    return data


def atomic_facts(extraction: Extraction) -> list[dict]:
    """The atomic facts the RDF mapping makes of one extraction (coordination split).

    ``subject`` is the agent and ``object`` the patient, either None when the clause
    names none (an agentless passive, an intransitive verb).
    """
    facts = []
    for subject, obj, others in extraction.atomic_facts():
        facts.append(
            {
                "subject": subject.text if subject is not None else None,
                "predicate": extraction.predicate,
                "object": obj.text if obj is not None else None,
                "negated": extraction.negated,
                "hedged": extraction.hedged,
                "voice": extraction.voice,
                "qualifiers": [_argument(a) for a in others],
            }
        )
    return facts


# Facts read in noun phrases carry no tense of their own.
_TENSELESS = frozenset({"apposition", "np_preposition", "title_compound"})


def _carb_relation(extraction: Extraction) -> str:
    """The relation as CaRB words it, with "be" where the verb group has no tensed verb.

    CaRB's "be" matches any form of "be" in the gold relation, so it stands in for
    the tense the sentence gives but the extraction does not carry.
    """
    relation = extraction.relation
    first = relation.split(" ", 1)[0].lower()
    if extraction.construction in _TENSELESS and first == "is":
        # "Ned Price, the spokesperson": the apposition holds whenever the clause does.
        return "be" + relation[2:]
    if first in _AUXILIARIES and first != "to":
        return relation
    if extraction.construction == "passive" or first.endswith("ing") or first == "to":
        # A bare participle or infinitive reads as a verb group with "be": "a think tank
        # founded in 2005" -> "be founded in", "the pair, staying in" -> "be staying in",
        # "plans to add" -> "be to add".
        return f"be {relation}"
    return relation


def carb_tuple(extraction: Extraction) -> tuple[str, ...]:
    """``(relation, arg1, arg2, ...)`` in the sentence's surface order, as CaRB's gold reads.

    A passive is stored in the active voice (agent as subject); CaRB reads it as
    written: ("was claimed by", "The attack", "ISKP").
    """
    arguments = [a for a in extraction.arguments if not nested(a, extraction.arguments)]
    subject = extraction.subject
    if extraction.construction == "passive":
        objects = [a for a in arguments if a.role == "object"]
        if objects:
            first = objects[0]
            arguments.remove(first)
            if subject is not None:
                arguments.insert(0, subject)
            subject = first
    arguments.sort(key=lambda a: a.start)
    relation = _carb_relation(extraction)
    after = subject.end if subject is not None else -1
    first = next((n for n, a in enumerate(arguments) if a.start >= after), None)
    if first is not None and not any(a.role in ("object", "state") for a in arguments) and arguments[first].preposition:
        # No object: CaRB reads the preposition of the first phrase after the subject as
        # part of the relation ("were formed in | 1887"); a fronted one stays an adjunct.
        a = arguments[first]
        relation = f"{relation} {a.preposition}"
        arguments[first] = Argument(a.text, a.start, a.end, "object")
    # An adjunct is read with its preposition ("in 1941"); a folded one is in the relation already.
    texts = [f"{a.preposition} {a.text}" if a.preposition and a.role != "object" else a.text for a in arguments]
    return (relation, subject.text if subject else "", *texts)


def format_extractions(line: str, extractions: list[Extraction], fmt: str = "jsonl") -> str:
    """Render one line's extractions; ``carb`` gives ``sentence, confidence, relation, arg1, arg2...`` rows."""
    if fmt == "carb":
        rows = []
        for e in extractions:
            relation, arg1, *rest = carb_tuple(e)
            if not arg1:
                continue  # CaRB never matches a tuple without its first argument
            cells = [line, f"{e.confidence:.4f}", relation, arg1, *rest]
            rows.append("\t".join(c.replace("\t", " ") for c in cells) + "\n")
        return "".join(rows)
    record = {
        "sentence": line,
        "extractions": [
            {
                "relation": e.relation,
                "predicate": e.predicate,
                "subject": _argument(e.subject),
                "arguments": [_argument(a) for a in e.arguments],
                "negated": e.negated,
                "modality": e.modality,
                "hedged": e.hedged,
                "voice": e.voice,
                "attribution": _argument(e.attribution),
                "confidence": e.confidence,
                "construction": e.construction,
            }
            for e in extractions
        ],
        "facts": [fact for e in extractions for fact in atomic_facts(e)],
    }
    return json.dumps(record, ensure_ascii=False) + "\n"
