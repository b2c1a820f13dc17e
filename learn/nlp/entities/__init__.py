"""Entities and quotations found in analysed news text, for facts and questions.

A question generator turns these into questions, so a wrong fact makes a wrong question:
every rule here prefers to say nothing over guessing. Sources of evidence, strongest first:

* numbers and time expressions, by rule (digits, number words, units, months, weekdays);
* the overlay lexicon's typed names (multiword, longest match, proclitics stripped);
* titles (الرئيس الروسي، نظيره الإيراني، المتحدث باسم الكرملين) followed by name-like words,
  which also teach the text's own people: a later بوتين or ببيزشكيان links to the full name
  through a normalised ``key``;
* verbs of saying (قال، أضاف، قائلا ...) for the speakers of quotations.

Pure functions over :mod:`learn.nlp.types`; no camel-tools import (the tagger already ran).
Modules: ``wordlists`` (closed lists), ``words`` (the words of a sentence), ``numeric``
(dates, durations, numbers), ``people`` (persons, places, organisations), ``quotes``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from learn.nlp.entities.numeric import find_numeric
from learn.nlp.entities.people import People, find_people, find_typed
from learn.nlp.entities.quotes import attribute_quotations
from learn.nlp.entities.words import Word, sentence_words
from learn.nlp.types import Entity, Quotation, Sentence

LexMatch = Callable[[Sequence[str], int], tuple[str, int] | None]
"""``(words, i) -> (entity type, number of words)`` for a typed name starting at ``words[i]``."""

__all__ = ["LexMatch", "extract", "label_tokens"]


def extract(
    text: str,
    sentences: Sequence[Sentence],
    lex_match: LexMatch | None = None,
    hints: Mapping[tuple[int, int], str] | None = None,
) -> tuple[list[Entity], list[Quotation]]:
    """Find the entities and quotations of an analysed text.

    ``lex_match`` finds typed names in the lexicon (multiword, longest first); ``hints``
    are per-token entity types from the tagger, keyed by (sentence, token index).
    """
    people = People()
    entities: list[Entity] = []
    for sent in sentences:
        words = sentence_words(sent)
        types, lengths = _typed(words, sent, lex_match, hints or {})
        if lex_match is not None:
            _strip_multiword_clitics(words, types, lengths, lex_match)
        claimed = [False] * len(words)
        spans = [
            span
            for span in find_numeric(text, words)
            if sent.dateline_end is None or span[2].start >= sent.dateline_end
        ]  # "موسكو 15-7 (اف ب)": the dateline's numbers are no facts of the story
        for i, j, _ in spans:
            claimed[i:j] = [True] * (j - i)
        people_spans = find_people(text, words, types, people, claimed)
        for i, j, _ in people_spans:
            claimed[i:j] = [True] * (j - i)
        spans += people_spans + find_typed(text, words, types, lengths, claimed)
        entities += [e for _, _, e in sorted(spans, key=lambda s: s[0])]
    quotations = attribute_quotations(text, sentences, entities, people)
    return entities, quotations


def _typed(
    words: Sequence[Word],
    sent: Sentence,
    lex_match: LexMatch | None,
    hints: Mapping[tuple[int, int], str],
) -> tuple[list[str | None], list[int]]:
    """Per word: its entity type (lexicon, else tagger hint) and the typed span's length."""
    types: list[str | None] = [None] * len(words)
    lengths = [0] * len(words)
    surfaces = [w.token.surface for w in words]
    i = 0
    while i < len(words):
        hit = lex_match(surfaces, i) if lex_match else None
        if hit:
            kind, size = hit
            types[i : i + size] = [kind] * size
            lengths[i] = size
            i += size
            continue
        hint = hints.get((sent.index, words[i].token.index))
        if hint:
            types[i] = hint
            lengths[i] = 1
        i += 1
    return types, lengths


def _strip_multiword_clitics(
    words: Sequence[Word], types: Sequence[str | None], lengths: Sequence[int], lex_match: LexMatch
) -> None:
    """وحزب الله: find the proclitics on the first word of a multiword name.

    The tagger's lemma cannot tell (each word of a multiword entry keeps its surface), so
    the stripped word must still match the same lexicon entry.
    """
    for i, w in enumerate(words):
        size = lengths[i]
        if size < 2 or w.clitic:
            continue
        rest = [x.token.surface for x in words[i + 1 : i + size]]
        for n in (1, 2):
            prefix = w.key[:n]
            if len(w.key) - n < 2 or not all(ch in "وفبلك" for ch in prefix):
                break
            if lex_match([w.key[n:], *rest], 0) == (types[i], size):
                w.stem, w.clitic = w.key[n:], n
                break


def label_tokens(
    sentences: Sequence[Sentence], entities: Sequence[Entity]
) -> dict[tuple[int, int], str]:
    """(sentence, token index) -> entity type, for every token inside an entity span."""
    labels: dict[tuple[int, int], str] = {}
    by_sentence: dict[int, list[Entity]] = {}
    for e in entities:
        by_sentence.setdefault(e.sentence, []).append(e)
    for sent in sentences:
        for tok in sent.tokens:
            if tok.pos == "punc":
                continue  # يوليو/تموز: the slash is inside the date, but is no word of it
            for e in by_sentence.get(sent.index, ()):
                if e.start < tok.end and tok.start < e.end:
                    labels[(sent.index, tok.index)] = e.type
                    break
    return labels
