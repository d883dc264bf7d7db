"""RDF: vocabulary, IRIs, terms, and the mapping of extractions to statements."""
