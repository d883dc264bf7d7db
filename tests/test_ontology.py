"""``ontology/kg.ttl`` drives the spaCy label handling: its labels are the model's, one ruler label per class."""

from __future__ import annotations

from kg.ontology import class_for_label, labels_for_class, ruler_label_for_class


def test_kg_ttl_names_only_labels_the_model_predicts():
    from kg.parsing import load_pipeline

    assert set(class_for_label()) <= set(load_pipeline().get_pipe("ner").labels)


def test_every_class_with_labels_has_one_of_them_as_its_ruler_label():
    classes = set(class_for_label().values())
    assert set(ruler_label_for_class()) == classes
    for cls, label in ruler_label_for_class().items():
        assert label in labels_for_class(cls), cls


def test_rules_read_the_labels_from_the_ontology():
    from kg.extraction.clauses import LOCATION_LABELS
    from kg.extraction.phrases import TIME_LABELS

    assert LOCATION_LABELS == labels_for_class("Place") == {"GPE", "LOC", "FAC"}
    assert TIME_LABELS == labels_for_class("TimeExpression") == {"DATE", "TIME"}
