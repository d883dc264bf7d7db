"""The merge audit: every canonical entity of a built graph, with how it came to be.

Reads the store (the entities graph and ``kg:mentionedIn`` links), so it works
on any build output, not only on the in-memory result of a build.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict


def list_entities(graph, entity_type: str | None = None, include_other: bool = False) -> list[dict]:
    """Canonical entities with type, label, aliases, mention count, documents and merge rules.

    ``graph`` is a :class:`kg.KnowledgeGraph`. Entities of type ``Concept`` or ``Other`` (noun
    phrases) are left out unless ``include_other`` or ``entity_type`` names their type.
    Sorted by type, then most mentioned first, then label.

    >>> import kg, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("The U.S. met the Taliban in Doha. The US said the group agreed.")
    >>> rows = list_entities(kg.build([folder]), "Place")
    >>> [(r["label"], r["mentions"], r["aliases"]) for r in rows if r["label"] == "United States"]
    [('United States', 4, ['U.S.', 'US', 'the U.S.', 'the US'])]
    """
    rows: dict[str, dict] = {}
    for e, cls, label, count in graph.query(
        "SELECT ?e ?type ?label ?count WHERE { ?e kg:mentionCount ?count ; a ?type ; skos:prefLabel ?label . "
        "FILTER(STRSTARTS(STR(?type), STR(kg:))) }"
    ):
        kind = str(cls).rsplit("#", 1)[-1]
        if entity_type is not None and kind.lower() != entity_type.lower():
            continue
        if entity_type is None and kind in ("Concept", "Other") and not include_other:
            continue
        rows[str(e)] = {"iri": str(e), "type": kind, "label": str(label), "mentions": int(count.toPython()),
                        "aliases": [], "documents": [], "rules": [], "same_as": []}  # fmt: skip
    extra: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for field, pattern in (
        ("aliases", "?e skos:altLabel ?v"),
        ("rules", "?e kg:mergeRule ?v"),
        ("same_as", "?e owl:sameAs ?v"),
        ("documents", "?e kg:mentionedIn ?d . ?d kg:documentId ?v"),
    ):
        for e, value in graph.query(f"SELECT ?e ?v WHERE {{ ?e kg:mentionCount ?c . {pattern} }}"):
            if str(e) in rows:
                extra[str(e)][field].add(str(value))
    for iri, row in rows.items():
        for field, values in extra[iri].items():
            row[field] = sorted(values)
    return sorted(rows.values(), key=lambda r: (r["type"], -r["mentions"], r["label"].lower(), r["iri"]))


def format_entities(rows: list[dict], fmt: str) -> str:
    """``rows`` of :func:`list_entities` as ``json`` or ``csv`` text (lists joined with ``|`` in CSV)."""
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False)
    buffer = io.StringIO()
    columns = ["type", "label", "mentions", "aliases", "documents", "rules", "same_as", "iri"]
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "|".join(v) if isinstance(v, list) else v for k, v in row.items() if k in columns})
    return buffer.getvalue()
