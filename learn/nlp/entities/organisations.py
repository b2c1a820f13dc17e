"""ORGANIZATION spans: a head noun (وزارة، مجلس، حركة، مؤسسة …) with the complement that
makes it one body, media outlets named after their kind, and short names learnt from them.

* **indefinite head** in construct: a definite complement (وزارة الدفاع، هيئة الانتخابات), a
  chain ending in one (جهاز حماية المستهلك، مجلس جامعة الدول العربية), a place (مؤسسة الصين)
  or a name (مؤسسة سينوبك); then adjectives (وزارة الدفاع الكويتية، حركة الجهاد الإسلامي), a
  coordinated noun (وزارة الشباب والرياضة) and ل + a definite complement (… للبترول
  والكيماويات) may follow;
* **definite head** (البرلمان اللبناني، المؤسسة العامة للنفط): only with a country or
  organisation adjective (national, international, military…) or ل + a complement, since
  "the council" alone names no particular body;
* **media**: صحيفة "القبس"، موفد "المملكة"، مراسل الجزيرة — the outlet's name;
* a name word right after an organisation is its short name (… للبترول والكيماويات
  سينوبك), and later mentions of a short name are that organisation.

A generic complement (مجلس الإدارة، مجلس إدارة الشركة) names no body and is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from learn.nlp.entities.forms import first_sense, person_english
from learn.nlp.entities.gazetteer import Gazetteer
from learn.nlp.entities.namelists import (
    BOARD_WORDS,
    CORRESPONDENTS,
    MEDIA_HEADS,
    MINISTRY_FIELDS,
    ORGANISATION_ADJECTIVES,
)
from learn.nlp.entities.people import NameContext, name_parts, typed_entity
from learn.nlp.entities.places import match_place
from learn.nlp.entities.wordlists import PLACE_OR_ORG
from learn.nlp.morphology.arabic import normalize_key
from learn.nlp.types import Entity

_QUOTES = frozenset('"«»“”/')
_MAX_ORG_WORDS = 8


@dataclass
class Organisations:
    """Short names of the organisations a text has introduced (سينوبك, …)."""

    aliases: dict[str, str] = field(default_factory=dict)  # normalized name -> org key


def find_organisations(
    ctx: NameContext, gazetteer: Gazetteer | None, orgs: Organisations
) -> list[tuple[int, int, Entity]]:
    found: list[tuple[int, int, Entity]] = []
    i = 0
    while i < len(ctx):
        hits = [] if ctx.claimed[i] else _at(ctx, i, gazetteer, orgs)
        if hits:
            for hit in hits:
                found.append(hit)
                ctx.claimed[hit[0] : hit[1]] = [True] * (hit[1] - hit[0])
            i = hits[-1][1]
        else:
            i += 1
    return found


def _at(
    ctx: NameContext, i: int, gazetteer: Gazetteer | None, orgs: Organisations
) -> list[tuple[int, int, Entity]]:
    longest = max((len(a.split()) for a in orgs.aliases), default=0)
    known = _alias_at(ctx, i, orgs, longest) if longest else None
    if known is not None and known[1] - known[0] > 1:
        return [known]  # لقطر للطاقة, once the text has written the name as one
    media = _media(ctx, i)
    if media is not None:
        s, e = media
        # An outlet's name is a name (الأهرام is al-Ahram, not "the pyramids").
        english = None if ctx.types[s] else person_english(ctx.words[s:e])
        return [(s, e, replace(_org(ctx, s, e, orgs), gloss=english))]
    ministry = _elliptic_ministry(ctx, i)
    if ministry is not None:
        field_en = MINISTRY_FIELDS[ctx.words[i].stem]
        country = _nisba_english(ctx, i + 1, gazetteer)
        english = " ".join(p for p in (country, field_en, "Ministry") if p)
        return [(i, ministry, replace(_org(ctx, i, ministry, orgs), gloss=english))]
    end = _headed(ctx, i, gazetteer) or _place_company(ctx, i)
    if end is None:
        return []
    if end - i > 1 and (ctx.clues[i].place or ctx.words[i].stem in MINISTRY_FIELDS):
        orgs.aliases.setdefault(" ".join(name_parts(ctx.words, i, end)), "")
    out = [(i, end, _org(ctx, i, end, orgs))]
    alias = end if end < len(ctx) and _alias_word(ctx, end) else None
    if alias is None and _parenthesised_alias(ctx, end):
        alias = end + 1  # وكالة الأنباء … (سونا)
    if alias is not None:
        # A short name is a name: romanised, not glossed (جيدا is no "well").
        english = person_english(ctx.words[alias : alias + 1])
        entity = replace(_org(ctx, alias, alias + 1, orgs), key=out[0][2].key, gloss=english)
        orgs.aliases.setdefault(ctx.words[alias].key, out[0][2].key)
        out.append((alias, alias + 1, entity))
    return out


def _org(ctx: NameContext, i: int, j: int, orgs: Organisations) -> Entity:
    entity = typed_entity(ctx, i, j, "ORGANIZATION")
    last = ctx.words[j - 1]
    if j - i > 1 and _alias_word(ctx, j - 1):
        orgs.aliases.setdefault(last.key, entity.key)  # مؤسسة سينوبك → سينوبك
    return entity


def _parenthesised_alias(ctx: NameContext, k: int) -> bool:
    """One word in parentheses right after an organisation: its short name or acronym."""
    if k + 2 >= len(ctx) or ctx.words[k].token.surface != "(":
        return False
    if ctx.words[k + 2].token.surface != ")":
        return False
    c = ctx.clues[k + 1]
    return not ctx.claimed[k + 1] and not (c.function or c.article or c.conj or c.prep)


def _alias_word(ctx: NameContext, k: int) -> bool:
    """A word that can only be a name: unknown to the lexicon or read as a proper noun."""
    c = ctx.clues[k]
    return (
        not ctx.claimed[k]
        and c.known_name
        and not (c.article or c.conj or c.prep or c.function or c.place or c.given)
        and ctx.types[k] is None
    )


def _headed(ctx: NameContext, i: int, gazetteer: Gazetteer | None) -> int | None:
    """End of an organisation name whose head is ``words[i]``, or None."""
    c = ctx.clues[i]
    if not c.org_head:
        return None
    if c.article:
        return _definite_head(ctx, i)
    return _construct_head(ctx, i, gazetteer)


def _construct_head(ctx: NameContext, i: int, gazetteer: Gazetteer | None) -> int | None:
    if i + 1 < len(ctx) and ctx.words[i + 1].stem in BOARD_WORDS:
        return None  # مجلس إدارة سينوبك: the board of a body is not a body of its own
    j = i + 1
    while j < len(ctx) and j - i < _MAX_ORG_WORDS:
        c = ctx.clues[j]
        if ctx.claimed[j] and ctx.types[j] not in PLACE_OR_ORG:
            return None
        if c.conj or c.prep or c.function:
            return None
        if ctx.types[j] in PLACE_OR_ORG and ctx.lengths[j]:
            return _modifiers(ctx, j + ctx.lengths[j], complements=True)  # مؤسسة الصين
        place = match_place(ctx, j, gazetteer) if gazetteer is not None else None
        if place is not None:
            return _modifiers(ctx, j + place[1], complements=True)
        if c.article:
            if c.org_head:
                return None  # مجلس الإدارة، مجلس إدارة الشركة: no particular body
            k = j + 1
            while k < len(ctx) and _complement_word(ctx, k, "و"):
                k += 1  # وزارة الشباب والرياضة، وزارة الصحة والسكان
            return _modifiers(ctx, k, complements=False)
        if c.known_name and not c.given:
            k = j + 1
            while k < len(ctx) and k - j < 3 and _alias_word(ctx, k):
                k += 1  # شركة توتال إنرجيز: a name of several words
            return _modifiers(ctx, k, complements=True)  # مؤسسة سينوبك
        if not (c.weak or c.org_head or _broken_plural(ctx, j)):
            return None
        j += 1  # جهاز حماية …، مجلس جامعة …، سلطة موانئ …: the construct goes on
    return None


def _broken_plural(ctx: NameContext, j: int) -> bool:
    """موانئ، شؤون: a noun whose form differs from its lemma without any suffix (a pronoun
    or a case ending would end the construct)."""
    w, c = ctx.words[j], ctx.clues[j]
    if not c.inflected or c.article or w.token.pos != "noun":
        return False
    lemma = normalize_key(w.token.lemma)
    return not w.stem.startswith(lemma[:-1] or lemma)


def _nisba_english(ctx: NameContext, k: int, gazetteer: Gazetteer | None) -> str:
    """The English adjective of a nationality word: the lexicon's gloss when it is one."""
    sense = first_sense(ctx.words[k].token.gloss)
    return sense if sense[:1].isupper() else ""


def _elliptic_ministry(ctx: NameContext, i: int) -> int | None:
    """أعلنت الخارجية الأمريكية، "الخزانة الأمريكية": a ministry's field and its country's
    adjective, with وزارة left out — but not after a definite noun (السياسة الخارجية
    الأمريكية is a policy) or an office (وزير الخارجية الأمريكي)."""
    w, c = ctx.words[i], ctx.clues[i]
    if w.stem not in MINISTRY_FIELDS or c.prep or i + 1 >= len(ctx):
        return None
    nxt = ctx.clues[i + 1]
    if not (nxt.nisba and ctx.words[i + 1].key.endswith("ه")) or ctx.claimed[i + 1]:
        return None
    if i > 0:
        prev, pc = ctx.words[i - 1], ctx.clues[i - 1]
        if pc.office or pc.honorific or pc.org_head:
            return None
        if pc.article and prev.token.pos in {"noun", "adj"} and not pc.function:
            return None
    return i + 2


def _place_company(ctx: NameContext, i: int) -> int | None:
    """/قطر للطاقة/، "دبي للاستثمار": a place and ل + a field between quotes or slashes is a
    company's name."""
    if i == 0 or ctx.words[i - 1].token.surface not in _QUOTES or i + 2 >= len(ctx):
        return None
    if not ctx.clues[i].place or ctx.clues[i].prep:
        return None
    if not _complement_word(ctx, i + 1, "ل"):
        return None
    return i + 2 if ctx.words[i + 2].token.surface in _QUOTES else None


def _definite_head(ctx: NameContext, i: int) -> int | None:
    """البرلمان اللبناني، القوات المسلحة الكويتية، المؤسسة العامة للنفط السورية."""
    j = i + 1
    marked = False
    while j < len(ctx) and j - i < _MAX_ORG_WORDS:
        w, c = ctx.words[j], ctx.clues[j]
        if not (c.article and w.token.pos == "adj") or c.conj or c.prep:
            break
        named = c.nisba or w.key in ORGANISATION_ADJECTIVES
        if not named and _participle_with_complement(ctx, j):
            break  # الخطوط الجوية الإثيوبية المملوكة للدولة: a description
        marked = marked or named
        j += 1
    end = _complements(ctx, j)
    if end > j:
        return _modifiers(ctx, end, complements=True)
    return j if marked else None


def _modifiers(ctx: NameContext, j: int, complements: bool) -> int:
    """Adjectives after an organisation's core, and — when ``complements`` — ل-complements
    with coordinated nouns. After a definite construct (مجلس الوزراء) a ل-phrase belongs to
    the office or the verb (نائب رئيس مجلس الوزراء للتنمية البشرية), so it is not taken."""
    while j < len(ctx):
        w, c = ctx.words[j], ctx.clues[j]
        if ctx.claimed[j] or not (c.article and w.token.pos == "adj") or c.conj or c.prep:
            break
        if c.function:
            break
        named = c.nisba or w.key in ORGANISATION_ADJECTIVES
        if not named and _participle_with_complement(ctx, j):
            break  # المملوكة للدولة: a description with its own complement
        j += 1  # الكويتية، الإسلامي
    end = _complements(ctx, j) if complements else j
    if end > j:
        return _modifiers(ctx, end, complements)
    return j


def _participle_with_complement(ctx: NameContext, j: int) -> bool:
    """المملوكة للدولة، التابعة للوزارة: a participle (م…) with its own ل/ب-complement describes
    the body; it is not part of its name (العامة للكهرباء is)."""
    stem = ctx.words[j].stem
    bare = stem[2:] if stem.startswith("ال") else stem
    return bare.startswith("م") and len(bare) >= 5 and j + 1 < len(ctx) and ctx.clues[j + 1].prep


def _complements(ctx: NameContext, j: int) -> int:
    """ل + a definite word (للبترول، للنفط), and و + a definite noun after it (والكيماويات)."""
    k = j
    if k < len(ctx) and _complement_word(ctx, k, "ل"):
        k += 1
        while k < len(ctx) and _complement_word(ctx, k, "و"):
            k += 1
    return k


def _complement_word(ctx: NameContext, k: int, clitic: str) -> bool:
    w, c = ctx.words[k], ctx.clues[k]
    if ctx.claimed[k] or c.function or c.office or c.org_head or not c.article:
        return False
    if clitic == "ل":
        return w.key.startswith("لل") and w.token.pos in {"noun", "adj"}
    return c.conj and w.token.pos in {"noun", "adj"}


def _media(ctx: NameContext, i: int) -> tuple[int, int] | None:
    """صحيفة "القبس"، مراسل الجزيرة، موفد "المملكة": the outlet's name (marks excluded)."""
    w = ctx.words[i]
    head = next((b for b in w.bare if b in MEDIA_HEADS | CORRESPONDENTS), None)
    if head is None or i + 1 >= len(ctx):
        return None
    j = i + 1
    if head in MEDIA_HEADS and ctx.types[j] == "ORGANIZATION" and ctx.lengths[j]:
        return j, j + ctx.lengths[j]  # وكالة أسوشيتد برس: the agency is its name
    if ctx.words[j].token.surface in _QUOTES:
        for k in range(j + 1, min(j + 5, len(ctx))):
            if ctx.words[k].token.surface in _QUOTES:
                if k > j + 1 and not any(ctx.claimed[j + 1 : k]):
                    return j + 1, k
                return None
        return None
    if head in CORRESPONDENTS:
        c = ctx.clues[j]
        plain = c.article and not (c.conj or c.prep or c.org_head or c.office or c.function)
        if plain and (j + 1 >= len(ctx) or not ctx.clues[j + 1].article):
            return j, j + 1  # مراسل الجزيرة (not مراسل الشؤون الخارجية)
    return None


def find_aliases(ctx: NameContext, orgs: Organisations) -> list[tuple[int, int, Entity]]:
    """Later mentions of an organisation's short name (سينوبك) or of a whole name the text
    wrote once between quotes (لقطر للطاقة)."""
    found = []
    longest = max((len(a.split()) for a in orgs.aliases), default=0)
    i = 0
    while i < len(ctx):
        hit = None if ctx.claimed[i] or ctx.clues[i].function else _alias_at(ctx, i, orgs, longest)
        if hit is None:
            i += 1
            continue
        found.append(hit)
        ctx.claimed[hit[0] : hit[1]] = [True] * (hit[1] - hit[0])
        i = hit[1]
    return found


def _alias_at(
    ctx: NameContext, i: int, orgs: Organisations, longest: int
) -> tuple[int, int, Entity] | None:
    for size in range(min(longest, len(ctx) - i), 0, -1):
        j = i + size
        if any(ctx.claimed[k] or ctx.clues[k].conj for k in range(i + 1, j)):
            continue
        rest = [w.key for w in ctx.words[i + 1 : j]]
        for first in (ctx.words[i].stem, *ctx.words[i].bare):
            name = " ".join([first, *rest])
            if name in orgs.aliases:
                entity = typed_entity(ctx, i, j, "ORGANIZATION")
                return i, j, replace(entity, key=orgs.aliases[name] or entity.key)
    return None


__all__ = ["Organisations", "find_aliases", "find_organisations", "name_parts"]
