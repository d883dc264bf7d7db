"""Clause-level extraction: one extraction per predicate, from dependency rules.

General rules over the spaCy parse: subject, verb group (auxiliaries,
negation, modals, particles), objects, and prepositional phrases kept as
arguments with a role (location, time, other).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..records import Argument, Extraction

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
OBJECT_DEPS = {"dobj", "attr", "dative", "oprd", "acomp"}
CLAUSE_DEPS = {"ccomp", "xcomp"}
# Dependents that belong to the clause around a noun phrase, not to the phrase.
NP_EXCLUDE = {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "prep", "parataxis"}
LOCATION_LABELS = {"GPE", "LOC", "FAC"}
TIME_LABELS = {"DATE", "TIME"}
LOCATION_PREPOSITIONS = {"in", "at", "near", "inside", "outside", "across", "throughout"}
TIME_PREPOSITIONS = {"on", "in", "at", "during", "since", "until", "before", "after", "by", "from"}
# A verb of saying turns its clausal complement into reported speech.
REPORTING_VERBS = {
    "say", "tell", "report", "announce", "state", "add", "claim", "confirm", "insist",
    "note", "write", "warn", "explain", "declare", "deny", "acknowledge", "argue",
}  # fmt: skip
# "met with X" names the same relation as "met X": a comitative "with" after a
# verb is dropped from the relation key (it stays in the relation text).
TRANSPARENT_PREPOSITIONS = {"with"}


def _char_span(tokens: list[Token], offset: int) -> tuple[int, int]:
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx + offset, last.idx + len(last.text) + offset


def _phrase_tokens(head: Token, keep_conj: bool = False) -> list[Token]:
    """The tokens of the noun phrase headed by ``head``: its subtree minus clause-level dependents."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in NP_EXCLUDE and not (keep_conj and child.dep_ in {"conj", "cc", "punct"}):
            if child.dep_ == "prep" and child.i > head.i and child.head.pos_ in {"NOUN", "PROPN"}:
                # "officials from the State Department": the phrase keeps its
                # prepositional modifiers, but not their relative clauses.
                tokens.append(child)
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        tokens.extend(_phrase_tokens(pobj, keep_conj=True))
            continue
        tokens.extend(child.subtree if child.dep_ != "conj" else _phrase_tokens(child, keep_conj))
    tokens = sorted(set(tokens), key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc"):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    # Keep the phrase contiguous: cut at the first gap.
    contiguous = tokens[:1]
    for token in tokens[1:]:
        if token.i != contiguous[-1].i + 1:
            break
        contiguous.append(token)
    return contiguous or [head]


def _doc_text(doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def noun_phrase(head: Token, role: str, offset: int, preposition: str | None = None) -> Argument:
    """The whole noun phrase headed by ``head`` as an :class:`Argument`, coordination split into conjuncts."""
    conjuncts = [head] + [t for t in head.conjuncts if t.i > head.i]
    tokens = _phrase_tokens(head, keep_conj=len(conjuncts) > 1)
    if len(conjuncts) > 1:
        tokens = sorted({t for c in conjuncts for t in _phrase_tokens(c)} | set(tokens), key=lambda t: t.i)
    start, end = _char_span(tokens, offset)
    text = _doc_text(head.doc)[start - offset : end - offset]
    parts = []
    if len(conjuncts) > 1:
        for c in conjuncts:
            c_tokens = _phrase_tokens(c)
            c_start, c_end = _char_span(c_tokens, offset)
            parts.append(
                Argument(_doc_text(head.doc)[c_start - offset : c_end - offset], c_start, c_end, role, preposition)
            )
    return Argument(text, start, end, role, preposition, conjuncts=parts)


def clause_argument(head: Token, role: str, offset: int) -> Argument:
    """A clausal complement as an argument (reported speech, "said that ...")."""
    tokens = [t for t in head.subtree if not (t.dep_ == "mark" and t.head == head)]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    start, end = _char_span(tokens, offset)
    return Argument(_doc_text(head.doc)[start - offset : end - offset], start, end, role, is_clause=True)


def argument_role(preposition: Token, head: Token) -> str:
    """location, time or other, from the preposition and the named-entity type of its object."""
    prep = preposition.lower_
    label = head.ent_type_
    if label in TIME_LABELS and prep in TIME_PREPOSITIONS:
        return "time"
    if label in LOCATION_LABELS and prep in LOCATION_PREPOSITIONS:
        return "location"
    return "other"


def _subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The subject token of a verb and whether it is a passive subject; inherited through conj/xcomp/relcl."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.dep_ != "expl":
            if verb.dep_ == "relcl" and child.tag_ in {"WDT", "WP"}:
                # "the group, which seized Kabul": the relative pronoun stands for the head noun.
                return verb.head, child.dep_ in {"nsubjpass", "csubjpass"}
            return child, child.dep_ in {"nsubjpass", "csubjpass"}
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject_of(verb.head)
    if verb.dep_ == "xcomp":
        for child in verb.head.children:
            if child.dep_ in {"dobj"}:
                return child, False
        return _subject_of(verb.head)
    if verb.dep_ == "relcl":
        return verb.head, False
    return None, False


def _is_predicate(token: Token) -> bool:
    if token.pos_ == "VERB":
        return token.dep_ not in {"amod", "aux", "auxpass"}
    if token.pos_ == "AUX":
        return token.dep_ in {"ROOT", "ccomp", "conj", "relcl", "advcl"} and any(
            c.dep_ in {"attr", "acomp", "prep"} for c in token.children
        )
    return False


def extract_predicate(verb: Token, *, sentence: int, offset: int) -> Extraction | None:
    """One clause-level extraction for one predicate, or None if it has no arguments."""
    subject_token, passive = _subject_of(verb)
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    negations = [c for c in verb.children if c.dep_ == "neg"]
    particles = [c for c in verb.children if c.dep_ == "prt"]
    modality = next((a.lemma_.lower() for a in aux if a.tag_ == "MD"), None)
    relation_tokens = sorted(aux + negations + [verb] + particles, key=lambda t: t.i)
    key = [verb.lemma_.lower()] + [p.lower_ for p in particles]
    arguments: list[Argument] = []
    folded = False
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            attr_preps = [c for c in child.children if c.dep_ == "prep"]
            bare = not any(c.dep_ in {"det", "poss", "nummod"} for c in child.children)
            if child.dep_ == "attr" and bare and attr_preps and child.pos_ == "NOUN":
                # "be part of X", "be head of X": the bare noun belongs to the relation.
                prep = attr_preps[0]
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects:
                    relation_tokens += [child, prep]
                    key += [child.lemma_.lower(), prep.lower_]
                    arguments.append(noun_phrase(objects[0], "object", offset))
                    continue
            arguments.append(noun_phrase(child, "object", offset))
        elif child.dep_ == "ccomp" or (child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}):
            arguments.append(clause_argument(child, "object", offset))
        elif child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                arguments.append(noun_phrase(objects[0], "other", offset, preposition="by"))
    for child in verb.children:
        if child.dep_ != "prep":
            continue
        objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
        if not objects:
            continue
        role = argument_role(child, objects[0])
        argument = noun_phrase(objects[0], role, offset, preposition=child.lower_)
        if role == "other" and not folded and not any(a.role == "object" for a in arguments):
            # No direct object: the first prepositional object is the object
            # and its preposition belongs to the relation ("met with", "part of").
            folded = True
            argument.role = "object"
            relation_tokens.append(child)
            if child.lower_ not in TRANSPARENT_PREPOSITIONS:
                key.append(child.lower_)
            arguments.insert(0, argument)
            continue
        arguments.append(argument)
    if subject_token is None and not arguments:
        return None
    subject = None
    if subject_token is not None:
        if subject_token.dep_ in {"csubj", "csubjpass"}:
            subject = clause_argument(subject_token, "subject", offset)
        else:
            subject = noun_phrase(subject_token, "subject", offset)
    if passive:
        key = ["be", *key]
    relation_tokens = sorted(set(relation_tokens), key=lambda t: t.i)
    relation = " ".join(t.text for t in relation_tokens)
    attribution = None
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS:
        speaker, _ = _subject_of(verb.head)
        if speaker is not None:
            attribution = noun_phrase(speaker, "other", offset)
    construction = "passive" if passive else ("copula" if verb.lemma_ == "be" else "svo")
    extraction = Extraction(
        sentence=sentence,
        relation=relation,
        predicate="_".join(key),
        subject=subject,
        arguments=arguments,
        negated=bool(negations),
        modality=modality,
        attribution=attribution,
        construction=construction,
    )
    extraction.confidence = confidence(extraction, verb)
    return extraction


def confidence(extraction: Extraction, verb: Token) -> float:
    """A graded confidence from features of the extraction (construction, completeness, length, NER)."""
    score = 0.55
    if extraction.subject is None:
        score -= 0.25
    if not any(a.role == "object" for a in extraction.arguments):
        score -= 0.1
    lengths = [len(a.text.split()) for a in ([extraction.subject] if extraction.subject else []) + extraction.arguments]
    score -= 0.015 * max(0, sum(lengths) - 8)
    if verb.dep_ == "ROOT":
        score += 0.1
    if extraction.construction == "copula":
        score -= 0.05
    entities = sum(1 for t in verb.sent if t.ent_iob_ == "B")
    score += 0.01 * min(entities, 3)
    return round(min(0.99, max(0.01, score)), 4)


def extract_sentence(sent: Span, *, sentence: int, offset: int = 0) -> list[Extraction]:
    """All clause-level extractions of one parsed sentence.

    ``offset`` shifts character offsets from the spaCy ``Doc`` into the document text.
    """
    extractions = []
    for token in sent:
        if _is_predicate(token):
            extraction = extract_predicate(token, sentence=sentence, offset=offset)
            if extraction is not None:
                extractions.append(extraction)
    return extractions
