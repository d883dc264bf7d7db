"""Entities: known-entity gazetteer, name normalization, and corpus-wide resolution."""

from .gazetteer import read_gazetteer
from .normalize import normalize_name
from .resolve import entity_key, resolve_entities

__all__ = ["entity_key", "normalize_name", "read_gazetteer", "resolve_entities"]
