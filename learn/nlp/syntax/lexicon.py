"""The trigger words and word classes of the shallow syntax, read once from ``data/``.

``events.tsv`` maps written verb forms and verbal nouns to events (sign, agree, meet …);
``cues.tsv`` holds word classes (agreement nouns, coverage verbs, duration leads …). Both are
plain TSV files that a teacher or developer extends without touching code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from learn.nlp.morphology.arabic import normalize_key
from learn.nlp.syntax.words import Piece

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class EventWord:
    event: str  # sign, agree, meet, say …
    kind: str  # "verb" or "noun"
    citation: str  # vocalized citation form: وَقَّعَ، تَوْقِيع
    english: str  # "signed" / "signing"


@dataclass(frozen=True, slots=True)
class Lexicon:
    events: dict[str, tuple[EventWord, ...]]  # normalized form -> the events it may trigger
    classes: dict[str, frozenset[str]]  # class -> normalized one-word members
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # class -> multiword members

    def event_words(self, p: Piece) -> tuple[EventWord, ...]:
        for form in forms_of(p):
            hit = self.events.get(form)
            if hit:
                return hit
        return ()

    def event_of(self, p: Piece, kind: str) -> EventWord | None:
        return next((w for w in self.event_words(p) if w.kind == kind), None)

    def is_a(self, p: Piece, cls: str) -> bool:
        members = self.classes.get(cls, frozenset())
        return any(form in members for form in forms_of(p))

    def phrase_at(self, pieces: Sequence[Piece], i: int, cls: str) -> int:
        """Number of pieces from ``pieces[i]`` that make a member of ``cls`` (0 if none); the
        longest member wins ("مذكرة تفاهم" over "مذكرة")."""
        for words in sorted(self.phrases.get(cls, ()), key=len, reverse=True):
            n = len(words)
            if i + n <= len(pieces) and all(words[k] in forms_of(pieces[i + k]) for k in range(n)):
                return n
        return 1 if self.is_a(pieces[i], cls) else 0


def forms_of(p: Piece) -> tuple[str, ...]:
    """The written word, without its conjunction, without its preposition, without the article."""
    out = [p.key]
    if p.conj:
        out.append(p.key[1:])
    out += [p.bare, p.stem]
    if p.pos == "verb" and p.stem[:1] == "س" and len(p.stem) > 3:
        out.append(p.stem[1:])  # سيوقع: the future prefix
    if p.pos != "verb" and p.stem.endswith("ا") and len(p.stem) > 3:
        out.append(p.stem[:-1])  # اتفاقا، تاريخيا: the accusative ending written with alif
    if p.enclitic:
        # وقعه، وقعها، نظيره: the word without the pronoun at its end.
        out += [
            p.stem[: -len(s)] for s in _PRONOUNS if p.stem.endswith(s) and len(p.stem) > len(s) + 2
        ]
    return tuple(dict.fromkeys(out))


_PRONOUNS = ("هما", "هم", "ها", "ه")


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@cache
def lexicon() -> Lexicon:
    events: dict[str, list[EventWord]] = {}
    for event, kind, citation, english, forms in _rows("events.tsv"):
        entry = EventWord(event, kind, citation, english)
        for form in forms.split():
            events.setdefault(normalize_key(form), []).append(entry)
    classes: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for cls, words in _rows("cues.tsv"):
        for word in words.split():
            parts = tuple(normalize_key(w) for w in word.split("_"))
            if len(parts) == 1:
                classes.setdefault(cls, set()).add(parts[0])
            else:
                phrases.setdefault(cls, []).append(parts)
    return Lexicon(
        {k: tuple(v) for k, v in events.items()},
        {k: frozenset(v) for k, v in classes.items()},
        {k: tuple(v) for k, v in phrases.items()},
    )
