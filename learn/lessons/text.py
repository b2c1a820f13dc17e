"""Small Arabic text helpers the lesson layer shares (pure functions, no NLP engine needed)."""

from __future__ import annotations

import re
from functools import lru_cache

from learn.nlp.morphology.arabic import dediac, normalize_key

# Letters that attach to the front of a word (conjunctions, prepositions, the article).
_PROCLITIC_RE = re.compile(r"^(?:و|ف)?(?:ب|ل|ك|س)?(?:ال)?")
_SPACE_RE = re.compile(r"\s+")
_TRAILING_PUNCT = " \t\n،,;:؛.!?؟«»“”\"'()[]–—-_"
_GLOSS_SPLIT_RE = re.compile(r"\s*[;/|]\s*")
_GLOSS_NOISE_RE = re.compile(r"\[[^\]]*\]|\([^)]*\)")


@lru_cache(maxsize=200_000)
def bare(text: str) -> str:
    """Undiacritized, alif/ya/ta-marbuta folded form used to compare Arabic words."""
    return normalize_key(text).strip()


def strip_conj(word: str) -> str:
    """Drop a leading و or ف conjunction (only when a real word remains)."""
    w = dediac(word)
    if len(w) > 3 and w[0] in "وف":
        return w[1:]
    return w


def stem_key(word: str) -> str:
    """A rough clitic-free key: conjunction, preposition and article removed, then folded."""
    w = bare(word)
    stripped = _PROCLITIC_RE.sub("", w)
    return stripped if len(stripped) >= 2 else w


def clean_span_text(text: str) -> str:
    """Trim spaces and punctuation at both ends, collapse inner whitespace."""
    return _SPACE_RE.sub(" ", text).strip(_TRAILING_PUNCT)


def gloss_senses(gloss: str) -> list[str]:
    """Split an engine gloss ("sign;endorse", "sign/endorse") into clean senses."""
    return list(_senses(gloss or ""))


@lru_cache(maxsize=16384)
def _senses(gloss: str) -> tuple[str, ...]:
    # Cached: the distractor search reads the same lexicon glosses for every question.
    senses: list[str] = []
    for part in _GLOSS_SPLIT_RE.split(gloss):
        part = _GLOSS_NOISE_RE.sub("", part).replace("_", " ").strip(" ,.")
        part = _SPACE_RE.sub(" ", part)
        if part and part not in senses:
            senses.append(part)
    return tuple(senses)


def first_sense(gloss: str) -> str:
    senses = _senses(gloss or "")
    return senses[0] if senses else ""


def gloss_words(gloss: str) -> set[str]:
    """Lower-cased English content words of a gloss (for overlap and domain checks)."""
    words = re.findall(r"[a-z]+", gloss.lower())
    return {w for w in words if w not in _EN_STOP}


_EN_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "be",
        "is",
        "are",
        "was",
        "been",
        "being",
        "it",
        "its",
        "his",
        "her",
        "their",
        "one",
        "some",
        "any",
    ]
)
