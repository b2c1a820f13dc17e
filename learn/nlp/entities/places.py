"""LOCATION spans from the gazetteer and from place descriptors (مدينة …، مستوطنة …).

A gazetteer name that is also a common word (جدة "grandmother", صور "pictures") is taken as a
place only where the sentence says so: the tagger reads it as a proper noun, or it is a
major place (a country, a region, a city of a million) after a preposition, a descriptor,
a conjunction with another place, or before its country's adjective (طرطوس السورية).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from learn.nlp.entities.forms import first_sense
from learn.nlp.entities.gazetteer import Gazetteer, Place
from learn.nlp.entities.namelists import STATE_HEADS, STATE_WORDS
from learn.nlp.entities.people import NameContext, typed_entity
from learn.nlp.entities.words import Word
from learn.nlp.morphology.arabic import normalize_key
from learn.nlp.types import Entity

_MAX_PLACE_WORDS = 5
_TOWN = 100_000  # a city this large is the likelier reading after في/إلى/من
_PLACE_PREPOSITIONS = frozenset(
    normalize_key(w) for w in ("في", "إلى", "من", "عن", "على", "نحو", "مع", "بين", "عبر", "داخل")
)


def first_word_forms(w: Word) -> list[str]:
    """The first word of a name without its proclitics, as the gazetteer may list it: the
    clitics the tagger found, or — for a word it did not know — any و/ف/ب/ل/ك in front.
    A word the tagger read whole (كريم) is not cut (into ك + ريم)."""
    if w.clitic or (w.token.source != "backoff" and normalize_key(w.token.lemma) == w.key):
        return [w.stem]
    return list(dict.fromkeys([w.stem, *w.bare]))


def match_place(ctx: NameContext, i: int, gazetteer: Gazetteer) -> tuple[Place, int] | None:
    """The longest gazetteer name starting at ``words[i]`` (its clitics stripped)."""
    best: tuple[Place, int] | None = None
    rest = []
    for k in range(i + 1, min(i + _MAX_PLACE_WORDS, len(ctx))):
        if ctx.clues[k].conj or ctx.clues[k].prep or ctx.claimed[k]:
            break
        rest.append(ctx.words[k].key)
    for form in first_word_forms(ctx.words[i]):
        if not gazetteer.starts(form):
            continue
        place = gazetteer.match([form, *rest], 0)
        if place is not None and (best is None or len(place.words) > len(best[0].words)):
            best = (place, len(place.words))
    return best


@dataclass
class Places:
    """Places a text named through a descriptor (قصر كويرينالي), to find them again."""

    aliases: dict[str, str] = field(default_factory=dict)  # normalized name -> key


def find_multiword_places(ctx: NameContext, gazetteer: Gazetteer) -> list[tuple[int, int, Entity]]:
    """Gazetteer names of two words or more (أديس أبابا، المملكة العربية السعودية), before
    the person rules, which would take two unknown words for a name."""

    def at(i: int) -> tuple[int, int, Entity] | None:
        c = ctx.clues[i]
        if c.given or c.link:
            return None
        hit = match_place(ctx, i, gazetteer)
        if hit is None or hit[1] < 2:
            return None
        place, size = hit
        end = own_adjective(ctx, i + size, place, gazetteer)
        return i, end, typed_entity(ctx, i, end, place.type, place.english)

    return _scan(ctx, at)


def find_places(
    ctx: NameContext, gazetteer: Gazetteer, places: Places
) -> list[tuple[int, int, Entity]]:
    """Single-word gazetteer places, states named by their adjectives, described places."""

    def at(i: int) -> tuple[int, int, Entity] | None:
        hit = _gazetteer_place(ctx, i, gazetteer) or _state(ctx, i, gazetteer)
        return hit or _described_place(ctx, i, gazetteer, places)

    return _scan(ctx, at)


def find_place_mentions(ctx: NameContext, places: Places) -> list[tuple[int, int, Entity]]:
    """Words of a place named earlier (or later) through a descriptor: معاهدة كويرينالي."""

    def at(i: int) -> tuple[int, int, Entity] | None:
        w = ctx.words[i]
        key = next((places.aliases[b] for b in (w.stem, *w.bare) if b in places.aliases), None)
        if key is None or ctx.clues[i].inflected:
            return None
        return i, i + 1, replace(typed_entity(ctx, i, i + 1, "LOCATION"), key=key)

    return _scan(ctx, at)


def _scan(
    ctx: NameContext, at: Callable[[int], tuple[int, int, Entity] | None]
) -> list[tuple[int, int, Entity]]:
    found: list[tuple[int, int, Entity]] = []
    i = 0
    while i < len(ctx):
        hit = None if ctx.claimed[i] or ctx.clues[i].function else at(i)
        if hit:
            found.append(hit)
            ctx.claimed[hit[0] : hit[1]] = [True] * (hit[1] - hit[0])
            i = hit[1]
        else:
            i += 1
    return found


def _state(ctx: NameContext, i: int, gazetteer: Gazetteer) -> tuple[int, int, Entity] | None:
    """الجمهورية التونسية، الجمهورية الإسلامية الإيرانية: a state's kind and adjectives, one
    of them its country's; جمهورية الصين الشعبية: its kind, its name and adjectives."""
    if ctx.words[i].stem in STATE_HEADS and i + 1 < len(ctx):
        return _named_state(ctx, i, gazetteer)
    if ctx.words[i].stem not in STATE_WORDS:
        return None
    j, country = i + 1, None
    while j < len(ctx) and not ctx.claimed[j]:
        w, c = ctx.words[j], ctx.clues[j]
        if not (c.article and w.token.pos == "adj") or c.conj or c.prep:
            break
        country = country or gazetteer.nisba(w.key)
        j += 1
    if country is None:
        return None
    english = gazetteer.english_by_country.get(country)
    return i, j, typed_entity(ctx, i, j, "LOCATION", english)


def _named_state(ctx: NameContext, i: int, gazetteer: Gazetteer) -> tuple[int, int, Entity] | None:
    hit = None if ctx.clues[i + 1].conj else match_place(ctx, i + 1, gazetteer)
    if hit is None or hit[0].kind != "country":
        return None
    j = i + 1 + hit[1]
    start = j
    while j < len(ctx) and not ctx.claimed[j]:
        w, c = ctx.words[j], ctx.clues[j]
        # الديمقراطية is often read as the noun "democracy": its adjective here.
        if not (c.article and w.token.pos in {"adj", "noun"}) or c.conj or c.prep or c.function:
            break
        j += 1
    if j == start:
        return None  # دولة قطر: the descriptor rule takes قطر alone
    return i, j, typed_entity(ctx, i, j, "LOCATION", hit[0].english)


def own_adjective(ctx: NameContext, j: int, place: Place, gazetteer: Gazetteer) -> int:
    """الولايات المتحدة الأمريكية: a country's own adjective after its name is part of it."""
    if place.kind != "country" or j >= len(ctx) or ctx.claimed[j] or ctx.clues[j].conj:
        return j
    return j + 1 if gazetteer.nisba(ctx.words[j].key) == place.country else j


def _gazetteer_place(
    ctx: NameContext, i: int, gazetteer: Gazetteer
) -> tuple[int, int, Entity] | None:
    if ctx.clues[i].descriptor:
        return None  # مدينة is also how some gazetteers spell Medina: here it says "city of"
    hit = match_place(ctx, i, gazetteer)
    if hit is None:
        return None
    place, size = hit
    if size == 1 and not _single_word_place(ctx, i, place, gazetteer):
        return None
    end = own_adjective(ctx, i + size, place, gazetteer)
    return i, end, typed_entity(ctx, i, end, place.type, place.english)


def _single_word_place(ctx: NameContext, i: int, place: Place, gazetteer: Gazetteer) -> bool:
    """The lexicon reads the word as a name (طرطوس، بنغازي "Benghazi"); or it can (صور
    "pictures" or Tyre) and it is a major place or the sentence puts a place there; or it
    cannot (أمان "safety") and a descriptor or the country's adjective says it is one."""
    w, c = ctx.words[i], ctx.clues[i]
    tok = w.token
    if tok.source == "backoff":
        return True
    if tok.pos == "noun_prop" or first_sense(tok.gloss)[:1].isupper():
        # The lexicon knows the word as a name: this place (Jeddah), or another name (جمال
        # is Jamal, not the town of Djemmal), which needs the sentence to say "place".
        return _same_name(tok.gloss, place.english) or _described(ctx, i, place, gazetteer)
    if c.inflected:
        return False
    if c.article and place.kind == "city":
        return False  # المدينة "the city", العين "the eye": only the gazetteer's longer name
    if w.proper and _same_name(w.proper, place.english):
        # البحرين "the two seas" is Bahrain; but المدينة "the city" is Medina only where the
        # sentence puts a place (في المدينة المنورة), and بيان "statement" is a small town.
        if place.kind in {"country", "region"}:
            return True
        if place.population >= _TOWN and _after_place_word(ctx, i):
            return True
    return _described(ctx, i, place, gazetteer)


def _described(ctx: NameContext, i: int, place: Place, gazetteer: Gazetteer) -> bool:
    return _before_nisba(ctx, i, place, gazetteer) or (i > 0 and ctx.clues[i - 1].descriptor)


def _same_name(gloss: str, english: str) -> bool:
    """Does one of the lexicon's senses name the gazetteer's place (Tartous ~ Tartus)?"""
    target = _latin(english)
    return any(_latin(sense)[:3] == target[:3] for sense in gloss.split(";") if _latin(sense))


def _latin(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalpha())


def _after_place_word(ctx: NameContext, i: int) -> bool:
    """في صور، بصور، مدينة صور: a preposition or a descriptor before the word."""
    if ctx.clues[i].prep:
        return True
    prev = ctx.words[i - 1] if i else None
    return prev is not None and (prev.key in _PLACE_PREPOSITIONS or ctx.clues[i - 1].descriptor)


def _before_nisba(ctx: NameContext, i: int, place: Place, gazetteer: Gazetteer) -> bool:
    """طرطوس السورية: the country's adjective right after the place."""
    if i + 1 >= len(ctx) or not place.country:
        return False
    return gazetteer.nisba(ctx.words[i + 1].key) == place.country


def _described_place(
    ctx: NameContext, i: int, gazetteer: Gazetteer, places: Places
) -> tuple[int, int, Entity] | None:
    """مستوطنة سديروت، إقليم ناغورني قره باغ، مدينة صور: the name after a place descriptor
    (a gazetteer name whatever else it may mean, or name-shaped words)."""
    if not ctx.clues[i].descriptor or i + 1 >= len(ctx) or ctx.claimed[i + 1]:
        return None
    nxt = ctx.clues[i + 1]
    hit = None if nxt.conj or nxt.prep else match_place(ctx, i + 1, gazetteer)
    if hit is not None and hit[1] == 1 and nxt.article and not nxt.known_name:
        hit = None  # رئيس بلدية المدينة: "the city", a common word with the article
    if hit is not None:
        place, size = hit
        end = i + 1 + size
        return i + 1, end, typed_entity(ctx, i + 1, end, place.type, place.english)
    j = i + 1
    while j < len(ctx) and j - i <= 3 and not ctx.claimed[j]:
        c = ctx.clues[j]
        if c.article or c.conj or c.prep or c.function or not (c.known_name or c.place):
            break
        j += 1
    if j == i + 1:
        return None
    entity = typed_entity(ctx, i + 1, j, "LOCATION")
    if j == i + 2:
        places.aliases.setdefault(ctx.words[i + 1].stem, entity.key)
    return i + 1, j, entity
