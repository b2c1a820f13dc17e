"""Sahifa's Arabic NLP layer: pure Python, no Flask or SQLAlchemy.

Typical use::

    from learn.nlp import get_engine
    analysed = get_engine(data_dir).analyze(text)   # AnalyzedText; raises TextError

Importing this package is cheap: the engine loads camel-tools and the morphology
database lazily, on the first analysis.
"""

from learn.nlp.engine import Engine, get_engine
from learn.nlp.text import MAX_CHARS, TextError
from learn.nlp.types import (
    CONTENT_POS,
    ENTITY_TYPES,
    AnalyzedText,
    Entity,
    Quotation,
    Sentence,
    Token,
)

__all__ = [
    "CONTENT_POS",
    "ENTITY_TYPES",
    "MAX_CHARS",
    "AnalyzedText",
    "Engine",
    "Entity",
    "Quotation",
    "Sentence",
    "TextError",
    "Token",
    "get_engine",
]
