"""Re-read the words of recognised names as names, so no view glosses وانج as "escape".

After entity recognition every word of a person's name, every single-word place or
organisation, and every name word inside a longer place or organisation (سينوبك in مؤسسة
سينوبك, not وزارة) becomes a proper noun: POS ``noun_prop``, no root, and as gloss the
English form — the gazetteer's, the lexicon's proper-noun reading, or a romanisation — with
the whole name's English after it when the name has several words. ``source`` says where
it came from: ``gazetteer`` or ``name`` (recognised by rule). Overlay entries and teachers'
corrections are left as they are, and so are the ordinary words of organisations and
places (وزارة "ministry", الخارجية "foreign").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from learn.nlp.entities.clues import Clue, word_clues
from learn.nlp.entities.forms import name_word_english, proper_gloss, written_name
from learn.nlp.entities.gazetteer import Gazetteer
from learn.nlp.entities.places import first_word_forms
from learn.nlp.entities.words import Word, sentence_words
from learn.nlp.morphology.arabic import dediac, normalize_key
from learn.nlp.types import Entity, Sentence, Token

_NAME_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})
_KEEP_SOURCES = frozenset({"overlay", "correction"})


def read_names_as_names(
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    gazetteer: Gazetteer | None,
    proper: Mapping[tuple[int, int], str] | None = None,
) -> list[Sentence]:
    by_sentence: dict[int, list[Entity]] = {}
    for e in entities:
        if e.type in _NAME_TYPES:
            by_sentence.setdefault(e.sentence, []).append(e)
    out = []
    for sent in sentences:
        names = by_sentence.get(sent.index)
        if not names:
            out.append(sent)
            continue
        readings = {t: g for (s, t), g in (proper or {}).items() if s == sent.index}
        words = sentence_words(sent, readings)
        tokens = list(sent.tokens)
        for k, w in enumerate(words):
            entity = next(
                (e for e in names if e.start < w.token.end and w.token.start < e.end), None
            )
            if entity is not None and w.token.is_word:
                clue = word_clues([w], [None], gazetteer)[0]
                tokens[k] = _as_name(w, clue, entity, gazetteer) or tokens[k]
        out.append(replace(sent, tokens=tuple(tokens)))
    return out


def _as_name(w: Word, c: Clue, entity: Entity, gazetteer: Gazetteer | None) -> Token | None:
    tok = w.token
    if tok.start < entity.start < tok.end:
        # "ودراجي": the name starts after a conjunction the word analysis did not split off.
        before = tok.surface[: entity.start - tok.start]
        letters = len(normalize_key(before))
        if letters > w.clitic:
            w = replace(w, stem=w.key[letters:], clitic=letters)
    if tok.source in _KEEP_SOURCES:
        return None
    single = w.token.start <= entity.start and entity.end <= w.token.end
    place = _place_english(w, gazetteer) if entity.type != "PERSON" else None
    if single and entity.type != "PERSON" and entity.gloss:
        place = place or entity.gloss
    is_name = entity.type == "PERSON" or single or place is not None or c.known_name
    if not is_name and w.proper and not c.article:
        is_name = True
    if not is_name:
        return None  # وزارة، الخارجية: ordinary words keep their meaning
    gloss = place or name_word_english(w)
    if not single and entity.gloss and entity.gloss != gloss:
        gloss = f"{gloss} (in: {entity.gloss})"
    keep_vowels = tok.pos == "noun_prop" and tok.source == "lex"
    lemma = tok.lemma if keep_vowels else dediac(written_name(w))
    return replace(
        tok,
        pos="noun_prop",
        gloss=gloss,
        root=None,
        lemma=lemma,
        diac=tok.diac if keep_vowels else dediac(tok.surface),
        source="gazetteer" if place is not None and proper_gloss(w) is None else _source(tok),
        # The word analysis' parts and alternatives belong to the reading given up.
        parts=tok.parts if keep_vowels else (),
        alternatives=(),
        root_note="name",
    )


def _source(tok: Token) -> str:
    return "lex" if tok.pos == "noun_prop" and tok.source == "lex" else "name"


def _place_english(w: Word, gazetteer: Gazetteer | None) -> str | None:
    if gazetteer is None:
        return None
    for form in first_word_forms(w):
        place = gazetteer.match([form], 0)
        if place is not None and (place.major or w.token.pos == "noun_prop"):
            return place.english
    return None
