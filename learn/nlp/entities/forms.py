"""English forms of recognised names: the lexicon's or the gazetteer's English where known,
else a romanisation, word by word; organisations are composed from their words' glosses."""

from __future__ import annotations

import re
from collections.abc import Sequence

from learn.nlp.entities.clues import Clue
from learn.nlp.entities.namelists import (
    DIVINE,
    MINISTRY_FIELDS,
    ORGANISATION_ENGLISH,
    REGNAL_NUMBERS,
    THEOPHORIC,
)
from learn.nlp.entities.romanize import romanize
from learn.nlp.entities.words import Word, has_article, letters_to_chars

_PAREN_RE = re.compile(r"\s*\(.*?\)")


def first_sense(gloss: str) -> str:
    return _PAREN_RE.sub("", gloss.split(";")[0]).strip()


def written_name(w: Word) -> str:
    """The word as written, without the proclitics the tagger found (وبوتين → بوتين)."""
    surface = w.token.surface
    return surface[letters_to_chars(surface, w.clitic) :] if w.clitic else surface


def proper_gloss(w: Word) -> str | None:
    """The English the lexicon gives this word as a name, if it does."""
    tok = w.token
    sense = first_sense(tok.gloss)
    lexicon_name = tok.pos == "noun_prop" or tok.source == "overlay"
    if tok.source != "backoff" and lexicon_name and sense[:1].isupper():
        return sense
    if w.proper:
        return first_sense(w.proper)
    return None


def name_word_english(w: Word) -> str:
    if w.stem in REGNAL_NUMBERS:
        return romanize(w.stem)  # الثاني → II, not "second"
    return proper_gloss(w) or romanize(written_name(w), foreign=w.token.source == "backoff")


def person_english(words: Sequence[Word]) -> str:
    """The English of a name: عبد الله → Abdullah, عبد الرحمن → Abd al-Rahman, الصباح →
    al-Sabah (the lexicon's English of a family name drops its article)."""
    parts: list[str] = []
    for k, w in enumerate(words):
        after_abd = k > 0 and words[k - 1].stem == THEOPHORIC
        if after_abd and w.stem == DIVINE and parts and parts[-1] == "Abd":
            parts[-1] = "Abdullah"
            continue
        # عبد الرحمن: Abd al-Rahman (the lexicon glosses الرحمن alone as a divine name).
        form = romanize(written_name(w)) if after_abd else name_word_english(w)
        if parts and form and parts[-1] == form:
            continue  # a multiword entry glosses each of its words: نصر الله → Nasrallah
        if form and has_article(w) and w.stem not in REGNAL_NUMBERS and form[:1].isupper():
            form = "al-" + form
        if form:
            parts.append(form)
    return " ".join(parts)


def organisation_english(words: Sequence[Word], clues: Sequence[Clue]) -> str:
    """وزارة الدفاع الكويتية → "Kuwaiti Defense Ministry"; مؤسسة الصين للبترول → "China
    Corporation for Petroleum". Construct chains read backwards as an English compound,
    adjectives go first, ل is "for" and و "and"."""
    chunks: list[tuple[str, list[str]]] = [("", [])]  # (joiner, words of one compound)
    adjectives: list[str] = []
    previous_name = False
    for w, c in zip(words, clues, strict=True):
        if not w.token.is_word:
            continue
        form = _word_english(w, c)
        if not form:
            continue
        name = c.known_name and not c.article
        if name and previous_name and chunks[-1][1]:
            chunks[-1][1][-1] += " " + form  # شركة توتال إنرجيز: the name's words in order
            continue
        previous_name = name
        if c.prep and chunks[-1][1]:
            chunks.append(("for", [form]))
        elif c.conj and chunks[-1][1]:
            chunks.append(("and", [form]))
        elif w.token.pos == "adj" and c.article and chunks[-1][1]:
            if len(chunks) == 1:
                adjectives.insert(0, form)  # N A1 A2 reads A2 A1 N: American Foreign Ministry
            else:
                chunks[-1][1].append(form)  # read backwards: ل النفط السوري → Syrian Oil
        else:
            chunks[-1][1].append(form)
    rendered = []
    for joiner, chunk in chunks:
        phrase = " ".join(reversed(chunk)) if chunk else ""
        rendered.append(f"{joiner} {phrase}".strip())
    text = " ".join([*adjectives, *rendered]).strip()
    return " ".join(
        _cap(part) if part not in {"for", "and", "of"} else part for part in text.split()
    )


def _word_english(w: Word, c: Clue) -> str:
    head = ORGANISATION_ENGLISH.get(w.stem[2:] if w.stem.startswith("ال") else w.stem)
    if head:
        return head
    if w.stem in MINISTRY_FIELDS:
        return MINISTRY_FIELDS[w.stem]  # وزارة الخارجية: Foreign, not "outer"
    proper = proper_gloss(w)
    if proper:
        return proper
    if c.known_name:
        return romanize(written_name(w))
    sense = first_sense(w.token.gloss)
    return sense.split(",")[0].strip()


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]
