"""Clauses of analysed sentences, for the finders that quote them: where a clause starts and
ends, whether its verb is negated or hedged, whether it stops at a quotation (only half a
statement), and the proclitic-free forms of a word.

The event frames themselves (who did what) are read by :mod:`learn.nlp.syntax`; this module holds
the small helpers the gap-fill and true/false finders need around them. The word classes
(negations, hedges, clause breaks, agreement nouns) come from the same data files as the frames
(``learn/nlp/syntax/data/cues.tsv``), so there is one list of each.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from learn.lessons.text import bare
from learn.nlp.syntax.lexicon import lexicon
from learn.nlp.types import AnalyzedText, Entity, Sentence, Token


def _class(name: str) -> frozenset[str]:
    return lexicon().classes.get(name, frozenset())


def _phrases(name: str) -> frozenset[str]:
    return frozenset(" ".join(p) for p in lexicon().phrases.get(name, ()))


NEGATIONS = _class("negation")
HEDGES = _class("hedge")
CLAUSE_BREAK_WORDS = _class("clause_break") | _phrases("clause_break")
AGREEMENT_NOUNS = _class("agreement_f") | _class("agreement_m")
CLAUSE_PUNCT = frozenset('،,؛;:.!?؟«»“”"()[]')
DASHES = frozenset("–—")
ALL_WORDS = frozenset(bare(w) for w in ["جميع", "كل", "كافة", "شتى", "مختلف"])


@lru_cache(maxsize=100_000)
def prefixes_stripped(surface: str) -> frozenset[str]:
    """The surface and its versions without a conjunction, a preposition and the article."""
    w = bare(surface)
    out = {w}
    for conj in ("", "و", "ف"):
        if conj and not w.startswith(conj):
            continue
        a = w[len(conj) :]
        out.add(a)
        for prep in ("ب", "ل", "ك"):
            if a.startswith(prep):
                out.add(a[1:])
        for b in list(out):
            if b.startswith("ال") and len(b) > 3:
                out.add(b[2:])
            if b.startswith("لل") and len(b) > 3:
                out.add(b[2:])
    return frozenset(o for o in out if len(o) >= 2)


def has_form(surface: str, forms: frozenset[str]) -> bool:
    return not prefixes_stripped(surface).isdisjoint(forms)


def conj_length(tok: Token) -> int:
    """1 when the token starts with a conjunction و/ف that is not part of its lemma, else 0.

    "وأشاد" (lemma أشاد) starts with the conjunction; "وقع" (lemma وقّع) does not.
    """
    surface = bare(tok.surface)
    if len(surface) < 3 or surface[0] not in "وف":
        return 0
    lemma = bare(tok.lemma)
    if lemma and lemma[0] == surface[0] and surface[1:2] != lemma[0]:
        return 0
    return 1


OPENERS = frozenset('“«":')


def opens_speech(view: SentenceView, index: int) -> bool:
    """Does the clause stop at a quotation or a colon (so it is only half a statement)?"""
    toks = view.tokens
    return index < len(toks) and any(c in OPENERS for c in toks[index].surface)


@dataclass(frozen=True, slots=True)
class SentenceView:
    """A sentence with its entities and quotation spans, for the fact finders."""

    sentence: Sentence
    entities: tuple[Entity, ...]
    quote_spans: tuple[tuple[int, int], ...]  # absolute offsets of quoted text

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.sentence.tokens

    def rel(self, start: int, end: int) -> tuple[int, int]:
        return start - self.sentence.start, end - self.sentence.start

    def in_quote(self, start: int, end: int) -> bool:
        return any(qs <= start and end <= qe for qs, qe in self.quote_spans)

    def token_at(self, offset: int) -> int | None:
        i = bisect_right([t.start for t in self.tokens], offset) - 1
        if 0 <= i < len(self.tokens) and offset < self.tokens[i].end:
            return i
        return None

    def entity_starting_at(self, token_index: int, types: Iterable[str]) -> Entity | None:
        tok = self.tokens[token_index]
        wanted = set(types)
        for ent in self.entities:
            if ent.type in wanted and tok.start <= ent.start < tok.end:
                return ent
        return None


def sentence_views(analyzed: AnalyzedText) -> list[SentenceView]:
    by_sentence: dict[int, list[Entity]] = {}
    for ent in analyzed.entities:
        by_sentence.setdefault(ent.sentence, []).append(ent)
    quotes = [(q.start, q.end) for q in analyzed.quotations]
    quotes += _quote_spans_in_text(analyzed.text)
    views = []
    for sent in analyzed.sentences:
        ents = sorted(by_sentence.get(sent.index, []), key=lambda e: (e.start, -e.end))
        inside = tuple(q for q in quotes if q[0] < sent.end and q[1] > sent.start)
        views.append(SentenceView(sent, tuple(ents), inside))
    return views


_QUOTE_RE = re.compile(r"[“«\"]([^“”«»\"]{2,}?)[”»\"]")


def _quote_spans_in_text(text: str) -> list[tuple[int, int]]:
    """Quoted stretches the engine may not list as quotations (names in quotes, slogans)."""
    return [(m.start(1), m.end(1)) for m in _QUOTE_RE.finditer(text)]


def is_break_token(tok: Token, allow_dash: bool = False) -> bool:
    if not tok.is_word:
        s = tok.surface.strip()
        if allow_dash and s and all(c in DASHES for c in s):
            return False
        return any(c in CLAUSE_PUNCT or c in DASHES for c in s) or not s
    return bare(tok.surface) in CLAUSE_BREAK_WORDS


def clause_end(view: SentenceView, after: int, allow_dash: bool = False) -> int:
    """Index of the first token at or after ``after`` that ends the clause."""
    toks = view.tokens
    i = after
    while i < len(toks) and not is_break_token(toks[i], allow_dash):
        i += 1
    return i


def clause_start(view: SentenceView, before: int) -> int:
    """Index of the first token of the clause that contains token ``before``."""
    toks = view.tokens
    i = before
    while i > 0 and not is_break_token(toks[i - 1]):
        i -= 1
    return i


def is_hedged(view: SentenceView, verb_index: int) -> bool:
    """Negated, modal or planned: the event may not have happened, so no question about it."""
    toks = view.tokens
    lo = max(0, verb_index - 3)
    if any(_is_one_of(t.surface, NEGATIONS) for t in toks[lo:verb_index]):
        return True
    start = clause_start(view, verb_index)
    return any(_is_one_of(t.surface, HEDGES) for t in toks[start:verb_index]) or any(
        bare(t.surface) in HEDGES for t in toks[verb_index : verb_index + 2]
    )


def _is_one_of(surface: str, words: frozenset[str]) -> bool:
    """The word, or the word after a conjunction ("ولم" is "لم")."""
    w = bare(surface)
    return w in words or (len(w) > 1 and w[0] in "وف" and w[1:] in words)


def mentions_agreement(tokens: Iterable[Token]) -> Token | None:
    for tok in tokens:
        if tok.is_word and has_form(tok.surface, AGREEMENT_NOUNS):
            return tok
    return None
