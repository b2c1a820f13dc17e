"""PERSON spans from the evidence of the sentence, and the people a text has introduced.

A name is recognised where the sentence licenses one, whether or not any list knows it:

* after a **title** — honorifics and offices with their complements (الرئيس الصيني، وزير
  الخارجية وشؤون المغتربين، ولي العهد رئيس مجلس الوزراء الأمير، المدير العام ل"…"، رئيس
  هيئة الانتخابات), optionally after a comma;
* before one, in **apposition** (سامح شكري وزير الخارجية المصري، إبراهيم السجيني، رئيس …);
* as a **run of name words** with two or more pieces of evidence (محمد حسن رعد، زين
  العابدين بن علي);
* as a **later mention** of a person already introduced (ظريف → محمد جواد ظريف), found in a
  second pass so a headline can name someone the body introduces.

A name word is one the lexicon knows as a name (noun_prop, the backoff for unknown words,
the overlay), one with a proper-noun reading among its analyses, an Arabic given name, or
— inside a licensed run — a plain word in its citation form. Particles (بن، أبو، آل، عبد ال…)
bind the words around them, and article surnames follow a given name (بشار الأسد). A name
stops at a clitic (و + another title, a preposition), a verb, a function word, a title, and
a definite common word that is not a surname.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from learn.nlp.entities.clues import Clue, word_clues
from learn.nlp.entities.namelists import (
    COMPOUND_TAILS,
    DAY_WORDS,
    HONORIFICS,
    MONARCHS,
    OFFICE_HEADS,
    OFFICE_TAILS,
    ORGANISATION_HEADS,
    REGNAL_NUMBERS,
    THEOPHORIC,
    TIME_OF_DAY,
)
from learn.nlp.entities.wordlists import (
    CONJUNCTIONS,
    COUNTERPART,
    GIVEN_NAMES,
    NAME_PARTICLES,
    NAT_ADJ_RE,
    NUMERIC_WORDS,
    OF_ORGANISATION,
    PLACE_OR_ORG,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    WEEKDAYS,
    normalized_set,
)
from learn.nlp.entities.words import Word, letters_to_chars, start_after_clitic
from learn.nlp.morphology.arabic import normalize_key
from learn.nlp.types import Entity

_QUOTES = frozenset('"«»“”')
_COMMA = frozenset({"،", ","})
_MAX_NAME_WORDS = 9
_MAX_TITLE_WORDS = 16
# صباح الأحمد الجابر الصباح: three family names with the article; a fourth is the object.
_MAX_FAMILY_NAMES = 3


@dataclass
class People:
    """The people a text has introduced, to link later mentions by surname or title."""

    by_name: dict[str, str] = field(default_factory=dict)  # normalized name part -> key
    by_title: dict[str, str] = field(default_factory=dict)  # normalized title -> key
    titles: dict[str, str] = field(default_factory=dict)  # key -> last title seen
    glosses: dict[str, str] = field(default_factory=dict)  # key -> English name
    last: tuple[int, str] | None = None  # (sentence, key) of the latest person mentioned

    def add(self, key: str, parts: Sequence[str], title: str | None, gloss: str | None) -> None:
        # A full name teaches its surname (last part) and its first name when distinctive.
        if len(parts) > 1:
            self.by_name.setdefault(" ".join(parts), key)
        if len(parts) > 2 and parts[-2] in NAME_PARTICLES:
            self.by_name.setdefault(" ".join(parts[-2:]), key)  # أبو الغيط، بن سلمان
        elif len(parts) > 1 and parts[-2] in (THEOPHORIC, normalize_key("آل")):
            self.by_name.setdefault(" ".join(parts[-2:]), key)  # عبد الغفار، آل خليفة
        elif parts[-1] not in NAME_PARTICLES:
            self.by_name.setdefault(parts[-1], key)
        if title:
            self.by_title[title_key(title)] = key
            self.titles[key] = title
        if gloss:
            self.glosses.setdefault(key, gloss)

    def resolve(self, parts: Sequence[str]) -> str | None:
        return self.by_name.get(" ".join(parts)) or (
            self.by_name.get(parts[-1]) if len(parts) == 1 else None
        )


def title_key(title: str) -> str:
    words = [normalize_key(w) for w in title.split()]
    if words and words[0][:1] in CONJUNCTIONS and words[0][1:] in TITLE_HEADS | OFFICE_HEADS:
        words[0] = words[0][1:]
    return " ".join(words)


@dataclass
class NameContext:
    """One sentence as the name rules see it."""

    text: str
    words: Sequence[Word]
    types: Sequence[str | None]  # lexicon entity type per word
    lengths: Sequence[int]  # length of the lexicon's typed span starting at each word
    clues: Sequence[Clue]
    claimed: list[bool]

    def __len__(self) -> int:
        return len(self.words)


# ------------------------------------------------------------------------------- titles


def _form_in(w: Word, names: frozenset[str]) -> str | None:
    """The word (or the word without و/ف and a preposition) when it is in ``names``."""
    return next((b for b in w.bare if b in names), None)


def _is_head(w: Word) -> bool:
    return _form_in(w, OFFICE_HEADS | HONORIFICS | TITLE_HEADS) is not None


# Indefinite words of an office in construct: وزير خارجية إيران، رئيس مجلس، لشؤون الطاقة.
_CONSTRUCT = frozenset(
    w
    for w in TITLE_MODIFIERS | ORGANISATION_HEADS | normalized_set("شؤون", "إدارة", "عهد", "أمن")
    if not w.startswith("ال")
)


def _construct(w: Word) -> bool:
    """An indefinite word of an office that needs a complement (خارجية، مجلس، شؤون)."""
    return _form_in(w, _CONSTRUCT) is not None and not w.key.startswith("ال")


def _delimited_end(ctx: NameContext, j: int) -> int | None:
    """ل"موانئ دبي": a quoted name inside a title, from its opening mark to after the closing."""
    if ctx.words[j].token.surface not in _QUOTES:
        return None
    for k in range(j + 1, min(j + 6, len(ctx))):
        if ctx.words[k].token.surface in _QUOTES:
            return k + 1 if k > j + 1 else None
    return None


def title_span(ctx: NameContext, i: int) -> int | None:
    """End of a title starting at ``words[i]``: honorifics and office heads with their
    complements (definite words, ل/و + a definite or construct word, places and
    organisations in construct, a quoted organisation), or None when no title starts here."""
    words = ctx.words
    if not _is_head(words[i]):
        return None
    j = i + 1
    needs = _needs_complement(words[i])
    while j < len(ctx) and j - i < _MAX_TITLE_WORDS:
        step = _title_step(ctx, j, needs)
        if step is None:
            break
        j, needs = step
    return j


def _needs_complement(w: Word) -> bool:
    """وزير، رئيس، نائب need a complement; الرئيس، نظيره، الملك do not."""
    form = _form_in(w, OFFICE_HEADS | HONORIFICS | TITLE_HEADS) or w.key
    return not form.startswith("ال") and form not in COUNTERPART and form not in HONORIFICS


def _title_step(ctx: NameContext, j: int, needs: bool) -> tuple[int, bool] | None:
    """One step of a title from ``words[j]``: (next index, needs a complement) or None."""
    words, clues, types = ctx.words, ctx.clues, ctx.types
    w, c = words[j], clues[j]
    surface = w.token.surface
    if types[j] == "PERSON":
        return None
    if types[j] in PLACE_OR_ORG and (needs or words[j - 1].key in OF_ORGANISATION):
        return j + max(ctx.lengths[j], 1), False  # وزير خارجية إيران، المتحدث باسم الكرملين
    if surface in {"ل", "لـ"} and j + 1 < len(ctx):
        end = _delimited_end(ctx, j + 1)
        return (end, False) if end else None
    if needs:
        end = _delimited_end(ctx, j)
        if end:
            return end, False
    if _form_in(w, OFFICE_TAILS) and not c.conj:
        return j + 1, False  # العام، التنفيذي، بالإنابة
    if w.key in OF_ORGANISATION:
        return j + 1, True  # المتحدث باسم، المندوب لدى
    if c.function:
        return None
    if _is_head(w) and not c.conj and not c.prep:
        if _needs_complement(w) and j + 1 < len(ctx) and clues[j + 1].link:
            return None  # سلطان بن سليم: a name, not another office
        if _bare_office(ctx, j - 1) and not _form_in(w, HONORIFICS | MONARCHS):
            return None  # استقبل الرئيس وزير الخارجية: the object, not one more office
        return j + 1, _needs_complement(w)  # ولي العهد رئيس مجلس الوزراء الأمير
    if c.article and not c.conj and not (c.prep and not w.key.startswith("لل")):
        if _form_in(words[j - 1], MONARCHS) and not (c.nisba or c.office or c.honorific):
            return None  # الأمير الحسين، الملك الحسن: the name, not a complement
        return j + 1, False  # الخارجية، الإيراني، للشؤون
    if (c.conj or c.prep) and not _is_head(w):
        if c.article or _construct(w):
            return j + 1, not c.article  # وشؤون المغتربين، والسياسة، لشؤون الطاقة، لجامعة
        if c.prep and needs is False and c.place:
            return j + 1, False  # لقطر (للطاقة)
        return None
    if _construct(w):
        return j + 1, True  # خارجية، وزراء، مجلس، هيئة
    if needs and c.place:
        return j + 1, False  # رئيس وزراء إثيوبيا، رئيس أرض …
    if needs and (c.strong or c.weak) and not c.given:
        # مجلس إدارة سينوبك: a needed complement that looks like a name is the body's name.
        return j + 1, False
    return None


def _bare_office(ctx: NameContext, k: int) -> bool:
    """الرئيس، الوزير alone: an office with neither complement nor honorific before it."""
    w = ctx.words[k]
    if not w.key.startswith("ال") and not ctx.clues[k].conj:
        return False
    if _form_in(w, HONORIFICS | MONARCHS):
        return False
    return k == 0 or not _is_head(ctx.words[k - 1])


def title_end_at(words: Sequence[Word], i: int, types: Sequence[str | None]) -> int | None:
    """End of a title starting at ``words[i]`` (kept for the quotation rules), or None."""
    ctx = NameContext("", words, types, [0] * len(words), word_clues(words, types, None), [])
    return title_span(ctx, i)


# ---------------------------------------------------------------------------------- names


def _name_run(
    ctx: NameContext, i: int, after_title: bool, monarch: bool = False
) -> tuple[int, int]:
    """(start, end) of the name starting at ``words[i]``; start == end when there is none.

    After a title the first word may be a plain word (شي جين بينغ) or even one the lexicon
    reads as a verb (وانج يي) when a known name follows; elsewhere a name starts at its first
    word with evidence.
    """
    words, clues = ctx.words, ctx.clues
    j = i
    named: list[int] = []  # words with evidence of being a name
    family = False  # a family name with the article has come: only more family names follow
    families = 0
    while j < len(ctx) and j - i < _MAX_NAME_WORDS and not _claimed(ctx, j):
        c = clues[j]
        if (c.conj or c.prep) and (j > i or after_title):
            break
        if family and not (c.article or c.link or c.known_name):
            break  # عبد الفتاح البرهان زار: the verb after the family name is no name
        if words[j].stem in TIME_OF_DAY and j + 1 < len(ctx) and _day_word(words[j + 1]):
            break  # وصل الرئيس صباح اليوم: a time, not Sabah
        if c.office and not c.article and j + 1 < len(ctx) and clues[j + 1].link:
            named.append(j)  # سلطان بن سليم، أمير بن …: an office word as a given name
            j += 1
            continue
        if c.function and (j - 1) in named and _given_not_particle(ctx, j):
            named.append(j)  # عبد الله علي عبد الله: علي, not the preposition على
            j += 1
            continue
        elif c.function or ((c.office or c.honorific or c.org_head) and not c.article):
            break
        if c.link:
            if j + 1 < len(ctx) and _after_link_ok(ctx, j + 1):
                named += [j, j + 1]
                j += 2
                continue
            break
        if c.article:
            if j == i and monarch and _monarch_name(ctx, j):
                named.append(j)  # الأمير الحسين بن عبد الله
                j += 1
                continue
            ok = families < _MAX_FAMILY_NAMES and j > i
            ok = ok and _article_part_ok(ctx, j, monarch, named, after_title and j == i + 1)
            if not ok and not (after_title and _nisba_family(ctx, j, i, named)):
                break
            named += [j - 1, j]  # the article word confirms the word before it too
            if words[j].stem not in COMPOUND_TAILS:
                family = True
                families += 1
            j += 1
            if monarch and words[j - 1].stem in REGNAL_NUMBERS:
                break  # الملك عبد الله الثاني
            continue
        if c.strong:
            named.append(j)
        elif _implausible_first(ctx, j, i, after_title):
            pass
        elif len(named) >= 2 and not c.nisba_shaped and not clues[j - 1].given:
            # "إيمانويل ماكرون اتفاقية سلام": a plain word after a whole name ends it, unless
            # it follows an Arabic given name, as a family name does ("محمد حسن رعد").
            break
        elif not (c.weak or c.nisba_shaped) or (j > i and words[j].token.pos == "verb"):
            break  # a verb inside a run ends the name: … البرهان زار
        j += 1
    if not named:
        return i, i
    last = max(named)
    end = last + 1
    trailing = end < len(ctx) and end <= j and not _claimed(ctx, end)
    if trailing and ctx.types[last] != "PERSON" and _trailing_surname(ctx, end, named):
        end += 1
    start = i if after_title else min(named)
    if after_title and last - i > 2 and not any(k in named for k in range(i, i + 2)):
        return i, i  # a long run of plain words is a phrase, not a name with a known end
    return start, end


def _day_word(w: Word) -> bool:
    return w.stem in DAY_WORDS or w.stem in WEEKDAYS or w.stem in NUMERIC_WORDS


def _monarch_name(ctx: NameContext, j: int) -> bool:
    """After الأمير/الملك a name may have the article: الحسين بن …، الحسن الثاني، الوليد."""
    c = ctx.clues[j]
    if c.nisba or c.office or c.honorific or c.inflected or c.function or c.conj or c.prep:
        return False
    nxt = ctx.clues[j + 1] if j + 1 < len(ctx) else None
    regnal = j + 1 < len(ctx) and ctx.words[j + 1].stem in REGNAL_NUMBERS
    return c.known_name or bool(ctx.words[j].proper) or (nxt is not None and nxt.link) or regnal


def _nisba_family(ctx: NameContext, j: int, i: int, named: Sequence[int]) -> bool:
    """محمد شياع السوداني: a country adjective is a family name after two name words (one
    name word and an adjective is the man's nationality: محمد المصري)."""
    c, prev = ctx.clues[j], ctx.clues[j - 1]
    if not c.nisba or c.conj or c.prep or j - i < 2:
        return False
    if (j - 1) not in named and not (prev.weak or prev.strong or prev.nisba_shaped):
        return False
    nxt = ctx.clues[j + 1] if j + 1 < len(ctx) else None
    return nxt is None or not (nxt.article and not nxt.function)


def _given_not_particle(ctx: NameContext, j: int) -> bool:
    """A given name spelled like a function word (علي / على) between two name words."""
    w = ctx.words[j]
    if w.clitic or w.key not in GIVEN_NAMES or j + 1 >= len(ctx):
        return False
    nxt = ctx.clues[j + 1]
    surname = nxt.article and _plausible_surname(nxt)  # محمد علي الحداد
    return (nxt.strong or nxt.link or surname) and not (nxt.conj or nxt.prep)


def _claimed(ctx: NameContext, j: int) -> bool:
    return bool(ctx.claimed) and ctx.claimed[j]


def _implausible_first(ctx: NameContext, j: int, i: int, after_title: bool) -> bool:
    """ونظيره الصيني وانج يي: right after a title, a word read as a verb or an inflected
    noun is a name too when a word the lexicon knows as a name follows."""
    c = ctx.clues[j]
    return (
        after_title
        and j == i
        and not (c.article or c.function or c.office or c.place)
        and j + 1 < len(ctx)
        and ctx.clues[j + 1].known_name
        and not ctx.clues[j + 1].article
    )


def _after_link_ok(ctx: NameContext, k: int) -> bool:
    """The word after بن/أبو/آل/عبد: a name word, or an article name (عبد العزيز، أبو الغيط)."""
    c = ctx.clues[k]
    if c.function and not c.clitic_free_given:
        return False
    if c.conj or c.prep or c.office or c.honorific:
        return False
    if c.clitic_free_given:
        return True  # بن علي: the name, not the preposition على
    return c.strong or c.weak or c.nisba_shaped or (c.article and not c.inflected)


def _article_part_ok(
    ctx: NameContext, j: int, monarch: bool, named: Sequence[int], first_after_title: bool
) -> bool:
    """An article word inside a name: الله, الدين after a name word (نصر الله، زين
    العابدين), a regnal number after a monarch's name, or a family name (الأسد، الصفدي،
    الصباح) after a given name, a known name or a particle — never a country adjective, a
    title word or an inflected word. Right after a title, a plain first name may take a
    family name the lexicon does not know (… سارة الزعفراني)."""
    words, clues = ctx.words, ctx.clues
    w, c = words[j], clues[j]
    prev, pc = words[j - 1], clues[j - 1]
    if w.stem in COMPOUND_TAILS:
        return pc.strong or pc.weak or pc.link or (j - 1) in named
    if monarch and w.stem in REGNAL_NUMBERS:
        return True
    if c.nisba or c.inflected or c.office or c.org_head or c.descriptor or c.function:
        return False
    if c.prep or c.conj or w.stem in OFFICE_TAILS:
        return False
    # Arabic family names with the article follow Arabic names, not foreign ones: بيدرو
    # سانشيز الوفد ends at سانشيز.
    foreign = prev.token.source == "backoff" or ctx.types[j - 1] == "PERSON"
    after_name = (pc.strong and not foreign) or pc.link or pc.given or (j - 1) in named
    if not after_name:
        unknown = c.known_name or (c.nisba_shaped and w.token.pos != "adj")
        return first_after_title and (pc.weak or pc.nisba_shaped) and unknown
    nxt = clues[j + 1] if j + 1 < len(ctx) else None
    continues = nxt is not None and (nxt.link or (nxt.article and _plausible_surname(nxt)))
    return (
        c.nisba_shaped
        or c.known_name
        or pc.given
        or pc.link
        or prev.stem in COMPOUND_TAILS  # عبد الله الصباح
        or (pc.article and (j - 1) in named)  # عبد الله السالم الصباح
        or prev.stem == THEOPHORIC
        or continues
    )


def _plausible_surname(c: Clue) -> bool:
    return not (c.nisba or c.inflected or c.office or c.org_head or c.function or c.conj)


def _trailing_surname(ctx: NameContext, j: int, named: Sequence[int]) -> bool:
    """One plain word after the last known name word is its surname (محمد جواد ظريف، سامح
    شكري) unless it looks like a common noun in a phrase (ending in ة, before an adjective).
    After two name words even a word the lexicon reads as inflected is (عثمان إدريس جاما)."""
    w, c = ctx.words[j], ctx.clues[j]
    arabic = [k for k in set(named) if ctx.words[k].token.source != "backoff"]
    after_two = (
        len(arabic) >= 2
        and len(set(named)) == len(arabic)  # a foreign name takes no inflected surname
        and not (c.article or c.conj or c.prep or c.function)
        and not (w.key[:1] in "وف" and not normalize_key(w.token.lemma).startswith(w.key[:1]))
    )
    plain = c.weak or (c.nisba_shaped and not c.article) or (after_two and c.inflected)
    if not plain or w.token.pos not in {
        "noun",
        "adj",
        "noun_prop",
    }:
        return False
    if w.key.endswith("ه") and not (c.nisba_shaped or after_two):
        return False
    nxt = ctx.clues[j + 1] if j + 1 < len(ctx) else None
    return not (nxt is not None and nxt.article and not nxt.office and not nxt.function)


# -------------------------------------------------------------------------------- persons


def name_parts(words: Sequence[Word], i: int, j: int) -> list[str]:
    # Only the first word may carry a clitic (وبوتين، ببيزشكيان).
    return [words[i].stem, *(w.key for w in words[i + 1 : j])]


def find_people(ctx: NameContext, people: People) -> list[tuple[int, int, Entity]]:
    """PERSON spans of one sentence: titled names, names in apposition, runs of name words."""
    found: list[tuple[int, int, Entity]] = []
    i = 0
    while i < len(ctx):
        if _claimed(ctx, i):
            i += 1
            continue
        hit = _titled_person(ctx, i, people) or _appositive_person(ctx, i, people)
        hit = hit or _plain_person(ctx, i, people) or _mention(ctx, i, people)
        if hit:
            found.append(hit)
            ctx.claimed[hit[0] : hit[1]] = [True] * (hit[1] - hit[0])
            i = hit[1]
        else:
            i += 1
    return found


def _titled_person(ctx: NameContext, i: int, people: People) -> tuple[int, int, Entity] | None:
    title_end = title_span(ctx, i)
    if title_end is None:
        return None
    monarch = any(_form_in(ctx.words[k], MONARCHS) for k in range(i, title_end))
    start = title_end
    if start < len(ctx) and ctx.words[start].token.surface in _COMMA:
        start += 1  # قال وزير الخارجية الأميركي، أنتوني بلينكن، إن …
    s, e = _name_run(ctx, start, after_title=True, monarch=monarch)
    if s == e:
        return None
    if start > title_end and not any(ctx.clues[k].strong for k in range(s, e)):
        return None
    title = _clean_title(ctx, i, title_end, people)
    return _person(ctx, s, e, people, title)


def _appositive_person(ctx: NameContext, i: int, people: People) -> tuple[int, int, Entity] | None:
    """سامح شكري وزير الخارجية المصري / باسل رحمي، الرئيس التنفيذي لـ…: the title after."""
    if not (ctx.clues[i].strong or ctx.clues[i].link):
        return None
    s, e = _name_run(ctx, i, after_title=False)
    if s != i or e == s:
        return None
    if e - s == 1 and not (ctx.clues[s].known_name and not ctx.clues[s].conj):
        return None  # one word of weak evidence is not a name before a title (وأكد الرئيس)
    k = e + 1 if e < len(ctx) and ctx.words[e].token.surface in _COMMA else e
    if k >= len(ctx) or not _is_head(ctx.words[k]) or ctx.clues[k].conj or ctx.clues[k].prep:
        return None
    head = ctx.words[k]
    if _form_in(head, HONORIFICS | COUNTERPART) and not _form_in(head, OFFICE_HEADS - COUNTERPART):
        return None  # ونظيره is another person; الدكتور starts the next name
    title_end = title_span(ctx, k)
    if title_end is None or (title_end == k + 1 and _needs_complement(ctx.words[k])):
        return None
    return _person(ctx, s, e, people, _clean_title(ctx, k, title_end, people))


def _plain_person(ctx: NameContext, i: int, people: People) -> tuple[int, int, Entity] | None:
    """A run of name words without a title: the lexicon's typed person, or two or more words
    of evidence (محمد حسن رعد، وفيق صفا is not enough), or a particle (زين العابدين بن علي)."""
    c = ctx.clues[i]
    compound = i + 1 < len(ctx) and ctx.words[i + 1].stem in COMPOUND_TAILS
    if not (c.strong or c.link or (compound and c.weak)) or c.article:
        return None
    if i > 0 and ctx.clues[i - 1].org_head and not ctx.clues[i - 1].article:
        return None  # شركة توتال إنرجيز: the company's name
    s, e = _name_run(ctx, i, after_title=False)
    if s != i or e == s or _quoted(ctx, s, e):
        return None
    evidence = sum(1 for k in range(s, e) if ctx.clues[k].strong or ctx.clues[k].link)
    evidence += sum(1 for k in range(s, e) if ctx.words[k].stem in COMPOUND_TAILS)
    typed = any(ctx.types[k] == "PERSON" for k in range(s, e))
    known = people.resolve(name_parts(ctx.words, s, e)) is not None
    if not (typed or known or (e - s >= 2 and evidence >= 2 and _two_names(ctx, s, e))):
        return None
    return _person(ctx, s, e, people, None)


def _quoted(ctx: NameContext, s: int, e: int) -> bool:
    """معاهدة "نيو ستارت": words in quotation marks name a thing, not a person."""
    before = ctx.words[s - 1].token.surface if s > 0 else ""
    after = ctx.words[e].token.surface if e < len(ctx) else ""
    return before in _QUOTES and after in _QUOTES


def _two_names(ctx: NameContext, s: int, e: int) -> bool:
    """Two words of evidence that are not just two common words with a name reading: one of
    them must be a given name, a particle, or a word the lexicon knows only as a name."""
    return any(
        ctx.clues[k].given
        or ctx.clues[k].link
        or ctx.clues[k].known_name
        or ctx.words[k].stem in COMPOUND_TAILS
        for k in range(s, e)
    )


def _person(
    ctx: NameContext, i: int, j: int, people: People, title: str | None, first: str | None = None
) -> tuple[int, int, Entity]:
    words = ctx.words
    parts = name_parts(words, i, j)
    if first is not None:
        parts[0] = first  # ودراجي: the conjunction the tagger's lemma did not show
    key = people.resolve(parts) or " ".join(parts)
    people.add(key, parts, title, None)
    people.last = (words[i].token.sentence, key)
    start = start_after_clitic(words[i])
    if first is not None and first != words[i].stem:
        start = words[i].token.start + letters_to_chars(
            words[i].token.surface, len(words[i].key) - len(first)
        )
    end = words[j - 1].token.end
    entity = Entity(
        "PERSON",
        ctx.text[start:end],
        start,
        end,
        words[i].token.sentence,
        key=key,
        title=title or people.titles.get(key),
    )
    return i, j, entity


def _clean_title(ctx: NameContext, i: int, j: int, people: People) -> str:
    first = ctx.words[i]
    head = next(b for b in first.bare if b in OFFICE_HEADS | HONORIFICS | TITLE_HEADS)
    clitic = len(first.key) - len(head)  # ونظيره: the conjunction is not part of the title
    start = first.token.start + letters_to_chars(first.token.surface, clitic)
    title = ctx.text[start : ctx.words[j - 1].token.end]
    if head in COUNTERPART and people.last and people.last[0] == first.token.sentence:
        # "الرئيس الروسي فلاديمير بوتين ونظيره الإيراني": the counterpart of the person just
        # named in this sentence holds the same office, for another country.
        office = people.titles.get(people.last[1], "").split()
        rest = title.split()[1:]
        if office and rest:
            return _counterpart_title(office, rest)
    return title


def _counterpart_title(previous: list[str], rest: list[str]) -> str:
    """ "وزير الخارجية المغربي" + "نظيره الإسباني" -> "وزير الخارجية الإسباني"."""
    nationality = [k for k, word in enumerate(previous) if NAT_ADJ_RE.match(normalize_key(word))]
    if nationality and all(NAT_ADJ_RE.match(normalize_key(word)) for word in rest):
        k = nationality[-1]  # نظيره الكوري الجنوبي: every adjective of the other country
        return " ".join([*previous[:k], *rest, *previous[k + 1 :]])
    return " ".join([previous[0], *rest])


# ------------------------------------------------------------------------------- mentions


def find_mentions(ctx: NameContext, people: People) -> list[tuple[int, int, Entity]]:
    """Later (or earlier) mentions of people the text introduced: a surname (وقال ظريف),
    a particle and surname (بن سلمان), or the full name, on words no rule has claimed."""
    found = []
    i = 0
    while i < len(ctx):
        hit = None if _claimed(ctx, i) else _mention(ctx, i, people)
        if hit:
            found.append(hit)
            ctx.claimed[hit[0] : hit[1]] = [True] * (hit[1] - hit[0])
            i = hit[1]
        else:
            i += 1
    return found


def _mention(ctx: NameContext, i: int, people: People) -> tuple[int, int, Entity] | None:
    c = ctx.clues[i]
    if c.function or c.office or c.honorific:
        return None
    if c.inflected and not (c.strong or c.nisba_shaped) and not _written_surname(ctx, i, people):
        return None  # شكري ("my thanks") is the surname the text introduced; اتفاقا is not
    for size in (3, 2, 1):
        j = i + size
        if j > len(ctx) or any(_claimed(ctx, k) for k in range(i, j)):
            continue
        if any(ctx.clues[k].conj or ctx.clues[k].prep for k in range(i + 1, j)):
            continue
        rest = [w.key for w in ctx.words[i + 1 : j]]
        for first in dict.fromkeys((ctx.words[i].stem, *ctx.words[i].bare)):
            key = people.by_name.get(" ".join([first, *rest]))
            if key is not None:
                return _person(ctx, i, j, people, None, first)
    return None


def _written_surname(ctx: NameContext, i: int, people: People) -> bool:
    """ "ودراجي" after "ماريو دراجي": a conjunction and, letter for letter, a name the text
    introduced — whatever a word analysis made of it ("and my francolin")."""
    w = ctx.words[i]
    rest = w.key[1:] if w.key[:1] in CONJUNCTIONS else ""
    return len(rest) >= _MIN_SURNAME and rest in people.by_name


_MIN_SURNAME = 4


def find_typed(ctx: NameContext) -> list[tuple[int, int, Entity]]:
    """LOCATION and ORGANIZATION spans from the lexicon's typed (multiword) names."""
    found = []
    i = 0
    while i < len(ctx):
        kind = ctx.types[i]
        if kind in PLACE_OR_ORG and not _claimed(ctx, i) and ctx.lengths[i]:
            j = i + ctx.lengths[i]
            found.append((i, j, typed_entity(ctx, i, j, kind)))
            ctx.claimed[i:j] = [True] * (j - i)
            i = j
        else:
            i += 1
    return found


def typed_entity(ctx: NameContext, i: int, j: int, kind: str, gloss: str | None = None) -> Entity:
    words = ctx.words
    start = start_after_clitic(words[i])
    end = words[j - 1].token.end
    return Entity(
        kind,
        ctx.text[start:end],
        start,
        end,
        words[i].token.sentence,
        key=" ".join(name_parts(words, i, j)),
        gloss=gloss,
    )
