"""Plain data classes of the shallow syntax: chunks, parties and event frames.

Every offset is a character offset into the analysed text (``AnalyzedText.text``), like the
engine's tokens and entities, so a finder can quote any part of a frame as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from learn.nlp.types import Entity

# Chunk kinds.
NP, PP, VERB, REL, PART, PUNCT = "np", "pp", "verb", "rel", "part", "punct"

# Party kinds: who takes part in an event.
PERSON, ROLE, COUNTRY, ORGANIZATION, GROUP = "person", "role", "country", "organization", "group"

# Frame forms.
VERBAL, PASSIVE, RELATIVE, NOMINAL, SUBJECT_FIRST = (
    "verbal",
    "passive",
    "relative",
    "nominal",
    "subject_first",
)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of tokens of one sentence that belong together: a noun phrase, a prepositional
    phrase, a verb, a relative pronoun, a particle or a punctuation mark."""

    kind: str  # NP, PP, VERB, REL, PART, PUNCT
    sentence: int
    first: int  # index of the first token in the sentence
    end: int  # one past the last token
    head: int  # the head token: the first content word (for a PP, its noun)
    start: int  # character offsets: from after a leading conjunction …
    stop: int  # … to the end of the last token
    conj: str = ""  # "و" / "ف" when the chunk opens with a conjunction
    prep: str = ""  # a free preposition ("في") or a prefixed one ("ب"), normalized
    definite: bool = False
    entity: Entity | None = None  # the named or numeric entity the chunk's head is part of

    @property
    def tokens(self) -> range:
        return range(self.first, self.end)


@dataclass(frozen=True, slots=True)
class TextSpan:
    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Party:
    """One participant: a person (with a title), a role, a country, an organisation."""

    kind: str  # PERSON, ROLE, COUNTRY, ORGANIZATION, GROUP
    span: TextSpan  # the whole mention, title and name
    name: Entity | None = None  # the named entity in it, if any
    title: str | None = None  # the title or role words, as written
    dual: bool = False  # a role in the dual ("وزيرا خارجية"): two people in one mention


@dataclass(frozen=True, slots=True)
class Frame:
    """An event and its participants and circumstances, read off one clause."""

    event: str  # sign, agree, meet, say … (``data/events.tsv``)
    form: str  # VERBAL, PASSIVE, RELATIVE, NOMINAL, SUBJECT_FIRST
    sentence: int
    trigger: TextSpan  # the verb or verbal noun as written
    agents: tuple[Party, ...] = ()  # who did it (all the parties, in order)
    object: TextSpan | None = None  # the thing acted on ("اتفاقية تعاون عسكري")
    object_head: str | None = None  # the agreement noun, normalized without the article
    coverage: tuple[TextSpan, ...] = ()  # what an agreement is about, as the clause says
    duration: Entity | None = None
    date: Entity | None = None
    place: TextSpan | None = None  # the place phrase without its preposition
    # The occasion the place belongs to ("المؤتمر الصحفي" of "خلال المؤتمر الصحفي الذي عقد في …").
    occasion: TextSpan | None = None
    content: TextSpan | None = None  # what was said (speech events: the clause after إن/أن)
    clause: TextSpan | None = None  # the trigger's clause, from the trigger to its end
    partial: bool = False  # the list of agents goes on with a conjunct that names no one
    negated: bool = False
    hedged: bool = False
    quoted: bool = False  # the whole clause is inside a quotation

    @property
    def asserted(self) -> bool:
        """Does the clause state a fact (not negated, not hedged, not inside a quotation)?"""
        return not (self.negated or self.hedged or self.quoted)
