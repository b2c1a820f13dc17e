"""Entities and quotations found in analysed news text, for facts and questions.

A question generator turns these into questions, so a wrong fact makes a wrong question:
every rule here prefers to say nothing over guessing. Sources of evidence, strongest first:

* numbers and time expressions, by rule (digits, number words, units, months, weekdays);
* the overlay lexicon's typed names (multiword, longest match, proclitics stripped);
* the sentence's own evidence for names no list knows (:mod:`people`, :mod:`organisations`):
  titles and offices, names in apposition, name particles, the lexicon's proper-noun
  readings and its backoff for unknown words, organisation heads with their complements;
  and mentions linked to names the text introduced (ظريف → محمد جواد ظريف);
* gazetteers (GeoNames, CLDR: :mod:`gazetteer`) for places and countries (:mod:`places`);
* verbs of saying (قال، أضاف، قائلا ...) for the speakers of quotations.

Pure functions over :mod:`learn.nlp.types`; no camel-tools import (the tagger already ran).
Modules: ``wordlists``/``namelists`` (closed lists), ``words`` and ``clues`` (the words of a
sentence and their name evidence), ``numeric`` (dates, durations, numbers), ``people``,
``organisations``, ``places``, ``gazetteer``, ``forms``/``romanize`` (English forms),
``quotes``, ``evaluate`` (scoring against an annotation).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from learn.nlp.entities.clues import word_clues
from learn.nlp.entities.forms import organisation_english, person_english
from learn.nlp.entities.gazetteer import Gazetteer
from learn.nlp.entities.numeric import find_numeric
from learn.nlp.entities.organisations import Organisations, find_aliases, find_organisations
from learn.nlp.entities.people import (
    NameContext,
    People,
    find_mentions,
    find_people,
    find_typed,
    typed_entity,
)
from learn.nlp.entities.places import (
    Places,
    find_multiword_places,
    find_place_mentions,
    find_places,
)
from learn.nlp.entities.quotes import attribute_quotations
from learn.nlp.entities.words import Word, sentence_words, wrapped_groups
from learn.nlp.types import Entity, Quotation, Sentence

LexMatch = Callable[[Sequence[str], int], tuple[str, int] | tuple[str, int, str] | None]
"""``(words, i) -> (entity type, number of words[, English])`` for a typed name at ``words[i]``."""
Spans = list[tuple[int, int, Entity]]

__all__ = ["LexMatch", "extract", "label_tokens", "name_words"]

NAME_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})


def extract(
    text: str,
    sentences: Sequence[Sentence],
    lex_match: LexMatch | None = None,
    hints: Mapping[tuple[int, int], str] | None = None,
    gazetteer: Gazetteer | None = None,
    proper: Mapping[tuple[int, int], str] | None = None,
) -> tuple[list[Entity], list[Quotation]]:
    """Find the entities and quotations of an analysed text.

    ``lex_match`` finds typed names in the lexicon (multiword, longest first); ``hints``
    are per-token entity types from the tagger, keyed by (sentence, token index);
    ``gazetteer`` knows places; ``proper`` holds the English of a token's proper-noun
    reading when the tagger has one besides the reading it chose.
    """
    people, orgs, places = People(), Organisations(), Places()
    quoted: dict[tuple[str, ...], str] = {}  # names a text set in quotation marks, by their words
    by_sentence: dict[int, dict[int, str]] = {}
    for (s, t), gloss in (proper or {}).items():
        by_sentence.setdefault(s, {})[t] = gloss
    found: list[tuple[NameContext, Spans, list[str | None]]] = []
    for sent in sentences:
        words = sentence_words(sent, by_sentence.get(sent.index))
        types, lengths, glosses = _typed(words, sent, lex_match, hints or {})
        if lex_match is not None:
            _strip_multiword_clitics(words, types, lengths, lex_match)
        ctx = NameContext(
            text, words, types, lengths, word_clues(words, types, gazetteer), [False] * len(words)
        )
        spans: Spans = [
            span
            for span in find_numeric(text, words)
            if sent.dateline_end is None or span[2].start >= sent.dateline_end
        ]  # "موسكو 15-7 (اف ب)": the dateline's numbers are no facts of the story
        for i, j, _ in spans:
            ctx.claimed[i:j] = [True] * (j - i)
        if gazetteer is not None:
            spans += find_multiword_places(ctx, gazetteer)
        spans += find_people(ctx, people)
        spans += find_organisations(ctx, gazetteer, orgs)
        spans += find_typed(ctx)
        if gazetteer is not None:
            spans += find_places(ctx, gazetteer, places)
        spans = _quoted_names(ctx, wrapped_groups(sent), spans, quoted)
        found.append((ctx, spans, glosses))
    entities: list[Entity] = []
    for ctx, spans, glosses in found:
        # Second pass: mentions of people and organisations introduced anywhere in the text.
        spans = _quoted_names(ctx, _unquoted_repeats(ctx, quoted), spans, {})
        spans += find_mentions(ctx, people) + find_aliases(ctx, orgs)
        spans += find_place_mentions(ctx, places)
        spans = [(i, j, _with_english(ctx, i, j, e, glosses, gazetteer)) for i, j, e in spans]
        entities += [e for _, _, e in sorted(spans, key=lambda s: s[0])]
    entities = _link_people(entities, people)
    quotations = attribute_quotations(text, sentences, entities, people)
    return entities, quotations


def _quoted_names(
    ctx: NameContext,
    groups: Sequence[tuple[int, int]],
    spans: Spans,
    quoted: dict[tuple[str, ...], str],
) -> Spans:
    """ "أرض الصومال" in quotation marks: a name the rules knew only in part (الصومال, a
    different country) is the whole quoted phrase. Only indefinite nouns may come before the
    part (the head of a construct, أرض), so a quoted phrase with an adjective of its own
    ("الإرهاب الإيراني") stays as it is; the phrase is remembered in ``quoted`` (by its
    words, with its type) to be read the same way where the text repeats it unquoted."""
    out = list(spans)
    for first, end in groups:
        inside = [s for s in out if s[0] < end and first < s[1]]
        if len(inside) != 1:
            continue
        i, j, entity = inside[0]
        if entity.type not in NAME_TYPES or j != end or i <= first:
            continue
        if not all(_construct_head(ctx, k) for k in range(first, i)):
            continue
        widened = typed_entity(ctx, first, end, entity.type)
        out[out.index(inside[0])] = (first, end, widened)
        ctx.claimed[first:end] = [True] * (end - first)
        quoted[tuple(ctx.words[k].stem for k in range(first, end))] = entity.type
    return out


def _construct_head(ctx: NameContext, k: int) -> bool:
    clue = ctx.clues[k]
    plain = not (clue.function or clue.article or clue.conj or clue.prep or clue.office)
    return plain and ctx.words[k].token.pos == "noun"


def _unquoted_repeats(
    ctx: NameContext, quoted: Mapping[tuple[str, ...], str]
) -> list[tuple[int, int]]:
    """Where the sentence repeats a quoted name without the marks: its word ranges."""
    stems = [w.stem for w in ctx.words]
    found = []
    for words in quoted:
        size = len(words)
        found += [
            (i, i + size)
            for i in range(len(stems) - size + 1)
            if tuple(stems[i : i + size]) == words
        ]
    return found


def _typed(
    words: Sequence[Word],
    sent: Sentence,
    lex_match: LexMatch | None,
    hints: Mapping[tuple[int, int], str],
) -> tuple[list[str | None], list[int], list[str | None]]:
    """Per word: its entity type (lexicon, else tagger hint), the typed span's length, and the
    lexicon's English for a multiword name starting there."""
    types: list[str | None] = [None] * len(words)
    lengths = [0] * len(words)
    glosses: list[str | None] = [None] * len(words)
    surfaces = [w.token.surface for w in words]
    i = 0
    while i < len(words):
        hit = lex_match(surfaces, i) if lex_match else None
        if hit:
            kind, size = hit[0], hit[1]
            types[i : i + size] = [kind] * size
            lengths[i] = size
            glosses[i] = hit[2] if len(hit) > 2 else None
            i += size
            continue
        hint = hints.get((sent.index, words[i].token.index))
        if hint:
            types[i] = hint
            lengths[i] = 1
        i += 1
    return types, lengths, glosses


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
        if w.key.startswith("لل"):  # للأمم المتحدة: li + al-, the article's alif dropped
            hit = lex_match(["ا" + w.key[1:], *rest], 0)
            if hit is not None and (hit[0], hit[1]) == (types[i], size):
                w.stem = "ا" + w.key[1:]  # the span still starts at the word: للأمم
                continue
        for n in (1, 2):
            prefix = w.key[:n]
            if len(w.key) - n < 2 or not all(ch in "وفبلك" for ch in prefix):
                break
            hit = lex_match([w.key[n:], *rest], 0)
            if hit is not None and (hit[0], hit[1]) == (types[i], size):
                w.stem, w.clitic = w.key[n:], n
                break


def _with_english(
    ctx: NameContext,
    i: int,
    j: int,
    entity: Entity,
    glosses: Sequence[str | None],
    gazetteer: Gazetteer | None,
) -> Entity:
    """The entity with its English form: the lexicon's for a multiword entry, the
    gazetteer's for a place, else composed from its words."""
    if entity.type not in NAME_TYPES or entity.gloss:
        return entity
    gloss = glosses[i] if ctx.lengths[i] == j - i else None
    if gloss is None and gazetteer is not None and entity.type != "PERSON":
        place = gazetteer.match([ctx.words[i].stem, *(w.key for w in ctx.words[i + 1 : j])], 0)
        gloss = place.english if place is not None and len(place.words) == j - i else None
    if gloss is None:
        words = ctx.words[i:j]
        if entity.type == "ORGANIZATION":
            gloss = organisation_english(words, ctx.clues[i:j])
        else:
            gloss = person_english(words)
    return replace(entity, gloss=_first(gloss) or None)


def _first(gloss: str) -> str:
    """ "AFP (Agence France-Presse)" stays; "ISIS; Islamic State group" → "ISIS"."""
    return gloss.split(";")[0].strip()


def _link_people(entities: list[Entity], people: People) -> list[Entity]:
    """Every mention of a person shares the key, title and English of the fullest mention
    (a headline's بوريل before the body's جوزيب بوريل included)."""
    keys = {}
    for e in entities:
        if e.type == "PERSON" and " " not in e.key:
            longer = people.by_name.get(e.key)
            if longer and longer != e.key:
                keys[e.key] = longer
    fullest: dict[str, Entity] = {}
    for e in entities:
        if e.type == "PERSON":
            key = keys.get(e.key, e.key)
            best = fullest.get(key)
            if best is None or len(e.text.split()) > len(best.text.split()):
                fullest[key] = e
    out = []
    for e in entities:
        if e.type != "PERSON":
            out.append(e)
            continue
        key = keys.get(e.key, e.key)
        full = fullest[key]
        title = e.title or people.titles.get(key) or full.title
        out.append(replace(e, key=key, title=title, gloss=full.gloss or e.gloss))
    return out


def name_words(
    sentences: Sequence[Sentence], entities: Sequence[Entity]
) -> dict[tuple[int, int], Entity]:
    """(sentence, token index) -> the person, place or organisation the token is part of."""
    by_sentence: dict[int, list[Entity]] = {}
    for e in entities:
        if e.type in NAME_TYPES:
            by_sentence.setdefault(e.sentence, []).append(e)
    out = {}
    for sent in sentences:
        for tok in sent.tokens:
            if not tok.is_word:
                continue
            for e in by_sentence.get(sent.index, ()):
                if e.start < tok.end and tok.start < e.end:
                    out[(sent.index, tok.index)] = e
                    break
    return out


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
