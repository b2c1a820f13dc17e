"""Roots and word types from Arramooz's dictionary, read when the morphology DB is built.

The PyPI package ``arramooz-pysqlite`` ships ``arabicdictionary.sqlite``: about 30,000 nouns
and 14,000 verbs, vocalized, each with its root and, for nouns, its word type (صفة مشبهة,
اسم فاعل, منسوب, مصدر, جامد ...). Two things come from it:

* a root for a BAMA lemma whose ``;--- xyz`` header is missing or misplaced (ثَقافَة is filed
  under ``vgw``, تِجارِيّ under ``tbE``), when the root fits the lemma;
* whether a noun can be an adjective: BAMA 1.0 tags most adjectives NOUN (صَغِير، أَزْرَق),
  and the tagger needs to know which nouns may modify the noun before them.

The file is read only (it is never imported as Python), at build time, and nothing of it is
stored in the repository.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from pathlib import Path

from learn.nlp.morphology.arabic import canonical_marks, dediac, strip_final_vowel
from learn.nlp.morphology.priors import arramooz_data_file

# Word types (the parts of arramooz's "type:category" field) of nouns that can qualify a noun.
ADJECTIVE_TYPES = frozenset(
    {"صفة مشبهة", "اسم فاعل", "اسم مفعول", "منسوب", "صيغة مبالغة", "اسم تفضيل", "صفة", "مبالغة"}
)
_FATHA_BEFORE_LONG_RE = re.compile("َ(?=[اى])")
_WASLA_FOLD = str.maketrans({"ٱ": "ا", "ٰ": None, "ْ": None})
_ROOT_LETTERS_RE = re.compile(r"^[\u0621-\u064a]{3,4}$")
_HAMZA_FORMS = str.maketrans({"أ": "ء", "إ": "ء", "آ": "ء", "ؤ": "ء", "ئ": "ء"})


def find_arramooz_dictionary() -> Path | None:
    return arramooz_data_file("arabicdictionary.sqlite")


def lemma_key(vocalized: str) -> str:
    """A vocalized lemma in a form both lexicons agree on: no final case vowel or tanwin, no
    sukun, no fatha before a long alif (BAMA omits it), marks in one order."""
    text = strip_final_vowel(vocalized.strip().translate(_WASLA_FOLD))
    return canonical_marks(_FATHA_BEFORE_LONG_RE.sub("", text))


def parse_root(text: str) -> list[list[str]]:
    """Arramooz's root field as radical lists: ``ثقف`` → [[ث, ق, ف]]; alternatives are
    separated by a comma (``تهم،وهم``). Fields that are not three or four letters (the
    spelled-out loanwords such as ``اسفنجيات``) give nothing."""
    roots = []
    for part in re.split("[،,]", text):
        letters = part.strip().translate(_HAMZA_FORMS)
        if _ROOT_LETTERS_RE.match(letters):
            roots.append(list(letters))
    return roots


class Dictionary:
    """Arramooz's nouns and verbs, keyed by :func:`lemma_key`."""

    def __init__(self, path: Path | None = None) -> None:
        self._roots: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
        self._letter_roots: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
        self._adjectives: set[str] = set()
        self.loaded = False
        found = path or find_arramooz_dictionary()
        if found is not None:
            self._load(found)

    def _load(self, path: Path) -> None:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            nouns = connection.execute("SELECT vocalized, wordtype, root FROM nouns").fetchall()
            verbs = connection.execute("SELECT vocalized, root FROM verbs").fetchall()
        finally:
            connection.close()
        for vocalized, wordtype, root in nouns:
            key = lemma_key(vocalized or "")
            self._add_root("noun", key, root or "")
            if {part.strip() for part in (wordtype or "").split(":")} & ADJECTIVE_TYPES:
                self._adjectives.add(key)
        for vocalized, root in verbs:
            self._add_root("verb", lemma_key(vocalized or ""), root or "")
        self.loaded = True

    def _add_root(self, kind: str, key: str, root: str) -> None:
        for radicals in parse_root(root):
            if radicals not in self._roots[(kind, key)]:
                self._roots[(kind, key)].append(radicals)
            letters = (kind, dediac(key))
            if radicals not in self._letter_roots[letters]:
                self._letter_roots[letters].append(radicals)

    def roots(self, lemma: str, verb: bool) -> list[list[str]]:
        """Candidate roots of a lemma: those of the same vocalized lemma, else the one root
        every entry spelled with the same letters shares."""
        kind = "verb" if verb else "noun"
        key = lemma_key(lemma)
        exact = self._roots.get((kind, key))
        if exact:
            return exact
        by_letters = self._letter_roots.get((kind, dediac(key)), [])
        return by_letters if len(by_letters) == 1 else []

    def can_be_adjective(self, lemma: str) -> bool:
        return lemma_key(lemma) in self._adjectives
