"""Plain, JSON-serialisable data classes of the lesson layer.

The web layer stores these with the article (as JSON) and lets a teacher edit them, so every
class round-trips through ``to_dict()`` / ``from_dict()`` using only str, int, float, bool,
None, lists and dicts.  Nothing here imports Flask or SQLAlchemy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

# Question types, in the order a lesson lists them.
COMPREHENSION_TYPES = ("who", "what", "how_long", "when", "where", "who_said", "how_many")
STATEMENT_TYPES = ("true_false",)
VOCABULARY_TYPES = ("meaning_ar_en", "meaning_en_ar", "cloze", "root")
QUESTION_TYPES = COMPREHENSION_TYPES + STATEMENT_TYPES + VOCABULARY_TYPES

DOMAINS = ("politics", "military", "economy", "law", "general")

TRUE_AR, FALSE_AR = "صحيح", "خطأ"


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of an article sentence: the sentence text and a character span inside it."""

    text: str  # the whole sentence
    start: int  # offsets into ``text`` (not into the article)
    end: int
    sentence: int = -1  # index of the sentence in the article

    @property
    def covered(self) -> str:
        return self.text[self.start : self.end]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "sentence": self.sentence}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(
            text=str(data["text"]),
            start=int(data["start"]),
            end=int(data["end"]),
            sentence=int(data.get("sentence", -1)),
        )


@dataclass(frozen=True, slots=True)
class VocabEntry:
    """One lemma of the article with everything a learner's word list shows."""

    lemma: str  # vocalized lemma
    gloss: str  # English, the sense used in the article first ("; "-separated senses)
    root: str | None
    pos: str
    count: int
    forms: tuple[str, ...]  # every surface form seen, in order of first appearance
    examples: tuple[Span, ...]
    zipf: float  # wordfreq Zipf frequency (0 when unknown)
    band: str  # frequency band name, see vocab.FrequencyBands
    domain: str  # one of DOMAINS
    rank: int = 0  # 1 = most worth learning
    score: float = 0.0  # the ranking score the rank comes from (explained in docs/lessons.md)

    def to_dict(self) -> dict[str, Any]:
        return {
            "lemma": self.lemma,
            "gloss": self.gloss,
            "root": self.root,
            "pos": self.pos,
            "count": self.count,
            "forms": list(self.forms),
            "examples": [e.to_dict() for e in self.examples],
            "zipf": self.zipf,
            "band": self.band,
            "domain": self.domain,
            "rank": self.rank,
            "score": self.score,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VocabEntry:
        return cls(
            lemma=str(data["lemma"]),
            gloss=str(data.get("gloss", "")),
            root=data.get("root"),
            pos=str(data.get("pos", "")),
            count=int(data.get("count", 0)),
            forms=tuple(data.get("forms", ())),
            examples=tuple(Span.from_dict(e) for e in data.get("examples", ())),
            zipf=float(data.get("zipf", 0.0)),
            band=str(data.get("band", "")),
            domain=str(data.get("domain", "general")),
            rank=int(data.get("rank", 0)),
            score=float(data.get("score", 0.0)),
        )


@dataclass(frozen=True, slots=True)
class NameEntry:
    """A person, place or organisation of the article (the "people & places" list)."""

    name: str  # the fullest mention, without titles
    type: str  # PERSON, LOCATION or ORGANIZATION
    gloss: str | None  # English rendering when the engine knows it
    title: str | None  # e.g. "الرئيس الروسي"
    count: int
    forms: tuple[str, ...]
    examples: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "gloss": self.gloss,
            "title": self.title,
            "count": self.count,
            "forms": list(self.forms),
            "examples": [e.to_dict() for e in self.examples],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NameEntry:
        return cls(
            name=str(data["name"]),
            type=str(data["type"]),
            gloss=data.get("gloss"),
            title=data.get("title"),
            count=int(data.get("count", 0)),
            forms=tuple(data.get("forms", ())),
            examples=tuple(Span.from_dict(e) for e in data.get("examples", ())),
        )


@dataclass(frozen=True, slots=True)
class Question:
    """One multiple-choice (or true/false) question with its evidence in the article."""

    id: str
    type: str  # one of QUESTION_TYPES
    prompt_ar: str
    prompt_en: str
    answer: str
    distractors: tuple[str, ...]
    evidence: Span  # the sentence that proves the answer, and the answer's span in it
    difficulty: float  # 0 (easy) .. 1 (hard)
    answer_en: str | None = None  # English rendering of the answer when known
    note: str | None = None  # extra fact shown after answering (e.g. "can be extended")
    lemma: str | None = None  # the vocalized lemma a vocabulary question tests (else None)

    @property
    def choices(self) -> list[str]:
        """Answer and distractors in a deterministic order that does not give the answer away."""
        items = [self.answer, *self.distractors]
        if self.type == "true_false":
            return [TRUE_AR, FALSE_AR]
        # Sort by a hash of the id and item: stable for a question, varied across questions.
        return sorted(items, key=lambda c: _order_key(self.id, c))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "prompt_ar": self.prompt_ar,
            "prompt_en": self.prompt_en,
            "answer": self.answer,
            "answer_en": self.answer_en,
            "distractors": list(self.distractors),
            "choices": self.choices,
            "evidence": self.evidence.to_dict(),
            "difficulty": self.difficulty,
            "note": self.note,
            "lemma": self.lemma,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        answer = str(data["answer"])
        if "distractors" in data:
            distractors = tuple(str(d) for d in data["distractors"])
        else:  # an edited question may only carry its choices
            distractors = tuple(str(c) for c in data.get("choices", ()) if c != answer)
        return cls(
            id=str(data["id"]),
            type=str(data["type"]),
            prompt_ar=str(data["prompt_ar"]),
            prompt_en=str(data["prompt_en"]),
            answer=answer,
            distractors=distractors,
            evidence=Span.from_dict(data["evidence"]),
            difficulty=float(data.get("difficulty", 0.5)),
            answer_en=data.get("answer_en"),
            note=data.get("note"),
            lemma=data.get("lemma"),
        )


@dataclass(frozen=True, slots=True)
class Lesson:
    """Everything the lesson layer derives from one analysed article."""

    vocab: tuple[VocabEntry, ...] = ()
    people_places: tuple[NameEntry, ...] = ()
    questions: tuple[Question, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "vocab": [v.to_dict() for v in self.vocab],
            "people_places": [p.to_dict() for p in self.people_places],
            "questions": [q.to_dict() for q in self.questions],
            "meta": dict(self.meta),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Lesson:
        return cls(
            vocab=tuple(VocabEntry.from_dict(v) for v in data.get("vocab", ())),
            people_places=tuple(NameEntry.from_dict(p) for p in data.get("people_places", ())),
            questions=tuple(Question.from_dict(q) for q in data.get("questions", ())),
            meta={str(k): str(v) for k, v in data.get("meta", {}).items()},
        )


def _order_key(qid: str, choice: str) -> str:
    return hashlib.sha1(f"{qid}\x00{choice}".encode()).hexdigest()
