"""Lemma frequency priors, computed offline from installed packages.

Two sources, both read without network access:

* ``arramooz-pysqlite`` ships ``wordfreq.sqlite``: corpus counts of *vocalized* lemmas with a
  camel-style POS. It separates وَقَع / وَقَّع / وَقْع, which undiacritized counts cannot.
* ``wordfreq`` gives Zipf values of undiacritized words; used when arramooz has no
  compatible entry, with a penalty so that a matched lemma outranks an unmatched one.

The result is a log10 probability per (vocalized lemma, POS), stored in the DB as
``lex_logprob`` at build time, so the tagger does no lookups of its own.
"""

from __future__ import annotations

import importlib.util
import math
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from learn.nlp.morphology.arabic import DIACRITICS, dediac, strip_final_vowel

# Score for a lemma nobody has counted; comparable to a Zipf value of about 0.5.
UNSEEN_LOGPROB = -8.5
# Penalty applied to the undiacritized wordfreq fallback (it cannot tell homographs apart).
FALLBACK_PENALTY = 1.0
# Penalty when the only counts are filed under another POS of the same class.
TYPE_MISMATCH_PENALTY = 1.0
# Open-class POS whose arramooz word types are compared (noun "year" عام vs adj "general" عامّ).
_TYPES = {"noun": {"noun", "noun_quant"}, "adj": {"adj", "adj_comp", "adj_num"}}
_VERBAL = frozenset({"verb"})  # arramooz's verb_pseudo (إِنّ and sisters) are particles


def pos_class(pos: str) -> str:
    """Priors are kept apart for verbs, proper nouns and everything else (so that the
    name شَمْس does not inherit the counts of the noun شَمْس)."""
    if pos in _VERBAL:
        return "verb"
    return "prop" if pos == "noun_prop" else "other"


_ALIF_FOLD = str.maketrans({"ٱ": "ا", "آ": "ا", "أ": "ا", "إ": "ا", "ٰ": None})
_WASLA_FOLD = str.maketrans({"ٱ": "ا", "ٰ": None})


def arramooz_data_file(name: str) -> Path | None:
    """A data file shipped in the arramooz-pysqlite package (found, never imported)."""
    spec = importlib.util.find_spec("arramooz")
    for location in list(spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / "data" / name
        if path.is_file():
            return path
    return None


def find_arramooz_freq_db() -> Path | None:
    return arramooz_data_file("wordfreq.sqlite")


def _letters_and_marks(word: str) -> list[tuple[str, str]]:
    """Split a vocalized word into (letter, diacritics on it) pairs."""
    pairs: list[tuple[str, str]] = []
    for char in word:
        if char in DIACRITICS and pairs:
            letter, marks = pairs[-1]
            pairs[-1] = (letter, marks + char)
        elif char not in DIACRITICS:
            pairs.append((char, ""))
    return pairs


def vocalizations_compatible(partial: str, full: str, fold_hamza: bool = False) -> bool:
    """True when ``partial`` (often only partly vocalized) could be a spelling of ``full``.

    Letters must agree (hamza seats folded only with ``fold_hamza``: آن and أَنّ are different
    words); where both words mark a letter, the marks must agree (shadda compared apart).
    A dagger alif (لٰكِنّ in BAMA, لَكِنّ elsewhere) is a spelling choice and is ignored.
    """
    table = _ALIF_FOLD if fold_hamza else _WASLA_FOLD
    left = _letters_and_marks(strip_final_vowel(partial).translate(table))
    right = _letters_and_marks(strip_final_vowel(full).translate(table))
    if len(left) != len(right):
        return False
    for (letter_a, marks_a), (letter_b, marks_b) in zip(left, right, strict=True):
        if letter_a != letter_b:
            return False
        vowel_a = marks_a.replace("ّ", "")
        vowel_b = marks_b.replace("ّ", "")
        if vowel_a and vowel_b and vowel_a != vowel_b:
            return False
        if marks_a and marks_b and (("ّ" in marks_a) != ("ّ" in marks_b)):
            return False
    return True


class LemmaPriors:
    """Look up a log10 prior for a vocalized lemma and its coarse POS."""

    def __init__(self, arramooz_db: Path | None = None, use_wordfreq: bool = True) -> None:
        self._entries: dict[str, list[tuple[str, str, str, int]]] = defaultdict(list)
        self._total = 1
        path = arramooz_db or find_arramooz_freq_db()
        if path is not None:
            self._load(path)
        self._zipf = _wordfreq_zipf() if use_wordfreq else None

    def _load(self, path: Path) -> None:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute("SELECT vocalized, word_type, freq FROM wordfreq").fetchall()
        finally:
            connection.close()
        total = 0
        for vocalized, word_type, freq in rows:
            key = dediac(vocalized).translate(_ALIF_FOLD)
            self._entries[key].append((vocalized, word_type, pos_class(word_type), int(freq)))
            total += int(freq)
        self._total = max(total, 1)

    def logprob(self, lemma: str, pos: str) -> float:
        wanted = pos_class(pos)
        entries = [
            (vocalized, word_type, freq)
            for vocalized, word_type, klass, freq in self._entries.get(
                dediac(lemma).translate(_ALIF_FOLD), ()
            )
            if klass == wanted
        ]
        # Exact letters first; hamza-less spellings (كان for a lemma with أ) only as a fallback.
        compatible = [e for e in entries if vocalizations_compatible(e[0], lemma)]
        if not compatible:
            compatible = [e for e in entries if vocalizations_compatible(e[0], lemma, True)]
        # Counts filed under the same POS (عام noun "year") beat counts of a homograph of
        # another POS (عامّ adj "general") that only an undiacritized entry cannot separate.
        total = sum(freq for _, _, freq in compatible)
        if pos in _TYPES:
            same_type = sum(freq for _, word_type, freq in compatible if word_type in _TYPES[pos])
            if same_type:
                return math.log10(same_type / self._total)
            if total:
                return math.log10(total / self._total) - TYPE_MISMATCH_PENALTY
        if total:
            # Closed classes: arramooz files بعد/مع/بين under "noun", so types are not compared.
            return math.log10(total / self._total)
        if self._zipf is not None:
            zipf = self._zipf(dediac(lemma))
            if zipf > 0:
                # Undiacritized counts mostly belong to the common word, not the name.
                penalty = FALLBACK_PENALTY + (2.0 if wanted == "prop" else 0.0)
                return zipf - 9.0 - penalty
        return UNSEEN_LOGPROB


def _wordfreq_zipf() -> Callable[[str], float] | None:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a declared dependency
        return None
    return lambda word: zipf_frequency(word, "ar")
