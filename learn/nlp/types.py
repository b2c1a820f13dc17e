"""Plain data classes passed between the NLP layer and the rest of the app.

They hold no behaviour and import nothing from Flask or SQLAlchemy, so the lesson
layer, the web layer, the CLI and the benchmarks can all share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Coarse part-of-speech tags, as camel-tools names them.
CONTENT_POS = frozenset({"noun", "noun_prop", "adj", "verb", "adv", "adj_comp", "noun_quant"})

# Entity types the engine labels tokens and spans with.
ENTITY_TYPES = ("PERSON", "LOCATION", "ORGANIZATION", "DATE", "NUMBER", "DURATION")


@dataclass(frozen=True, slots=True)
class WordPart:
    """One part of a written word: a proclitic (وَ "and", بِ "with", الـ "the"), the stem, or
    an enclitic pronoun (ـه "his"). The word's lemma and gloss are the stem's."""

    kind: str  # "proclitic", "stem" or "enclitic"
    form: str  # the part as written, vocalized as far as the analysis says
    gloss: str = ""  # English meaning of a clitic ("" for the stem: see the token's gloss)


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another reading of a word, shown when the chosen one barely beat it."""

    lemma: str
    pos: str
    gloss: str
    diac: str = ""


@dataclass(frozen=True, slots=True)
class Token:
    """One word (or punctuation mark) of the text, analysed in context."""

    sentence: int  # index of the sentence in the text
    index: int  # index of the token in its sentence
    start: int  # character offset in the original text
    end: int  # character offset one past the token's last character
    surface: str  # the token exactly as written
    diac: str  # vocalized form in context (best effort)
    lemma: str  # vocalized lemma in Arabic script ("" for punctuation)
    pos: str  # camel-tools POS tag: noun, noun_prop, verb, adj, prep, punc, digit, ...
    gloss: str  # English gloss of the sense that fits, best sense first ("" if none)
    root: str | None  # radicals joined by "." (e.g. "و.ق.ع"), or None
    entity: str | None = None  # one of ENTITY_TYPES, or None
    source: str = "lex"  # where the analysis came from: lex, overlay, correction, backoff, rule
    # The written word in parts (proclitics, stem, enclitics); () when it has no clitics.
    parts: tuple[WordPart, ...] = ()
    # Readings that came close to the chosen one (best first); () when the choice was clear.
    alternatives: tuple[Alternative, ...] = ()
    # Why the word has no root, when it has none: "function word", "name", "borrowed word"
    # or "unknown"; None when it has a root (or is not a word).
    root_note: str | None = None

    @property
    def is_word(self) -> bool:
        return self.pos not in {"punc", "digit", "foreign"}

    @property
    def is_guess(self) -> bool:
        """The analyser did not know the word: its reading is a guess (a name, usually)."""
        return self.source == "backoff"


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()
    # End offset of a dateline opening the sentence ("موسكو (أ ف ب) –"), or None.
    dateline_end: int | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A named or numeric span: a person, place, organisation, date, number or duration."""

    type: str  # one of ENTITY_TYPES
    text: str  # the span as written
    start: int  # character offsets in the original text
    end: int
    sentence: int
    # A normal form for comparing mentions: a person's name without titles and clitics,
    # a number as digits, a duration as "<count> <unit>" (e.g. "20 year").
    key: str = ""
    title: str | None = None  # for persons: e.g. "الرئيس الروسي"
    gloss: str | None = None  # English rendering when known (e.g. "Vladimir Putin", "20 years")


@dataclass(frozen=True, slots=True)
class Quotation:
    text: str  # the quoted words, without the quotation marks
    start: int
    end: int
    sentence: int
    speaker: Entity | None  # the person (or organisation) who said it, when the text says


@dataclass(frozen=True, slots=True)
class AnalyzedText:
    """The engine's whole output for one text."""

    text: str  # the text exactly as given to the engine; every offset refers to it
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()
    quotations: tuple[Quotation, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(t for s in self.sentences for t in s.tokens)
