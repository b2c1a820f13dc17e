"""A small shallow-syntax layer over the engine's analysis: noun-phrase chunks and event frames.

``chunk_sentence(sentence, entities)`` groups a sentence's tokens into noun phrases,
prepositional phrases, verbs and particles; ``find_frames(analyzed)`` reads event frames off
them — who signed, agreed, met, said what, to what, when, where, for how long — as character
spans of the text. Pure functions over :mod:`learn.nlp.types`; the trigger words and word
classes are plain TSV files in ``data/``.
"""

from __future__ import annotations

from learn.nlp.syntax.chunks import chunk_sentence
from learn.nlp.syntax.frames import find_frames
from learn.nlp.syntax.types import Chunk, Frame, Party, TextSpan

__all__ = ["Chunk", "Frame", "Party", "TextSpan", "chunk_sentence", "find_frames"]
