"""kg's own spaCy pipeline components, registered by name (``nlp.add_pipe("kg_line_breaks")``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Cleaned news text keeps one paragraph or heading per line; without this
    the parser glues a heading to the paragraph after it.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc
