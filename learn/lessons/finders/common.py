"""Helpers every finder shares: the entity iterator, gap-fill clauses, names as answers and
their distractors, agreement nouns in prompts."""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from learn.lessons.clauses import (
    SentenceView,
    clause_end,
    clause_start,
    is_hedged,
    opens_speech,
)
from learn.lessons.context import Context
from learn.lessons.distractors import is_country, news_countries, overlaps, pick
from learn.lessons.text import bare
from learn.lessons.vocab import entity_key
from learn.nlp.syntax.types import COUNTRY, GROUP, ORGANIZATION, PERSON, ROLE, Frame, Party
from learn.nlp.types import Entity, Token

BLANK = "____"
MAX_ANSWER_WORDS = 20
MAX_PROMPT_WORDS = 24
# Party kinds -> the entity type their wrong answers come from.
PARTY_TYPES = {PERSON: "PERSON", ROLE: "PERSON", COUNTRY: "LOCATION", ORGANIZATION: "ORGANIZATION"}


def word_count(text: str) -> int:
    return len(text.split())


def stable_coin(*parts: str) -> int:
    """A deterministic coin for choices that must vary across questions but not across runs."""
    return int(hashlib.sha1("\x00".join(parts).encode()).hexdigest()[:8], 16)


def entities(ctx: Context, types: Iterable[str]) -> Iterator[tuple[SentenceView, Entity]]:
    """Every entity of the given types outside quotations, sentence by sentence."""
    wanted = frozenset(types)
    for view in ctx.views:
        for ent in view.entities:
            if ent.type in wanted and not view.in_quote(ent.start, ent.end):
                yield view, ent


def entity_tokens(view: SentenceView, ent: Entity) -> tuple[int, int] | None:
    """(first token, one past last token) of an entity."""
    first = view.token_at(ent.start)
    last = view.token_at(max(ent.start, ent.end - 1))
    if first is None or last is None:
        return None
    return first, last + 1


def has_verb(view: SentenceView, lo: int, hi: int) -> int | None:
    for i in range(lo, hi):
        if view.tokens[i].pos == "verb":
            return i
    return None


@dataclass(frozen=True, slots=True)
class Blank:
    """A gap-fill excerpt: its wordings (the fullest first, then one that leaves out the other
    names and numbers of the clause, so it gives no other question away) and what fills it."""

    prompts: tuple[str, ...]
    filler: str


_BEFORE_WORDS, _AFTER_WORDS, _MIN_CONTEXT = 16, 10, 3
_FACT_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NUMBER", "DATE", "DURATION"})


def blanked_clause(view: SentenceView, ent: Entity) -> Blank | None:
    """The clause around an entity with the entity's words replaced by a blank, and the
    answer that fills it — whole words, so that no word is cut ("بالقاهرة" is blanked whole and
    answered "بالقاهرة"). None when the clause is unusable (no verb, hedged, half a statement)."""
    span = entity_tokens(view, ent)
    if span is None:
        return None
    first, end = span
    lo, hi = clause_start(view, first), clause_end(view, end)
    verb = has_verb(view, lo, hi)
    if verb is None or is_hedged(view, verb) or opens_speech(view, hi):
        return None
    toks = view.tokens
    if toks[lo].pos == "pron_rel":
        return None  # "التي اسست ____ …": a relative clause without what it describes
    if _words(toks[lo:first]) + _words(toks[end:hi]) < 4:
        return None
    # Keep more words before the blank: news sentences put the verb first.
    a = _back(toks, lo, first, _BEFORE_WORDS)
    b = _ahead(toks, end, hi, _AFTER_WORDS)
    wordings = [_render(view, lo, hi, a, first, end, b)]
    others = [
        entity_tokens(view, o)
        for o in view.entities
        if o is not ent and o.type in _FACT_TYPES and o.start >= toks[a].start
    ]
    lean_a = max([a, *(e for s_e in others if s_e and (e := s_e[1]) <= first)])
    lean_b = min([b, *(s for s_e in others if s_e and (s := s_e[0]) >= end)])
    if (lean_a, lean_b) != (a, b) and _words(toks[lean_a:first]) + _words(toks[end:lean_b]) >= (
        _MIN_CONTEXT
    ):
        wordings.append(_render(view, lo, hi, lean_a, first, end, lean_b))
    es, ee = view.rel(toks[first].start, toks[end - 1].end)
    return Blank(tuple(dict.fromkeys(wordings)), view.text[es:ee])


def _words(toks: tuple[Token, ...]) -> int:
    return sum(t.is_word for t in toks)


def _back(toks: tuple[Token, ...], lo: int, first: int, n: int) -> int:
    a = first
    while a > lo and _words(toks[a - 1 : first]) <= n:
        a -= 1
    return a if _words(toks[a:first]) <= n else a + 1


def _ahead(toks: tuple[Token, ...], end: int, hi: int, n: int) -> int:
    b = end
    while b < hi and _words(toks[end : b + 1]) <= n:
        b += 1
    return b


def _render(view: SentenceView, lo: int, hi: int, a: int, first: int, end: int, b: int) -> str:
    """The words of tokens a..first-1, a blank, the words of end..b-1, with "…" where the
    clause is cut; every word whole, its conjunction included ("وتأتي …")."""
    toks = view.tokens
    parts = []
    if a < first:
        s, e = view.rel(toks[a].start, toks[first - 1].end)
        parts.append(("… " if a > lo else "") + view.text[s:e].strip(" ،,"))
    parts.append(BLANK)
    if end < b:
        s, e = view.rel(toks[end].start, toks[b - 1].end)
        parts.append(view.text[s:e].strip(" ،,") + (" …" if b < hi else ""))
    return " ".join(p for p in parts if p)


def attached_prefix(written: str, name: str) -> str:
    """The letters a name carries in front in the text: "ب" for "بالقاهرة" / "القاهرة"."""
    if written == name or not written.endswith(name):
        return ""
    return written[: len(written) - len(name)]


def with_prefix(prefix: str, name: str) -> str:
    """A wrong answer written the way the right one is: "ب" + "الرياض" = "بالرياض"."""
    if not prefix:
        return name
    if prefix.endswith("ل") and name.startswith("ال"):
        return prefix + name[1:]  # ل + الرياض = للرياض
    return prefix + name


def names_in_sentence(ctx: Context, view: SentenceView) -> list[str]:
    return [ctx.name_of(e) for e in view.entities] + [e.text for e in view.entities]


def name_candidates(ctx: Context, etype: str) -> Iterator[str]:
    """Names of one type: the article's own first, then other articles', then curated ones."""
    yield from ctx.names_in_order.get(etype, [])
    yield from ctx.pool.names(etype)
    yield from ctx.fallbacks.names(etype)


def shaped(name: str, words: int) -> str | None:
    """A name cut to the shape of the answer: the surname alone when the answer is one word
    (None for a name of three words or more, whose last word may not be a surname: شي جين
    بينغ)."""
    parts = name.split()
    if words == 1 and len(parts) > 2 and bare(parts[-2]) not in {"بن", "ابو", "ابن", "ال"}:
        return None
    if words == 1 and len(parts) > 1:
        return (
            parts[-1] if bare(parts[-2]) not in {"بن", "ابو", "ابن", "ال"} else " ".join(parts[-2:])
        )
    return name


def name_groups(
    ctx: Context, answers: list[str], etype: str, banned: list[str], countries: bool = False
) -> list[str]:
    """Wrong answers for a who-question: as many names per choice as the answer has, written in
    the answer's shape, no name in more than two choices and every choice opening with another
    name — so that no pattern across the choices points at the right one. ``countries``: the
    answer names countries, and so does every wrong answer."""
    words = max(word_count(a) for a in answers)
    size = len(answers)
    names: Iterable[str] = name_candidates(ctx, etype)
    if countries:
        names = [n for n in itertools.chain(names, news_countries()) if is_country(n)]
    candidates = (
        s for n in names if (s := shaped(n, words) if etype == "PERSON" else n) is not None
    )
    singles = pick(" و".join(answers), candidates, n=3 * size, banned=banned + answers)
    if size == 1:
        return singles[:3]
    groups: list[tuple[str, ...]] = []
    used: dict[str, int] = {}
    openers: set[str] = set()
    for combo in itertools.combinations(singles, size):
        if combo[0] in openers or any(used.get(n, 0) >= 2 for n in combo):
            continue
        groups.append(combo)
        openers.add(combo[0])
        for n in combo:
            used[n] = used.get(n, 0) + 1
        if len(groups) == 3:
            break
    return [" و".join(g) for g in groups]


def party_answer(ctx: Context, party: Party) -> str | None:
    """How a participant is named in an answer: a person by the fullest mention of the name,
    a country or organisation by its name, a role by its words (or by the person who holds it
    when the article names them)."""
    if party.kind == GROUP:
        return None
    if party.name is not None and party.kind in {PERSON, COUNTRY, ORGANIZATION}:
        return ctx.name_of(party.name)
    holder = ctx.person_with_title(party.span.text)
    if holder is not None:
        return ctx.name_of(holder)
    text = party.span.text.strip(" ،,")
    return text or None


def same_phrase(a: str, b: str) -> bool:
    return bare(a) == bare(b)


def same_date(a: str, b: str) -> bool:
    """ "الأربعاء" and "يوم الأربعاء" are the same day; "أمس" and "أول أمس", or "اليوم" and
    "اليوم الثلاثاء", are not (comparing whole words, not letters, keeps them apart)."""
    return _date_words(a) == _date_words(b)


def _date_words(date: str) -> frozenset[str]:
    return frozenset(re.findall(r"[\u0621-\u064a0-9]+", bare(date))) - {"يوم"}


def distinct(answer: str, others: Iterable[str]) -> bool:
    return not any(overlaps(answer, o) for o in others)


# ---------------------------------------------------------------------------------------------
# Questions about an event's circumstances: "أين تحدّث …؟", "متى وصل …؟"

# Events whose place and date a learner can be asked about. A statement's place is where its
# speaker spoke ("أين تحدّث شكري؟"), whatever the verb of saying.
EVENTS_WITH_CIRCUMSTANCES = frozenset(
    {"say", "announce", "visit", "meet", "host", "sanction", "decide"}
)
_SPOKE = ("تحدّث", "تحدّثت")
_MAX_AGENT_WORDS = 6


def event_question(ctx: Context, frame: Frame, wh: str) -> tuple[str, str] | None:
    """ "{wh} {verb} {doer}؟" for a frame's one doer, and the doer as named — or None when
    the frame cannot be asked about. A speaker is named by their title, because their name
    may be the answer of a who-said question; a role-only speaker is not asked about."""
    if frame.event not in EVENTS_WITH_CIRCUMSTANCES or len(frame.agents) != 1:
        return None
    if not frame.asserted:
        return None
    party = frame.agents[0]
    doer = title_of(ctx, party) if frame.event == "say" else party_answer(ctx, party)
    if doer is None or word_count(doer) > _MAX_AGENT_WORDS:
        return None
    verb = _event_verb(frame)
    if verb is None:
        return None
    if frame.event == "announce" and frame.object is None:
        verb = "صدر إعلان"  # "أين أعلنت الهيئة؟" would lack its object
    return f"{wh} {verb} {doer}؟", doer


def title_of(ctx: Context, party: Party) -> str | None:
    """A named person's title as the article gives it anywhere ("وزير الخارجية المصري")."""
    if party.name is None or party.name.type != "PERSON":
        return None
    titles = titles_of(ctx, party.name)
    return max(titles, key=len) if titles else None


def titles_of(ctx: Context, person: Entity) -> list[str]:
    """Every title the article gives a person, at any of their mentions."""
    key = entity_key(person)
    return [
        e.title
        for e in ctx.analyzed.entities
        if e.type == "PERSON" and e.title and entity_key(e) == key
    ]


def _event_verb(frame: Frame) -> str | None:
    """The verb of the question as the article writes it (its conjunction left off); past
    tense only."""
    verb = frame.trigger.text.split()[0]
    if verb[:1] in {"و", "ف"} and len(verb) > 3:
        verb = verb[1:]
    if frame.event == "say":
        return _SPOKE[1] if bare(verb).endswith("ت") else _SPOKE[0]
    return verb if bare(verb)[:1] not in {"ي", "ت", "ن"} else None
