"""DATE, DURATION and NUMBER spans: digits (any script), number words, months, weekdays,
relative dates, time units. Keys are comparable: "2024-07-15", "20 year", "3500000000"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from learn.nlp.entities.wordlists import (
    DATE_WRAPPERS,
    DURATION_LEADS,
    MONTHS,
    NUMBER_RE,
    NUMBER_WORDS,
    NUMERIC_WORDS,
    PERCENT_WORDS,
    PERIOD_LEADS,
    PERIOD_SEPARATORS,
    RELATIVE_DATES,
    RELATIVE_DAYS,
    RELATIVE_WORDS,
    SCALE_WORDS,
    TIME_OF_DAY,
    TIME_UNITS,
    WEEKDAY_LEADS,
    WEEKDAYS,
    YEAR_PREPOSITIONS,
    YEAR_WORDS,
    normalized_set,
)
from learn.nlp.entities.words import Word, has_article, letters_to_chars, span_entity
from learn.nlp.morphology.arabic import normalize_key
from learn.nlp.types import Entity


def parse_number(words: Sequence[Word], i: int) -> tuple[float, int] | None:
    """A number starting at ``words[i]``: (value, words used) — digits or number words."""
    w = words[i]
    for form in w.bare:
        if NUMBER_RE.match(form):
            value = float(form.replace(",", "")) if form.count(",") else float(form)
            used = 1
            if i + 1 < len(words) and words[i + 1].key in SCALE_WORDS:
                value *= SCALE_WORDS[words[i + 1].key]
                used = 2
            return value, used
    for form in w.bare:
        if form in NUMBER_WORDS:
            value = NUMBER_WORDS[form]
            used = 1
            nxt = words[i + 1].key if i + 1 < len(words) else ""
            if value < 10 and nxt in {"عشر", "عشره"}:
                return value + 10, 2  # خمسة عشر
            if value < 10 and i + 1 < len(words):
                tens = NUMBER_WORDS.get(nxt[1:]) if nxt.startswith("و") else None
                if tens and 20 <= tens <= 90:
                    return value + tens, 2  # خمسة وعشرين
            return float(value), used
    return None


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def find_numeric(text: str, words: Sequence[Word]) -> list[tuple[int, int, Entity]]:
    """DATE, DURATION and NUMBER spans as (first word, end word, entity)."""
    found: list[tuple[int, int, Entity]] = []
    i = 0
    while i < len(words):
        hit = (
            _period_at(text, words, i)
            or _date_at(text, words, i)
            or _duration_at(text, words, i)
            or _number_at(text, words, i)
        )
        if hit:
            found.append(_without_clitic(text, words, *hit))
            i = hit[1]
        else:
            i += 1
    return found


def _without_clitic(
    text: str, words: Sequence[Word], i: int, j: int, entity: Entity
) -> tuple[int, int, Entity]:
    """وطوال عشرين عاما -> طوال عشرين عاما; ب300 ألف -> 300 ألف (the span as a fact)."""
    w = words[i]
    if w.key in NUMERIC_WORDS:
        return i, j, entity  # لمدة is one word here, not ل + مدة
    for n in (1, 2):
        prefix, form = w.key[:n], w.key[n:]
        if not all(ch in "وفبلك" for ch in prefix) or len(form) < 2:
            break
        if form in NUMERIC_WORDS or NUMBER_RE.match(form):
            start = w.token.start + letters_to_chars(w.token.surface, n)
            return i, j, replace(entity, text=text[start : entity.end], start=start)
    return i, j, entity


def _date_at(text: str, words: Sequence[Word], i: int) -> tuple[int, int, Entity] | None:
    w = words[i]
    day = _day_at(words, i)
    if day is not None:
        end, key = day
        return i, end, span_entity(text, words, i, end, "DATE", key=key)
    # [15] يوليو[/تموز] [2024]
    day_of_month = None
    j = i
    if w.key.isdecimal() and 1 <= int(w.key) <= 31 and _month_at(words, i + 1):
        day_of_month = int(w.key)
        j = i + 1
    month = _month_at(words, j)
    if month:
        value, end = month
        year = _year_at(words, end)
        if year:
            end = year[1]
        key = f"{year[0]:04d}-{value:02d}" if year else f"--{value:02d}"
        if day_of_month:
            key += f"-{day_of_month:02d}"
        return i, end, span_entity(text, words, i, end, "DATE", key=key)
    # عام 1991 / في عام 2013
    if any(b in YEAR_WORDS for b in w.bare):
        year = _year_at(words, i + 1)
        if year:
            return i, year[1], span_entity(text, words, i, year[1], "DATE", key=str(year[0]))
    # في 2022 / منذ 2014: a bare year after a time preposition
    if i and words[i - 1].bare[-1] in YEAR_PREPOSITIONS:
        year = _year_at(words, i)
        if year and 1800 <= year[0] <= 2200:
            return i, year[1], span_entity(text, words, i, year[1], "DATE", key=str(year[0]))
    for words_seq, key in RELATIVE_DATES:
        n = len(words_seq)
        if (
            i + n <= len(words)
            and words_seq[0] in w.bare
            and all(words[i + k].key == words_seq[k] for k in range(1, n))
        ):
            return i, i + n, span_entity(text, words, i, i + n, "DATE", key=key)
    return None


def _day_at(words: Sequence[Word], i: int) -> tuple[int, str] | None:
    """A day phrase from ``words[i]``: (end, key). "يوم الجمعة", "الخميس الماضي", "أمس",
    "مساء اليوم الجمعة", "ليل أمس الأول الاثنين", "غداً (الجمعة)", "اليوم /الخميس/"."""
    j = i
    if words[j].bare[-1] in TIME_OF_DAY and j + 1 < len(words):
        j += 1  # مساء / صباح: part of the date as written
    relative = _relative_day(words, j)
    key = None
    if relative is not None:
        j, key = relative
    weekday = _weekday_after(words, j, lead=relative is not None or j > i)
    if weekday is not None:
        return weekday
    if key is not None:
        return j, key
    return None


def _relative_day(words: Sequence[Word], j: int) -> tuple[int, str] | None:
    """أمس، اليوم، غدا، أول أمس، أمس الأول at ``words[j]`` (the first word may carry و)."""
    for seq, key in sorted(RELATIVE_DAYS.items(), key=lambda kv: -len(kv[0])):
        n = len(seq)
        if (
            j + n <= len(words)
            and seq[0] in words[j].bare
            and all(words[j + k].key == seq[k] for k in range(1, n))
        ):
            if seq == (normalize_key("اليوم"),) and not _today_is_date(words, j):
                return None
            return j + n, key
    return None


def _today_is_date(words: Sequence[Word], j: int) -> bool:
    """ "اليوم" is "today" — not "the day" of "في اليوم التالي", "ذلك اليوم", "نهاية اليوم"
    or "اليوم الوطني". Before a weekday ("اليوم الثلاثاء") it always is."""
    nxt = words[j + 1] if j + 1 < len(words) else None
    if nxt is not None and nxt.key in WEEKDAYS:
        return True
    if (
        nxt is not None
        and nxt.token.is_word
        and (nxt.token.pos in {"adj", "noun_num"} or has_article(nxt))
    ):
        return False
    prev = words[j - 1] if j else None
    if prev is None or not prev.token.is_word:
        return True
    if prev.token.pos in {"prep", "pron_dem"} or prev.key in {"هذا", "ذلك"}:
        return False
    # A noun in construct before it ("نهاية اليوم") has no article of its own.
    return not (prev.token.pos == "noun" and not has_article(prev))


def _weekday_after(words: Sequence[Word], j: int, lead: bool) -> tuple[int, str] | None:
    """A weekday at ``words[j]`` (or wrapped: "(الجمعة)", "/الخميس/"), with الماضي/المقبل."""
    if j >= len(words):
        return None
    k = j
    wrapped = words[k].token.surface.strip() in DATE_WRAPPERS
    if wrapped and lead:
        k += 1
    if k >= len(words):
        return None
    day_word = any(b == normalize_key("يوم") for b in words[k].bare)
    if day_word and k + 1 < len(words) and words[k + 1].key in WEEKDAYS:
        return _weekday_end(words, k + 1, wrapped), WEEKDAYS[words[k + 1].key]
    for b in words[k].bare:
        if b in WEEKDAYS and (lead or _weekday_context(words, k)):
            return _weekday_end(words, k, wrapped), WEEKDAYS[b]
    return None


def _weekday_end(words: Sequence[Word], k: int, wrapped: bool) -> int:
    end = k + 1
    if end < len(words) and words[end].key in RELATIVE_WORDS:
        end += 1  # الخميس الماضي: the relative word is part of the date as written
    if wrapped and end < len(words) and words[end].token.surface.strip() in DATE_WRAPPERS:
        end += 1
    return end


def _weekday_context(words: Sequence[Word], i: int) -> bool:
    """A bare weekday name is a date after في/يوم, before الماضي/المقبل, or set off as an
    adverb: after a verb or a comma and before punctuation ("وقع …، الخميس، اتفاق")."""
    prev = words[i - 1] if i else None
    nxt = words[i + 1] if i + 1 < len(words) else None
    if (prev is not None and prev.key in WEEKDAY_LEADS) or (
        nxt is not None and nxt.key in RELATIVE_WORDS
    ):
        return True
    after_break = prev is None or not prev.token.is_word or prev.token.pos == "verb"
    before_break = nxt is None or not nxt.token.is_word or nxt.token.pos in {"prep", "verb"}
    return after_break and before_break


def _month_at(words: Sequence[Word], i: int) -> tuple[int, int] | None:
    """A month name at ``words[i]`` (also يوليو/تموز and two-word Levantine names)."""
    if i >= len(words):
        return None
    w = words[i]
    two = f"{w.bare[-1]} {words[i + 1].key}" if i + 1 < len(words) else ""
    if two in MONTHS:
        value, end = MONTHS[two], i + 2
    else:
        hit = next((MONTHS[b] for b in w.bare if b in MONTHS), None)
        if hit is None:
            return None
        value, end = hit, i + 1
    # يوليو/تموز: the slash and the other calendar's name belong to the same date.
    if end + 1 < len(words) and words[end].key == "/" and words[end + 1].key in MONTHS:
        end += 2
    if end < len(words) and words[end].key in RELATIVE_WORDS:
        end += 1  # ديسمبر الماضي
    if not _month_is_date(words, i, end):
        return None
    return value, end


def _month_is_date(words: Sequence[Word], i: int, end: int) -> bool:
    """Guard ambiguous month names (مارس = practise, ماي, آب = father ...)."""
    w = words[i]
    if w.token.pos == "verb":
        return False
    prev = words[i - 1].key if i else ""
    nxt = words[end].key if end < len(words) else ""
    if w.bare[-1] in normalized_set("ماي", "آب", "أوت", "مارس", "جوان"):
        return bool(NUMBER_RE.match(prev) or NUMBER_RE.match(nxt) or prev in {"في", "شهر"})
    return True


def _year_at(words: Sequence[Word], i: int) -> tuple[int, int] | None:
    if i < len(words) and words[i].key.isdecimal() and len(words[i].key) == 4:
        year = int(words[i].key)
        end = i + 1
        if end < len(words) and words[end].key in {"م", "ه"}:
            end += 1  # 1991 م
        return year, end
    return None


def _duration_at(text: str, words: Sequence[Word], i: int) -> tuple[int, int, Entity] | None:
    w = words[i]
    start = i
    if any(b in DURATION_LEADS for b in w.bare) and i + 1 < len(words):
        i += 1  # لمدة ثلاثة أشهر: the lead belongs to the span
    number = parse_number(words, i)
    if number is not None:
        value, used = number
        j = i + used
        if j < len(words) and words[j].key in TIME_UNITS:
            unit, _ = TIME_UNITS[words[j].key]
            return _duration(text, words, start, j + 1, value, unit)
        return None
    if i < len(words):
        for b in words[i].bare:
            if b in TIME_UNITS and TIME_UNITS[b][1] == 2 and _dual_is_duration(words, i):
                return _duration(text, words, start, i + 1, 2, TIME_UNITS[b][0])
        one = i + 1 < len(words) and words[i + 1].key in _ONE
        if start < i and one and words[i].key in TIME_UNITS and TIME_UNITS[words[i].key][1] is None:
            # "لمدة عام واحد": a singular unit and "one" after the lead
            return _duration(text, words, start, i + 2, 1, TIME_UNITS[words[i].key][0])
    return None


_ONE = normalized_set("واحد", "واحدة")
_FROM = normalize_key("من")
_LONGEST_PERIOD = 50  # years: a longer "range" is two dates, not a term


def _period_at(text: str, words: Sequence[Word], i: int) -> tuple[int, int, Entity] | None:
    """ "للأعوام 2026 – 2027", "الفترة من 2025 إلى 2028": a term given as a range of years
    after a word that says it is a period. Its key is "years 2026-2027" (:func:`period_years`);
    a bare "2026-2027" stays two numbers (a season, a score)."""
    if not any(b in PERIOD_LEADS for b in words[i].bare):
        return None
    j = i + 1
    if j < len(words) and words[j].key == _FROM:
        j += 1
    first = _year_at(words, j)
    if first is None or first[1] + 1 >= len(words):
        return None
    if words[first[1]].key not in PERIOD_SEPARATORS:
        return None
    last = _year_at(words, first[1] + 1)
    if last is None or not 0 < last[0] - first[0] <= _LONGEST_PERIOD:
        return None
    key = f"years {first[0]}-{last[0]}"
    return (
        i,
        last[1],
        span_entity(text, words, i, last[1], "DURATION", key=key, gloss=f"{first[0]}–{last[0]}"),
    )


def period_years(key: str) -> tuple[int, int] | None:
    """The first and last year of a period's key ("years 2026-2027"), else None."""
    head, _, years = key.partition(" ")
    first, _, last = years.partition("-")
    if head != "years" or not (first.isdecimal() and last.isdecimal()):
        return None
    return int(first), int(last)


def _dual_is_duration(words: Sequence[Word], i: int) -> bool:
    # عامين, شهرين ... after a lead word, a preposition or a verb; not يومين as part of a name.
    prev = words[i - 1].bare[-1] if i else ""
    return prev in DURATION_LEADS or prev in normalized_set("بعد", "قبل", "نحو", "حوالي", "قرابة")


def _duration(
    text: str, words: Sequence[Word], i: int, j: int, value: float, unit: str
) -> tuple[int, int, Entity]:
    count = _fmt(value)
    plural = "" if value == 1 else "s"
    return (
        i,
        j,
        span_entity(
            text, words, i, j, "DURATION", key=f"{count} {unit}", gloss=f"{count} {unit}{plural}"
        ),
    )


def _percent_after(words: Sequence[Word], i: int) -> int:
    """How many words after a number say "percent" (في المئة، بالمئة، %), else 0."""
    for phrase in PERCENT_WORDS:
        n = len(phrase)
        if tuple(w.key for w in words[i : i + n]) == phrase:
            return n
    return 0


def _number_at(text: str, words: Sequence[Word], i: int) -> tuple[int, int, Entity] | None:
    number = parse_number(words, i)
    if number is None:
        return None
    value, used = number
    w = words[i]
    if any(NUMBER_RE.match(b) for b in w.bare):
        percent = _percent_after(words, i + used)
        if percent:
            end = i + used + percent
            return i, end, span_entity(text, words, i, end, "NUMBER", key=f"{_fmt(value)}%")
        return i, i + used, span_entity(text, words, i, i + used, "NUMBER", key=_fmt(value))
    if i and has_article(words[i - 1]) and value == 10:
        return None  # التاسع عشر: the "ten" of an ordinal
    if w.token.pos == "verb":
        return None  # ألف "he composed", not a thousand
    counted = i + used < len(words) and words[i + used].token.is_word
    if counted and has_article(words[i + used]):
        return None  # a number word counts an indefinite noun (ألف دولار), not ألف الكاتب
    if value < 10 and used == 1 and (w.token.pos not in {"noun_num", "noun"} or not counted):
        return None  # ست/خمس alone are too ambiguous: a number word counts a noun after it
    return i, i + used, span_entity(text, words, i, i + used, "NUMBER", key=_fmt(value))
