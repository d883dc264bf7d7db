"""The cached JSON of a result: the fast per-record serializer writes what the generic walk wrote."""

from __future__ import annotations

import json
from dataclasses import fields

from kg.distributed import Processed, _plain, _result_dict
from kg.records import Argument, Document, DocumentResult, Extraction, Mention, Sentence


def _result() -> DocumentResult:
    nested = Argument("USAID and the CIA", 40, 57, "object", "with", False, [Argument("USAID", 40, 45)])
    return DocumentResult(
        document=Document("a.txt", "Ned Price said ...", "0" * 64, title="T", repairs=["nul"]),
        sentences=[Sentence(0, 0, 18, "Ned Price said ...")],
        mentions=[Mention("Ned Price", 0, 9, "PERSON", 0, "Person", "http://x/ned"), Mention("Doha", 3, 7, "GPE", 0)],
        extractions=[
            Extraction(
                sentence=0,
                relation="met with",
                predicate="meet",
                subject=Argument("Ned Price", 0, 9, "subject"),
                arguments=[nested, Argument("that ...", 60, 68, "object", None, True)],
                negated=True,
                modality="would",
                attribution=Argument("officials", 70, 79, "other"),
                confidence=0.8123,
                construction="passive",
                resolved_from="x",
            ),
            Extraction(sentence=0, relation="is", predicate="be", subject=None),
        ],
        words=3,
    )


def test_result_dict_is_the_generic_walk() -> None:
    result = _result()
    assert _result_dict(result) == _plain(result)
    expected = json.dumps(_plain(result), ensure_ascii=False, separators=(",", ":"))
    assert Processed.of(result).data == expected
    assert Processed.of(result).result() == result


def test_result_dict_names_every_field_in_order() -> None:
    # A field added to a record must be added to the serializer too (the cache would drop it).
    result = _result()
    data = _result_dict(result)
    assert list(data) == [f.name for f in fields(DocumentResult)]
    assert list(data["sentences"][0]) == [f.name for f in fields(Sentence)]
    assert list(data["mentions"][0]) == [f.name for f in fields(Mention)]
    assert list(data["extractions"][0]) == [f.name for f in fields(Extraction)]
    assert list(data["extractions"][0]["subject"]) == [f.name for f in fields(Argument)]


def test_every_field_of_an_argument_is_read_back() -> None:
    # DocumentResult.from_dict reads an argument field by field: a field added to Argument must be read too.
    values = {"text": "the risk of coral reefs", "start": 5, "end": 28, "role": "other", "preposition": "of",
              "is_clause": True, "conjuncts": [Argument("reefs", 23, 28)], "concept": "risk",
              "inner": [[17, 28, "coral reef"]], "verbal": True}  # fmt: skip
    assert list(values) == [f.name for f in fields(Argument)]
    full = Argument(**values)
    defaults = Argument(**{name: values[name] for name in ("text", "start", "end")})
    assert all(getattr(full, f.name) != getattr(defaults, f.name) for f in fields(Argument)[3:])
    result = DocumentResult(Document("d", "x" * 30, ""), extractions=[Extraction(0, "is", "be", full, [full])])
    assert DocumentResult.from_dict(json.loads(json.dumps(_result_dict(result)))) == result
