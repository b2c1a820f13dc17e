"""The words of a sentence as the entity rules see them: token, normalized key, and the
forms without proclitics (from the tagger's lemma), plus small span helpers."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from learn.nlp.entities.wordlists import (
    CONJUNCTIONS,
    DIGITS,
    PREPOSITION_CLITICS,
)
from learn.nlp.morphology.arabic import dediac, normalize_key
from learn.nlp.types import Entity, Sentence, Token


@dataclass(slots=True)
class Word:
    token: Token
    key: str  # normalized, ASCII digits
    bare: tuple[str, ...]  # key and its proclitic-stripped variants, longest first
    stem: str  # key without the proclitics the tagger found (وبوتين -> بوتين), article kept
    clitic: int  # how many letters of the key those proclitics are
    # English of a proper-noun reading among the tagger's analyses (سامح → "Samih"), if any.
    proper: str | None = None


def _bare_forms(key: str) -> tuple[str, ...]:
    forms = [key]
    rest = key
    if rest[:1] in CONJUNCTIONS and len(rest) > 3:
        rest = rest[1:]
        forms.append(rest)
    if rest[:1] in PREPOSITION_CLITICS and len(rest) > 3:
        tail = rest[1:]
        forms.append("ا" + tail if rest.startswith("لل") else tail)
    return tuple(forms)


def sentence_words(sentence: Sentence, proper: Mapping[int, str] | None = None) -> list[Word]:
    """The words of a sentence; ``proper`` maps a token index to the English of its
    proper-noun reading, when the tagger has one."""
    out = []
    for tok in sentence.tokens:
        key, bare, stem, clitic = _word_forms(tok.surface, tok.lemma, tok.is_word)
        out.append(Word(tok, key, bare, stem, clitic, (proper or {}).get(tok.index)))
    return out


@functools.lru_cache(maxsize=65536)
def _word_forms(surface: str, lemma: str, is_word: bool) -> tuple[str, tuple[str, ...], str, int]:
    key = normalize_key(surface.translate(DIGITS))
    # A multiword lexicon entry (حزب الله) gives each of its words the whole lemma.
    lemma_words = normalize_key(lemma).split() if is_word else []
    stem, clitic = _stem(key, next((lw for lw in lemma_words if key.endswith(lw)), ""))
    return key, _bare_forms(key), stem, clitic


def _stem(key: str, lemma: str) -> tuple[str, int]:
    """Strip the proclitics the tagger's lemma reveals: ببيزشكيان (lemma بيزشكيان) -> بيزشكيان.

    Only و ف ب ل ك in front of the lemma count (a name's own letters are never cut: the
    lemma of فلاديمير is فلاديمير); the article stays with the name (الأسد).
    """
    if not lemma or lemma == key or not key.endswith(lemma):
        return key, 0
    prefix = key[: -len(lemma)]
    if prefix.endswith("ال"):
        prefix, lemma = prefix[:-2], "ال" + lemma
    if prefix and len(prefix) <= 3 and all(ch in "وفبلك" for ch in prefix) and prefix != "لل":
        return lemma, len(prefix)
    return key, 0


def letters_to_chars(surface: str, letters: int) -> int:
    """How many characters of ``surface`` hold its first ``letters`` letters (marks skipped)."""
    seen = 0
    for pos, ch in enumerate(surface):
        if seen == letters and normalize_key(ch):
            return pos
        if normalize_key(ch):
            seen += 1
    return len(surface)


def start_after_clitic(w: Word) -> int:
    return w.token.start + (letters_to_chars(w.token.surface, w.clitic) if w.clitic else 0)


def span_entity(
    text: str, words: Sequence[Word], i: int, j: int, type_: str, **extra: str | None
) -> Entity:
    start, end = words[i].token.start, words[j - 1].token.end
    return Entity(type_, text[start:end], start, end, words[i].token.sentence, **extra)  # type: ignore[arg-type]


def has_article(w: Word) -> bool:
    """الأسد، الخارجية — but not ألباريس (a hamza: the name's own letters)."""
    written = dediac(w.token.surface)
    return written.startswith("ال") or (written[1:3] == "ال" and written[0] in "وفبك")


_PAIRS = {"/": "/", '"': '"', "«": "»", "“": "”", "”": "”"}
_MAX_WRAPPED = 4


def wrapped_groups(sentence: Sentence) -> tuple[tuple[int, int], ...]:
    """Token ranges ``(first, end)`` wrapped in a pair of marks as a short name or title:
    "/قطر للطاقة/", صحيفة "القبس".

    A pair of marks around at most four nominal words, none of them a verb, wraps a name, not a
    quotation; the words inside are read as if the marks were not there.
    """
    toks = sentence.tokens
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(toks):
        closer = _PAIRS.get(toks[k].surface.strip())
        if closer is None:
            k += 1
            continue
        j = k + 1
        while j < len(toks) and j - k <= _MAX_WRAPPED + 1 and toks[j].surface.strip() != closer:
            j += 1
        inner = toks[k + 1 : j]
        if (
            j < len(toks)
            and toks[j].surface.strip() == closer
            and inner
            and len(inner) <= _MAX_WRAPPED
            and all(t.is_word and t.pos != "verb" for t in inner)
        ):
            out.append((k + 1, j))
            k = j + 1
        else:
            k += 1
    return tuple(out)


def name_wrappers(sentence: Sentence) -> frozenset[int]:
    """Indices of the marks of :func:`wrapped_groups`."""
    return frozenset(k for first, end in wrapped_groups(sentence) for k in (first - 1, end))
