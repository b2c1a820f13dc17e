"""How the shallow syntax reads one token: its normalized key and the clitics in front of it.

A written Arabic word can carry a conjunction (و، ف), a preposition (ب، ل، ك) and the article
(ال) before its stem: "وبالاتفاق" = و + ب + ال + اتفاق. The tagger's lemma tells which of the
first letters are the word's own ("وقع" is the verb وقّع, "ووقع" is و + وقّع).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from learn.nlp.morphology.arabic import normalize_key
from learn.nlp.types import Token

CONJUNCTION_LETTERS = "وف"
PREPOSITION_LETTERS = "بلك"


@dataclass(frozen=True, slots=True)
class Piece:
    """A token with its clitics told apart (all strings normalized, as ``normalize_key``)."""

    token: Token
    key: str  # the whole written word
    conj: str  # "و", "ف" or ""
    prep: str  # "ب", "ل", "ك" or ""
    article: bool  # the stem is written with ال
    stem: str  # the word without conjunction, preposition and article
    enclitic: bool = False  # a possessive or object pronoun at the end ("نظيره", "وقعها")

    @property
    def bare(self) -> str:
        """The word without conjunction and preposition (the article kept): "الاتفاق"."""
        return ("ال" if self.article else "") + self.stem

    @property
    def pos(self) -> str:
        return self.token.pos


def piece(tok: Token) -> Piece:
    key, lemma = normalize_key(tok.surface), normalize_key(tok.lemma)
    if tok.parts:
        return _from_parts(tok, key)
    conj, prep, article, stem = split_clitics(key, lemma)
    return Piece(tok, key, conj, prep, article, stem, has_enclitic(stem, lemma))


def _from_parts(tok: Token, key: str) -> Piece:
    """The clitics as the chosen analysis splits the word (``Token.parts``)."""
    conj = prep = ""
    article = enclitic = False
    stem_seen = False
    for part in tok.parts:
        form = normalize_key(part.form)
        if part.kind == "stem":
            stem_seen = True
        elif part.kind == "enclitic":
            enclitic = True
        elif not stem_seen and form in {"و", "ف"} and not conj and not prep:
            conj = form
        elif not stem_seen and form in {"ب", "ل", "ك"}:
            prep = form
        elif not stem_seen and form == "ال":
            article = True
    # The stem as written: the key without the letters of the proclitics in front of it.
    lead = len(conj) + len(prep) + (2 if article and not (prep == "ل" and key[1:3] == "ل") else 0)
    if prep == "ل" and article and key[len(conj) :].startswith("لل"):
        lead = len(conj) + 2  # للتعاون: ل + (ا)ل, the alif not written
    stem = key[lead:] or key
    return Piece(tok, key, conj, prep, article, stem, enclitic)


# Pronouns that attach to the end of a noun, verb or preposition.
_ENCLITICS = ("هما", "هم", "هن", "ها", "ه", "كما", "كم", "كن", "ك", "نا")
# Endings that may stand between the stem and the pronoun: dual/plural, feminine, verb endings.
_LINKS = ("", "ت", "ا", "ي", "و", "ين", "ان", "ات", "تا", "وا", "ون")


@lru_cache(maxsize=200_000)
def has_enclitic(stem: str, lemma: str) -> bool:
    """Does the word end in a pronoun ("نظيره" = نظير + ه, "بلدينا" = بلد + ين + نا)?"""
    lemma = lemma.split()[0] if lemma else ""
    if lemma.startswith("ال") and len(lemma) > 4:
        lemma = lemma[2:]
    if len(lemma) < 2 or not stem.startswith(lemma[:-1]) or len(stem) <= len(lemma):
        return False
    # A final ة of the lemma is written ت before a pronoun: "اتفاقيته".
    roots = {lemma, lemma[:-1] + "ت", lemma[:-1]} if lemma.endswith("ه") else {lemma}
    for root in roots:
        if stem.startswith(root):
            tail = stem[len(root) :]
            if any(tail == link + pron for pron in _ENCLITICS for link in _LINKS):
                return True
    return False


@lru_cache(maxsize=200_000)
def split_clitics(key: str, lemma: str) -> tuple[str, str, bool, str]:
    """(conjunction, preposition, article, stem) of a normalized word, guided by its lemma."""
    lemma = lemma.split()[0] if lemma else ""
    if lemma.startswith("ال") and len(lemma) > 4:
        lemma = lemma[2:]  # names such as القاهرة keep their article in the lemma
    rest, conj, prep = key, "", ""
    if _has_clitic(rest, lemma, CONJUNCTION_LETTERS):
        conj, rest = rest[0], rest[1:]
    if rest.startswith("لل") and len(rest) > 3 and not lemma.startswith("لل"):
        return conj, "ل", True, rest[2:]
    if _has_clitic(rest, lemma, PREPOSITION_LETTERS) and len(rest) > 3:
        prep, rest = rest[0], rest[1:]
    article = rest.startswith("ال") and len(rest) > 3 and not lemma.startswith("ال")
    return conj, prep, article, rest[2:] if article else rest


def _has_clitic(word: str, lemma: str, letters: str) -> bool:
    if len(word) < 3 or word[0] not in letters:
        return False
    if not lemma:
        return word[1:3] == "ال"
    # "وقع" (lemma وقّع) begins with its own و; "ووقع" does not.
    return not (lemma[0] == word[0] and word[1:2] != lemma[0])
