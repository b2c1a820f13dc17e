"""The agreements an article reports, gathered from its event frames.

A news report states one agreement across several sentences: who signed it in one («وقع
الوزيران اتفاقية …»), what it covers in another («وتشمل الاتفاقية …»), how long it lasts in a
third. This module groups the frames that speak of the same agreement, so that each fact can be
asked once, with its own sentence as evidence.

Frames join the agreement they refer back to: a definite agreement noun with nothing of its own
("الاتفاقية", "المعاهدة الجديدة") is the agreement already introduced; an agreement with its own
date ("اتفاق عام 2015") or its own subject ("اتفاق الشراكة" after "اتفاق الحدود") is another one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from learn.lessons.text import bare
from learn.nlp.syntax.lexicon import forms_of, lexicon
from learn.nlp.syntax.types import COUNTRY, GROUP, ORGANIZATION, PERSON, ROLE, Frame, TextSpan
from learn.nlp.syntax.words import piece
from learn.nlp.types import AnalyzedText, Token

# Events that introduce an agreement or state one of its facts.
_AGREEMENT_EVENTS = frozenset({"sign", "agree", "reach", "ratify", "cover"})
_SIGNING_EVENTS = frozenset({"sign"})

_ENGLISH = {
    "اتفاق": "agreement",
    "اتفاقيه": "agreement",
    "اتفاقات": "agreements",
    "اتفاقيات": "agreements",
    "معاهده": "treaty",
    "معاهدات": "treaties",
    "مذكره": "memorandum",
    "مذكرات": "memoranda",
    "وثيقه": "document",
    "وثائق": "documents",
    "بروتوكول": "protocol",
    "صفقه": "deal",
    "ميثاق": "charter",
    "هدنه": "truce",
    "اعلان": "declaration",
    "عقد": "contract",
    "برنامج": "programme",
    "تسويه": "settlement",
    "وقف": "ceasefire",
}
_PLURALS = frozenset({"اتفاقات", "اتفاقيات", "معاهدات", "مذكرات", "وثائق", "عقود", "صفقات"})


@dataclass(slots=True)
class Agreement:
    """One agreement of the article and every frame that states a fact about it."""

    head: str  # the agreement noun, normalized, without the article ("اتفاقيه")
    frames: list[Frame] = field(default_factory=list)

    @property
    def signing(self) -> Frame | None:
        """The frame that names who signed: the one with the most named parties, people
        before the countries or bodies they signed for ("وقعت فرنسا وإيطاليا …" then "ووقع
        المعاهدة … ماكرون ودراجي": Macron and Draghi signed)."""
        signed = [f for f in self.frames if f.event in _SIGNING_EVENTS and _named_agents(f)]
        return max(
            signed,
            key=lambda f: (
                len(_named_agents(f)) > 1,
                _by_people(f),
                len(_named_agents(f)),
                -self.frames.index(f),
            ),
            default=None,
        )

    @property
    def signed_for(self) -> Frame | None:
        """A signing frame naming the two countries (or two bodies) the signers signed for,
        when the signing frame names people."""
        main = self.signing
        if main is None or not _by_people(main):
            return None
        return next(
            (
                f
                for f in self.frames
                if f.event in _SIGNING_EVENTS
                and len(_named_agents(f)) == 2
                and len({a.kind for a in f.agents}) == 1
                and f.agents[0].kind in {COUNTRY, ORGANIZATION}
            ),
            None,
        )

    def first(self, attribute: str) -> tuple[object, Frame] | None:
        """The first value of a frame attribute (date, place, duration), signing frame first."""
        order = [f for f in self.frames if f is self.signing] + [
            f for f in self.frames if f is not self.signing
        ]
        for f in order:
            value = getattr(f, attribute)
            if value is not None:
                return value, f
        return None

    @property
    def coverage(self) -> list[tuple[TextSpan, Frame]]:
        out: list[tuple[TextSpan, Frame]] = []
        for f in self.frames:
            out += [(span, f) for span in f.coverage]
        return out

    @property
    def feminine(self) -> bool:
        return self.head.endswith("ه") or self.head in _PLURALS or self.head.endswith("ات")

    @property
    def plural(self) -> bool:
        return self.head in _PLURALS

    @property
    def english(self) -> str:
        return english_of(self.head)

    def noun(self) -> str:
        """The agreement noun as a question names it alone: "الاتفاقية", "مذكرة التفاهم"."""
        mention = next((f.object for f in self.frames if f.object is not None), None)
        if mention is None:
            return "الاتفاق"
        return definite_noun(mention.text, self.head)


def english_of(head: str) -> str:
    return _ENGLISH.get(head, "agreement")


def _by_people(frame: Frame) -> bool:
    return all(a.kind in {PERSON, ROLE} for a in frame.agents)


def _named_agents(frame: Frame) -> list[object]:
    return [a for a in frame.agents if a.kind != GROUP]


_MARKS = re.compile("[\u064b-\u0652]")


def definite_noun(phrase: str, head: str) -> str:
    """The agreement noun of a mention, definite and without clitics: "لاتفاق تعيين الحدود"
    -> "الاتفاق", "اتفاقا" -> "الاتفاق", "مذكرة تفاهم" -> "مذكرة التفاهم"."""
    words = phrase.strip('“”"«»/ ').split()
    at_word = next((i for i, w in enumerate(words) if head[:3] and head[:3] in bare(w)), 0)
    words = words[at_word:]
    if not words:
        return "الاتفاق"
    written = _MARKS.sub("", words[0])
    key = bare(written)
    at = key.find(head[:3]) if head else -1
    if at > 0 and key[at - 2 : at] == "ال":
        at -= 2
    word = written[at:] if at > 0 else written
    if bare(word).endswith("ا") and bare(word)[:-1].removeprefix("ال") == head:
        word = word[:-1]  # the accusative alif of "اتفاقا"
    if len(words) > 1 and bare(words[1]) in {"تفاهم", "التفاهم"}:
        return f"{word.removeprefix('ال')} التفاهم"
    if head == "وقف" and len(words) >= 3:
        return "وقف " + " ".join(words[1:3])
    return word if bare(word).startswith("ال") else "ال" + word


def agreement_head(tok: Token) -> str | None:
    """The agreement noun a token is ("لاتفاقية" -> "اتفاقيه"), or None."""
    classes = lexicon().classes
    nouns = classes.get("agreement_f", frozenset()) | classes.get("agreement_m", frozenset())
    return next((f for f in forms_of(piece(tok)) if f in nouns), None)


def _has_own_date(frame: Frame, analyzed: AnalyzedText) -> bool:
    obj = frame.object
    if obj is None:
        return False
    return any(
        e.type == "DATE" and obj.start <= e.start and e.end <= obj.end for e in analyzed.entities
    )


def _content(frame: Frame) -> set[str]:
    """Content words of the object beyond the agreement noun: what tells it apart."""
    if frame.object is None:
        return set()
    words = [bare(w) for w in frame.object.text.split()[1:]]
    return {w.removeprefix("ال") for w in words if len(w) > 3}


def gather(frames: tuple[Frame, ...], analyzed: AnalyzedText) -> list[Agreement]:
    """Agreements of the article in order of first mention, each with the frames about it."""
    agreements: list[Agreement] = []
    for frame in frames:
        if frame.event not in _AGREEMENT_EVENTS or frame.negated or frame.quoted:
            continue
        if frame.hedged and frame.event != "cover":
            continue
        if frame.object_head is None and (frame.event != "sign" or not frame.agents):
            continue
        target = _referent(frame, agreements, analyzed)
        if target is None:
            target = Agreement(frame.object_head or "اتفاق")
            agreements.append(target)
        target.frames.append(frame)
    return agreements


def _referent(
    frame: Frame, agreements: list[Agreement], analyzed: AnalyzedText
) -> Agreement | None:
    """The agreement a frame speaks of, or None when it introduces a new one."""
    if not agreements:
        return None
    if frame.object is None:
        return agreements[-1]  # "وقّع الوزيران …" with the object elsewhere: the latest one
    if _has_own_date(frame, analyzed):
        return None  # "اتفاق عام 2015": another, earlier agreement
    mine = _content(frame)
    for agreement in reversed(agreements):
        if mine & set().union(*(_content(f) for f in agreement.frames)):
            return agreement
    first = bare(frame.object.text.split()[0]).lstrip("وف")
    definite = first.startswith(("ال", "بال", "لل"))
    if not mine or definite or frame.event != "sign":
        return agreements[-1]  # "الاتفاقية": the agreement already introduced
    return None  # a new signing of an agreement with a subject of its own
