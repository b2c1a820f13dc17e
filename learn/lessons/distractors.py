"""Wrong answers of the same kind as the right one.

Order of sources: the article itself, then the optional ``pool`` (facts and words from the
app's other articles, passed by the web layer), then small curated lists in
``learn/lessons/data/fallbacks.tsv``. Every candidate is a real name, phrase, number or gloss,
never a made-up string, and is checked to differ from the answer and from the other choices.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from learn.lessons.text import bare, gloss_words
from learn.nlp.entities.gazetteer import cldr_countries

# ---------------------------------------------------------------------------------------------
# Pool of candidates from other articles


@dataclass(frozen=True, slots=True)
class GlossItem:
    lemma: str
    pos: str
    gloss: str  # first sense, English
    domain: str = "general"
    root: str | None = None


@dataclass(slots=True)
class DistractorPool:
    """Candidate wrong answers gathered from other articles (or any source the caller trusts)."""

    persons: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)  # what agreements cover / parties agree on
    words: list[GlossItem] = field(default_factory=list)

    def names(self, etype: str) -> list[str]:
        return {
            "PERSON": self.persons,
            "ORGANIZATION": self.organizations,
            "LOCATION": self.locations,
        }.get(etype, [])

    def to_dict(self) -> dict[str, Any]:
        return {
            "persons": list(self.persons),
            "organizations": list(self.organizations),
            "locations": list(self.locations),
            "areas": list(self.areas),
            "words": [
                {
                    "lemma": w.lemma,
                    "pos": w.pos,
                    "gloss": w.gloss,
                    "domain": w.domain,
                    "root": w.root,
                }
                for w in self.words
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DistractorPool:
        return cls(
            persons=list(data.get("persons", [])),
            organizations=list(data.get("organizations", [])),
            locations=list(data.get("locations", [])),
            areas=list(data.get("areas", [])),
            words=[GlossItem(**w) for w in data.get("words", [])],
        )

    @classmethod
    def from_lessons(cls, lessons: Iterable[Any]) -> DistractorPool:
        """Build a pool from other articles' stored lessons (``Lesson`` objects or their dicts)."""
        pool = cls()
        for lesson in lessons:
            data = lesson if isinstance(lesson, dict) else lesson.to_dict()
            for p in data.get("people_places", []):
                target = pool.names(p.get("type", ""))
                if p.get("name") and p["name"] not in target:
                    target.append(p["name"])
            for v in data.get("vocab", []):
                first = re.split(r"\s*;\s*", v.get("gloss") or "")[0]
                if first:
                    pool.words.append(
                        GlossItem(
                            v["lemma"],
                            v.get("pos", ""),
                            first,
                            v.get("domain", "general"),
                            v.get("root"),
                        )
                    )
            for q in data.get("questions", []):
                if q.get("type") == "what" and q.get("answer") not in pool.areas:
                    pool.areas.append(q["answer"])
        return pool


# ---------------------------------------------------------------------------------------------
# Curated fallbacks


@dataclass(frozen=True, slots=True)
class Fallbacks:
    persons: tuple[str, ...]
    organizations: tuple[str, ...]
    locations: tuple[str, ...]
    areas: tuple[str, ...]
    words: tuple[GlossItem, ...]
    venues: tuple[str, ...] = ()  # buildings and sites where agreements are signed
    roles: tuple[str, ...] = ()  # offices that speak for a government or a body

    def names(self, etype: str) -> tuple[str, ...]:
        return {
            "PERSON": self.persons,
            "ORGANIZATION": self.organizations,
            "LOCATION": self.locations,
        }.get(etype, ())


@lru_cache(maxsize=1)
def fallbacks() -> Fallbacks:
    """Read data/fallbacks.tsv: ``kind<TAB>value[<TAB>pos<TAB>gloss<TAB>domain<TAB>root]``."""
    text = resources.files("learn.lessons").joinpath("data", "fallbacks.tsv").read_text("utf-8")
    lists: dict[str, list[str]] = {
        "person": [],
        "organization": [],
        "location": [],
        "area": [],
        "venue": [],
        "role": [],
    }
    words: list[GlossItem] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if parts[0] == "word":
            lemma, pos, gloss, domain, root = (parts[1:] + [""] * 5)[:5]
            words.append(GlossItem(lemma, pos, gloss, domain or "general", root or None))
        elif parts[0] in lists:
            lists[parts[0]].append(parts[1])
    return Fallbacks(
        tuple(lists["person"]),
        tuple(lists["organization"]),
        tuple(lists["location"]),
        tuple(lists["area"]),
        tuple(words),
        tuple(lists["venue"]),
        tuple(lists["role"]),
    )


@lru_cache(maxsize=1)
def city_countries() -> dict[str, set[str]]:
    """bare(place) -> bare names of places it is in or contains (data/places.tsv)."""
    text = resources.files("learn.lessons").joinpath("data", "places.tsv").read_text("utf-8")
    links: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        city, country = (bare(x) for x in line.split("\t")[:2])
        links.setdefault(city, set()).add(country)
        links.setdefault(country, set()).add(city)
    return links


def places_linked(a: str, b: str) -> bool:
    """Is one of the two places inside the other (a city of that country)?"""
    return bare(b) in city_countries().get(bare(a), set())


@lru_cache(maxsize=1)
def lexicon_words() -> tuple[GlossItem, ...]:
    """Content words of the engine's overlay lexicon (modern news words), one per lemma."""
    from learn.nlp.lexicon import Lexicon  # no camel-tools import: safe and cheap

    seen: dict[tuple[str, str], GlossItem] = {}
    for entry in Lexicon.load().entries:
        if entry.entity or entry.pos not in {"noun", "verb", "adj"} or not entry.gloss:
            continue
        first = re.split(r"\s*;\s*", entry.gloss)[0]
        seen.setdefault((entry.lemma, entry.pos), GlossItem(entry.lemma, entry.pos, first))
    return tuple(seen.values())


# ---------------------------------------------------------------------------------------------
# Picking


def name_tokens(text: str) -> set[str]:
    """Bare words of a name, without the article, for "is this the same name?" checks."""
    out = set()
    for w in bare(text).split():
        w = w[2:] if w.startswith("ال") and len(w) > 4 else w
        if len(w) >= 3:
            out.add(w)
    return out


def overlaps(a: str, b: str) -> bool:
    """Two Arabic names or phrases share a content word (e.g. "بوتين" and "فلاديمير بوتين")."""
    return not name_tokens(a).isdisjoint(name_tokens(b))


def pick(
    answer: str,
    candidates: Iterable[str],
    n: int = 3,
    banned: Sequence[str] = (),
    same: Any = None,
) -> list[str]:
    """The first ``n`` candidates that are real, differ from the answer, each other and ``banned``.

    ``same(a, b)`` decides when two strings name the same thing (default: shared content word).
    """
    same = same or overlaps
    chosen: list[str] = []
    if n <= 0:
        return chosen
    for cand in candidates:
        cand = cand.strip()
        if not cand or not re.search(r"[\u0621-\u064aA-Za-z0-9]", cand):
            continue
        if same(cand, answer) or any(same(cand, c) for c in chosen):
            continue
        if any(same(cand, b) for b in banned):
            continue
        chosen.append(cand)
        if len(chosen) == n:
            break
    return chosen


def different_gloss(a: str, b: str) -> bool:
    """English glosses that do not share a content word, and so cannot both be right."""
    wa, wb = gloss_words(a), gloss_words(b)
    return bool(wa) and bool(wb) and wa.isdisjoint(wb) and a.lower() != b.lower()


# ---------------------------------------------------------------------------------------------
# Durations, numbers and dates: rendered in Arabic consistently for every choice

_UNITS = {
    # unit: (singular, dual, plural 3-10, accusative singular 11-99, feminine?)
    "year": ("عام", "عامان", "أعوام", "عامًا", False),
    "month": ("شهر", "شهران", "أشهر", "شهرًا", False),
    "week": ("أسبوع", "أسبوعان", "أسابيع", "أسبوعًا", False),
    "day": ("يوم", "يومان", "أيام", "يومًا", False),
    "hour": ("ساعة", "ساعتان", "ساعات", "ساعة", True),
    "minute": ("دقيقة", "دقيقتان", "دقائق", "دقيقة", True),
    "decade": ("عقد", "عقدان", "عقود", "عقدًا", False),
}


def parse_duration_key(key: str) -> tuple[int, str] | None:
    m = re.fullmatch(r"\s*(\d+)\s+([a-z]+?)s?\s*", key or "")
    if not m or m.group(2) not in _UNITS:
        return None
    return int(m.group(1)), m.group(2)


# "سنة" rather than "عام": the choices use the word the article uses.
_SANA = ("سنة", "سنتان", "سنوات", "سنة", True)


def uses_sana(text: str) -> bool:
    return any(w in bare(text) for w in ("سنه", "سنوات", "سنين", "سنتين", "سنتان"))


def format_duration(count: int, unit: str, sana: bool = False) -> str:
    """Arabic counted-noun agreement: عام واحد، عامان، 3 أعوام، 20 عامًا، 100 عام."""
    sing, dual, plural, acc, fem = _SANA if sana and unit == "year" else _UNITS[unit]
    if count == 1:
        return f"{sing} {'واحدة' if fem else 'واحد'}"
    if count == 2:
        return dual
    if 3 <= count <= 10:
        return f"{count} {plural}"
    if 11 <= count <= 99:
        return f"{count} {acc}"
    return f"{count} {sing}"


def duration_en(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


_LADDER = (1, 2, 3, 5, 7, 10, 15, 20, 25, 30, 40, 50, 60, 99, 100)


def nearby_counts(n: int, k: int = 6) -> list[int]:
    """Plausible other counts, closest first (deterministic)."""
    cands = sorted({c for c in (*_LADDER, n * 2, max(1, n // 2)) if c != n and c > 0})
    return sorted(cands, key=lambda c: (abs(c - n) / max(n, 1), c))[:k]


def nearby_numbers(n: float) -> list[float]:
    """Wrong numbers of the same magnitude: half, double, a quarter more or less, tenfold."""
    step = max(1, round(abs(n) * 0.25))
    cands = [n * 2, n / 2, n + step, n - step, n * 10, n + 2 * step]
    out = []
    for c in cands:
        c = round(c) if float(n).is_integer() else round(c, 1)
        if c > 0 and c != n and c not in out:
            out.append(c)
    return out


# Thousand, million, billion: plural after 3-10, singular otherwise ("5 ملايين", "20 مليون").
_SCALES = (("ألف", "آلاف"), ("مليون", "ملايين"), ("مليار", "مليارات"))


def scale_word(scale: str, count: float) -> str:
    for singular, plural in _SCALES:
        if bare(scale) in {bare(singular), bare(plural)}:
            return plural if 3 <= count <= 10 and float(count).is_integer() else singular
    return scale


def format_number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


WEEKDAYS = ("الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت")
MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip
MONTHS_LEVANT = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)  # fmt: skip
RELATIVE_DATES = ("العام الماضي", "الشهر الماضي", "الأسبوع الماضي", "العام المقبل", "الشهر المقبل")
# Days named from the report's own day; each has wrong answers of the same kind.
RELATIVE_DAYS = {
    "أول أمس": ("أمس", "الأسبوع الماضي", "اليوم"),
    "أمس": ("أول أمس", "اليوم", "الأسبوع الماضي"),
    "امس": ("أول أمس", "اليوم", "الأسبوع الماضي"),
    "اليوم": ("أمس", "أول أمس", "الأسبوع الماضي"),
    "غدًا": ("اليوم", "بعد غد", "الأسبوع المقبل"),
    "غدا": ("اليوم", "بعد غد", "الأسبوع المقبل"),
}
_YEAR_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def _find_word(text: str, word: str) -> int:
    m = re.search(rf"(?<![\u0621-\u064a]){re.escape(word)}(?![\u0621-\u064a])", text)
    if m:
        return m.start()
    # Allow the article or a conjunction glued to the word ("والجمعة", "الاثنين").
    return text.find(word)


def date_variants(answer: str) -> tuple[str, list[str]] | None:
    """(kind, wrong dates of the same shape) for a date phrase, or None if its shape is unknown.

    The wrong dates are the answer with its day, month or year replaced, so all choices look
    alike and only reading the article tells them apart.
    """
    bare_answer = bare(answer)
    years = _YEAR_RE.findall(answer)
    for names, kind in ((MONTHS, "month"), (MONTHS_LEVANT, "month")):
        for i, name in enumerate(names):
            if bare(name) in bare_answer:
                out = []
                for j in (i + 1, i - 1, i + 2, i + 4):
                    j %= 12
                    out.append(_replace_month(answer, i, j))
                return (kind if not years else "month_year"), [o for o in out if o != answer]
    if years:
        y = int(years[0])
        return "year", [answer.replace(years[0], str(y + d), 1) for d in (-1, 1, -2, 2)]
    for i, day in enumerate(WEEKDAYS):
        core = bare(day)[2:]  # without the article: "جمعه"
        if core in bare_answer:
            pos = _find_word(answer, day)
            if pos < 0:
                continue
            out = []
            for j in (i + 1, i - 1, i + 2, i + 3):
                other = WEEKDAYS[j % 7]
                out.append(answer[:pos] + other + answer[pos + len(day) :])
            return "weekday", out
    for day, wrong in RELATIVE_DAYS.items():
        if bare(day) == bare_answer:
            return "relative_day", list(wrong)
    for rel in RELATIVE_DATES:
        if bare(rel) in bare_answer:
            pos = bare_answer.index(bare(rel))
            if answer[pos : pos + len(rel)] == rel or bare(answer[pos : pos + len(rel)]) == bare(
                rel
            ):
                others = [r for r in RELATIVE_DATES if r != rel]
                return "relative", [answer[:pos] + o + answer[pos + len(rel) :] for o in others]
    return None


def _replace_month(answer: str, i: int, j: int) -> str:
    out = answer
    for names in (MONTHS, MONTHS_LEVANT):
        name = names[i]
        if name in out:
            out = out.replace(name, names[j], 1)
        elif bare(name) in bare(out):
            # Spelling differs only by hamza/alif folding: rebuild from the bare form.
            pos = bare(out).index(bare(name))
            out = out[:pos] + names[j] + out[pos + len(name) :]
    return out


# ---------------------------------------------------------------------------------------------
# Countries: CLDR's Arabic territory names (babel), so that a country's wrong answers are
# countries, never cities

# Countries often in Arabic news (ISO codes), named by CLDR: wrong answers when the article
# names too few countries of its own.
_NEWS_COUNTRIES = (
    "EG", "SA", "TR", "FR", "DE", "GB", "CN", "IN", "JP", "IR", "IQ", "QA", "AE", "MA", "DZ",
    "TN", "KW", "LB", "PK", "BR", "ES", "CA", "ID", "NG", "ZA", "KR",
)  # fmt: skip


@functools.cache
def _country_names() -> dict[str, str]:
    return cldr_countries()


@functools.cache
def _country_keys() -> frozenset[str]:
    return frozenset(bare(n) for n in _country_names().values())


def is_country(name: str) -> bool:
    """Is ``name`` a country's name as CLDR writes it in Arabic (hamza and vowels aside)?"""
    return bare(name) in _country_keys()


def news_countries() -> list[str]:
    names = _country_names()
    return [names[c] for c in _NEWS_COUNTRIES if c in names]


def is_nationality(adjective: str) -> bool:
    """A country's adjective ("الروسي", "الإيرانية", "السعودي"): its stem opens a word of a
    country's CLDR name — not any adjective in ـي ("التحضيري", "الثانية")."""
    return bool(_countries_of(adjective))


def countries_of_adjective(adjective: str) -> list[str]:
    """The CLDR names of the countries a nationality adjective may stand for: "الكوبية" ->
    كوبا (an answer "هافانا" after "العاصمة الكوبية" makes كوبا also right)."""
    return list(_countries_of(adjective))


@functools.lru_cache(maxsize=4096)
def _countries_of(adjective: str) -> tuple[str, ...]:
    stem = _nisba_stem(adjective)
    if stem is None:
        return ()
    return tuple(
        n
        for n in _country_names().values()
        if any(w.removeprefix("ال").startswith(stem) for w in bare(n).split())
    )


def _nisba_stem(adjective: str) -> str | None:
    stem = bare(adjective).removeprefix("ال")
    for ending in ("يه", "ي"):
        if stem.endswith(ending):
            stem = stem[: -len(ending)]
            break
    else:
        return None
    if stem in _SUPRANATIONAL:
        return None  # العربي: an Arab minister may be of any Arab country
    return stem if len(stem) >= 3 else None


# Adjectives of more than one country, though country names contain them (الإمارات العربية).
_SUPRANATIONAL = frozenset({"عرب", "اسلام", "متحد"})
