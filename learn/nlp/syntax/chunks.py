"""Noun-phrase chunking of an analysed sentence.

News Arabic builds its noun phrases from a head noun, a construct chain (إضافة: "اتفاق ترسيم
الحدود"), adjectives that agree with it in definiteness ("الحدود البحرية") and names. A chunk
ends where a verb, a particle, a preposition, punctuation or a conjunction begins, or where the
next word can neither continue the construct chain nor modify the phrase. A preposition opens a
prepositional chunk whose noun phrase follows ("في العاصمة الإيطالية روما" is one chunk).

The rules read only the tagger's parts of speech, the clitics in front of each word and the
engine's entities, so they apply to any article.
"""

from __future__ import annotations

from collections.abc import Sequence

from learn.nlp.entities.words import name_wrappers
from learn.nlp.syntax.types import NP, PART, PP, PUNCT, REL, VERB, Chunk
from learn.nlp.syntax.words import Piece, piece
from learn.nlp.types import Entity, Sentence

_NOMINAL = frozenset(
    {"noun", "noun_prop", "adj", "noun_num", "noun_quant", "adj_comp", "adj_num", "digit"}
)
_NOUNS = frozenset({"noun", "noun_prop", "noun_num", "noun_quant", "digit"})
_PARTICLES = frozenset(
    {"part", "part_neg", "part_fut", "part_verb", "part_interrog", "conj_sub", "part_det"}
)
_FREE_CONJUNCTIONS = frozenset({"و", "او", "ثم", "ف", "بل"})
# Entities that are adverbials of their own, never the end of a construct chain before them.
_ADVERBIAL = frozenset({"DATE"})


def entity_by_token(sentence: Sentence, entities: Sequence[Entity]) -> list[Entity | None]:
    """For each token of the sentence, the entity whose span overlaps it (longest first)."""
    out: list[Entity | None] = [None] * len(sentence.tokens)
    mine = sorted(
        (e for e in entities if e.sentence == sentence.index), key=lambda e: e.start - e.end
    )
    for e in mine:
        for k, tok in enumerate(sentence.tokens):
            if out[k] is None and tok.start < e.end and e.start < tok.end:
                out[k] = e
    return out


def chunk_sentence(sentence: Sentence, entities: Sequence[Entity]) -> tuple[Chunk, ...]:
    """The sentence's chunks, in order, covering every token once."""
    pieces = [piece(t) for t in sentence.tokens]
    ents = entity_by_token(sentence, entities)
    chunks: list[Chunk] = []
    builder: _Builder | None = None
    pending_conj = ""

    def close() -> None:
        nonlocal builder
        if builder is not None:
            chunks.append(builder.build())
            builder = None

    wrappers = name_wrappers(sentence)
    for k, p in enumerate(pieces):
        if k in wrappers:
            continue  # the slashes of "/قطر للطاقة/", the quotes of ل"موانئ دبي"
        ent = ents[k]
        if builder is not None and ent is not None and builder.entity_of(k - 1) is ent:
            builder.add(k)  # the rest of a name, date or number
            continue
        kind = _closed_kind(p)
        if kind is not None:
            close()
            if kind == "conj":
                pending_conj = p.key
                continue
            chunks.append(_single(kind, sentence, k, p, pending_conj, ent))
            pending_conj = ""
            continue
        if p.pos == "prep":
            close()
            builder = _Builder(sentence, pieces, ents, k, PP, pending_conj, p.stem or p.key)
            builder.end = k + 1  # the preposition itself; its noun phrase follows
            pending_conj = ""
            continue
        if builder is not None and not p.conj and not p.prep and builder.can_take(k):
            builder.add(k)
            continue
        close()
        conj = p.conj or pending_conj
        pending_conj = ""
        builder = _Builder(sentence, pieces, ents, k, PP if p.prep else NP, conj, p.prep)
        builder.add(k)
    close()
    return tuple(chunks)


def _closed_kind(p: Piece) -> str | None:
    """The chunk kind of a word that always stands alone, or None for a nominal word."""
    pos = p.pos
    if pos == "punc":
        return PUNCT
    if pos == "verb":
        return VERB
    if pos == "pron_rel":
        return REL
    if pos == "conj" and p.key in _FREE_CONJUNCTIONS:
        return "conj"
    if pos in _PARTICLES or pos == "conj":
        return PART
    return None


def _single(
    kind: str, sentence: Sentence, k: int, p: Piece, conj: str, ent: Entity | None
) -> Chunk:
    tok = p.token
    lead = _conj_chars(p) if p.conj else 0
    return Chunk(
        kind,
        sentence.index,
        k,
        k + 1,
        k,
        tok.start + lead,
        tok.end,
        conj=p.conj or conj,
        entity=ent,
    )


def _conj_chars(p: Piece) -> int:
    """Characters of the leading conjunction (one letter, plus any marks on it)."""
    surface = p.token.surface
    i = 1
    while i < len(surface) and "\u064b" <= surface[i] <= "\u0652":
        i += 1
    return i


def _adjective_shaped(p: Piece) -> bool:
    """Participles (مُفعَل، مُفتعِل …) and nisba adjectives (…ي، …ية) have these shapes."""
    stem = p.stem
    return (stem.startswith("م") and len(stem) >= 5) or stem.endswith(("ي", "يه"))


class _Builder:
    """A chunk being grown one token at a time."""

    def __init__(
        self,
        sentence: Sentence,
        pieces: Sequence[Piece],
        ents: Sequence[Entity | None],
        first: int,
        kind: str,
        conj: str,
        prep: str,
    ) -> None:
        self.sentence, self.pieces, self.ents = sentence, pieces, ents
        self.first, self.end, self.kind = first, first, kind
        self.conj, self.prep = conj, prep
        self.head: int | None = None
        # The construct chain is open while its last noun is indefinite ("اتفاق ترسيم …").
        self.open_construct = False
        self.definite = False

    def entity_of(self, k: int) -> Entity | None:
        return self.ents[k] if self.first <= k < self.end else None

    def can_take(self, k: int) -> bool:
        p, ent = self.pieces[k], self.ents[k]
        if self.head is None:
            return p.pos in _NOMINAL or p.pos.startswith("pron")
        if p.pos not in _NOMINAL:
            return False
        if ent is not None and ent.type in _ADVERBIAL:
            return False
        if p.pos in {"adj", "adj_comp", "adj_num"}:
            # An adjective agrees with the phrase in definiteness: "الحدود البحرية",
            # "اتفاقية تعاون عسكري"; "المغربي ناصر" is no adjective of a name.
            # After an indefinite noun a definite "adjective" is a nisba noun in construct:
            # "وزارة الخارجية".
            return (
                p.article == self.definite
                or self.ents[self.end - 1] is not None
                or (self.open_construct and p.article)
            )
        last = self.pieces[self.end - 1]
        if self.definite and p.article and p.pos == "noun" and _adjective_shaped(p):
            return True  # a participle or nisba the lexicon calls a noun: "العضو المنتدب"
        if last.pos == "noun_prop" and p.pos == "noun_prop" and not p.article:
            return self.ents[self.end - 1] is None and ent is None  # two words of one name
        return self.open_construct and p.pos in _NOUNS

    def add(self, k: int) -> None:
        p, ent = self.pieces[k], self.ents[k]
        self.end = k + 1
        if self.head is None and p.pos != "prep":
            self.head = k
        if p.pos in _NOUNS or (p.pos == "adj" and self.head == k):
            named = ent is not None and ent.type in {"PERSON", "LOCATION", "ORGANIZATION"}
            self.definite = p.article or p.enclitic or named or p.pos == "noun_prop"
            self.open_construct = not self.definite and ent is None
        elif p.article and self.open_construct:  # "وزارة الخارجية": the chain ends definite
            self.definite, self.open_construct = True, False
        elif ent is not None:
            self.open_construct = False

    def build(self) -> Chunk:
        head = self.head if self.head is not None else self.first
        first_piece = self.pieces[self.first]
        tok = first_piece.token
        lead = _conj_chars(first_piece) if first_piece.conj else 0
        return Chunk(
            self.kind,
            self.sentence.index,
            self.first,
            self.end,
            head,
            tok.start + lead,
            self.pieces[self.end - 1].token.end,
            conj=self.conj,
            prep=self.prep,
            definite=self.definite,
            entity=self.ents[head],
        )
