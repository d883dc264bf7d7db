"""Extraction rules, registered by name: each reads one English construction in a parse.

Three ordered registries, one per place a rule acts:

* :data:`noun_phrase_rules` -- ``rule(token, context) -> list[Extraction]``: tried on every
  nominal token of a sentence, in order; each gives the facts it reads at that token
  ("Ned Price, the State Department spokesperson" -> apposition).
* :data:`clause_rules` -- ``rule(clause) -> None``: applied in order to every predicate's
  :class:`~kg.extraction.clauses.Clause`; a rule that recognises its construction rewrites the
  clause (its construction name, subject, arguments or relation key), else leaves it alone.
* :data:`object_rules` -- ``rule(site) -> Argument | None | NO_MATCH``: how a direct object or
  complement becomes the clause's object; the first rule that does not return :data:`NO_MATCH`
  wins (``None``: the clause has no object, e.g. a light verb's event noun is the relation).

A new rule is a new registered function (with a test of its own: a sentence in, the
extraction out); ``before=`` places it ahead of a rule already registered:

>>> demo = Rules("demo")
>>> @demo.register("second")
... def second(token, context):
...     return []
>>> @demo.register("first", before="second")
... def first(token, context):
...     return []
>>> demo.names()
['first', 'second']
>>> "second" in demo
True

The spaCy components of :mod:`kg.components` name the rules they run in their config.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..errors import KGError

#: What an object rule returns when the construction is not its own (``None`` means "no object").
NO_MATCH = object()


class Rules:
    """An ordered registry of extraction rules of one kind."""

    def __init__(self, kind: str):
        self.kind = kind
        self._rules: dict[str, Callable] = {}

    def register(self, name: str, *, before: str | None = None) -> Callable[[Callable], Callable]:
        """Register a rule function under ``name``, last or just ``before`` another rule."""

        def add(rule: Callable) -> Callable:
            if before is None:
                self._rules[name] = rule
                return rule
            if before not in self._rules:
                raise KGError(f"no {self.kind} rule {before!r} to register {name!r} before")
            items = [(n, r) for n, r in self._rules.items() if n != name]
            at = next(i for i, (n, _) in enumerate(items) if n == before)
            items.insert(at, (name, rule))
            self._rules = dict(items)
            return rule

        return add

    def names(self) -> list[str]:
        """The rule names, in the order they run."""
        return list(self._rules)

    def select(self, names: Iterable[str] | None = None) -> tuple[Callable, ...]:
        """The rule functions named (all of them, in order, for ``None``)."""
        if names is None:
            return tuple(self._rules.values())
        unknown = [n for n in names if n not in self._rules]
        if unknown:
            raise KGError(f"unknown {self.kind} rule {', '.join(unknown)}: registered are {', '.join(self._rules)}")
        return tuple(self._rules[n] for n in names)

    def __contains__(self, name: object) -> bool:
        return name in self._rules

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)


noun_phrase_rules = Rules("noun-phrase")
clause_rules = Rules("clause")
object_rules = Rules("object")
