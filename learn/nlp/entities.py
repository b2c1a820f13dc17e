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
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from learn.nlp.morphology.arabic import dediac, normalize_key
from learn.nlp.types import Entity, Quotation, Sentence, Token

LexMatch = Callable[[Sequence[str], int], tuple[str, int] | None]
"""``(words, i) -> (entity type, number of words)`` for a typed name starting at ``words[i]``."""


def _keys(*words: str) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in words)


# ----------------------------------------------------------------- word lists
# Compared after normalize_key (no diacritics, أإآ→ا, ى→ي, ة→ه).

_PROCLITICS = ("و", "ف")  # conjunctions, stripped first
_PREPOSITION_CLITICS = ("ب", "ل", "ك")

TITLE_HEADS = _keys(
    "الرئيس", "رئيس", "الرئيسة", "رئيسة", "نائب", "وزير", "الوزير", "وزيرة", "الوزيرة",
    "الملك", "الأمير", "الشيخ", "السفير", "سفير", "المتحدث", "المتحدثة", "الناطق", "المستشار",
    "المستشارة", "الجنرال", "اللواء", "العقيد", "الزعيم", "زعيم", "المرشد", "الأمين", "قائد",
    "القائد", "المدير", "مدير", "السيناتور", "النائبة", "القاضي", "الدكتور", "البابا", "المبعوث",
    "مبعوث", "المرشح", "المرشحة", "رئيسه", "الصحفي", "المراسل", "مراسل", "الكاتب", "المحلل",
    "نظيره", "نظيرته", "نظيرها", "نظيرهم", "نظيريه", "العاهل", "رئيسة", "المندوب", "مندوب",
    "الممثل", "ممثل", "الكولونيل", "الجنرال", "المفوض", "الحاكم", "المحافظ", "العمدة",
)  # fmt: skip
_COUNTERPART = _keys("نظيره", "نظيرته", "نظيرها", "نظيرهم", "نظيريه")
# Words that may follow a title head and still be part of the title.
TITLE_MODIFIERS = _keys(
    "المنتخب", "السابق", "الأسبق", "الحالي", "العام", "الأعلى", "التنفيذي", "الأول", "الجديد",
    "المؤقت", "الوزراء", "الخارجية", "الداخلية", "الدفاع", "المالية", "الاقتصاد", "الطاقة",
    "التجارة", "العدل", "الصحة", "الأركان", "الجمهورية", "الحكومة", "البرلمان", "المجلس",
    "الأمريكية", "الأميركية", "الروسية", "الإيرانية", "للشؤون", "لشؤون", "الشؤون", "الأمن",
    "القومي", "الوطني", "مجلس", "وزارة", "الحزب", "حزب", "الحركة", "العسكري", "الإعلامي",
    "الرسمي", "الرسمية", "باسم", "لدى",
    # Offices in a construct before a country (وزير خارجية إيران، رئيس وزراء العراق).
    "خارجية", "دفاع", "داخلية", "مالية", "خزانة", "اقتصاد", "طاقة", "نفط", "وزراء", "حكومة",
    "دولة", "أركان", "مجلس",
)  # fmt: skip
# Honorifics inside names that are not the name (الشيخ is a head, بن/أبو are name parts).
NAME_PARTICLES = _keys("بن", "ابن", "أبو", "ابو", "بنت", "دي", "فون", "فان", "دبليو")

SPEECH_VERBS = _keys(
    "قال", "قالت", "يقول", "تقول", "قالوا", "أضاف", "أضافت", "يضيف", "تضيف", "أكد", "أكدت",
    "يؤكد", "تؤكد", "أوضح", "أوضحت", "صرح", "صرحت", "ذكر", "ذكرت", "أعلن", "أعلنت", "تابع",
    "تابعت", "أشار", "أشارت", "شدد", "شددت", "اعتبر", "اعتبرت", "وصف", "وصفت", "وصفه", "وصفها",
    "وصفهم", "حذر", "حذرت", "كتب", "كتبت", "أعرب", "أعربت", "حث", "حثت", "رأى", "رأت",
    "روى", "روت", "يروي", "نقل", "نقلت", "تساءل", "تساءلت", "ردد", "رددت",
    "قائلا", "قائلة", "مضيفا", "مضيفة", "مؤكدا", "مؤكدة", "معتبرا", "معتبرة", "موضحا",
    "موضحة", "محذرا", "محذرة", "مشيرا", "مشيرة",
)  # fmt: skip
# After these the speaker is whoever spoke last (no subject follows a participle).
_PARTICIPLES = _keys(
    "قائلا", "قائلة", "مضيفا", "مضيفة", "مؤكدا", "مؤكدة", "معتبرا", "معتبرة", "موضحا",
    "موضحة", "محذرا", "محذرة", "مشيرا", "مشيرة",
)  # fmt: skip
_SPEECH_LINKS = _keys("إن", "أن", "بأن", "بأنه", "بأنها", "بأنهم", "إنه", "إنها", "إنهم")

WEEKDAYS = {
    normalize_key(w): en
    for w, en in [
        ("الأحد", "sunday"), ("الاثنين", "monday"), ("الإثنين", "monday"), ("الثلاثاء", "tuesday"),
        ("الأربعاء", "wednesday"), ("الخميس", "thursday"), ("الجمعة", "friday"),
        ("السبت", "saturday"),
    ]
}  # fmt: skip
MONTHS = {
    normalize_key(w): n
    for n, names in enumerate(
        [
            ("يناير", "كانون الثاني", "جانفي"), ("فبراير", "شباط", "فيفري"), ("مارس", "آذار"),
            ("أبريل", "إبريل", "نيسان", "أفريل"), ("مايو", "أيار", "ماي"),
            ("يونيو", "يونيه", "حزيران", "جوان"), ("يوليو", "يوليه", "تموز", "جويلية"),
            ("أغسطس", "آب", "أوت"), ("سبتمبر", "أيلول"), ("أكتوبر", "تشرين الأول"),
            ("نوفمبر", "تشرين الثاني"), ("ديسمبر", "كانون الأول"),
        ],
        start=1,
    )
    for w in names
}  # fmt: skip
# Relative dates: (words, key). Matched as whole word sequences (first word may carry و/ف/في).
RELATIVE_DATES = [
    (tuple(normalize_key(w) for w in words.split()), key)
    for words, key in [
        ("العام الماضي", "last year"), ("السنة الماضية", "last year"),
        ("العام المقبل", "next year"),
        ("العام القادم", "next year"), ("الشهر الماضي", "last month"),
        ("الشهر المقبل", "next month"), ("الأسبوع الماضي", "last week"),
        ("الأسبوع المقبل", "next week"), ("أمس", "yesterday"), ("الأمس", "yesterday"),
        ("غدا", "tomorrow"), ("العام الجاري", "this year"), ("هذا العام", "this year"),
        ("الشهر الجاري", "this month"),
    ]
]  # fmt: skip
_YEAR_PREPOSITIONS = _keys("في", "منذ", "حتى", "بحلول", "قبل", "بعد", "خلال", "مطلع", "أواخر")
_WEEKDAY_LEADS = _keys(
    "في", "يوم", "منذ", "مساء", "صباح", "ليلة", "ليل", "ظهر", "فجر", "أمس", "منتصف", "نهار",
)  # fmt: skip
_RELATIVE_WORDS = _keys("الماضي", "المقبل", "القادم", "الفائت")
_YEAR_WORDS = _keys("عام", "العام", "سنة", "السنة", "لعام", "بعام")

# Cardinal number words (with and without the article) -> value.
_UNITS = {
    1: ("واحد", "واحدة"), 2: ("اثنان", "اثنين", "اثنتان", "اثنتين"), 3: ("ثلاث", "ثلاثة"),
    4: ("أربع", "أربعة"), 5: ("خمس", "خمسة"), 6: ("ست", "ستة"), 7: ("سبع", "سبعة"),
    8: ("ثمان", "ثماني", "ثمانية"), 9: ("تسع", "تسعة"), 10: ("عشر", "عشرة"),
}  # fmt: skip
_TENS = {
    20: "عشر", 30: "ثلاث", 40: "أربع", 50: "خمس", 60: "ست", 70: "سبع", 80: "ثمان", 90: "تسع",
}  # fmt: skip
_SCALES = {"مئة": 100, "مائة": 100, "ألف": 1000, "مليون": 10**6, "مليار": 10**9}


def _number_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for value, forms in _UNITS.items():
        for form in forms:
            words[normalize_key(form)] = value
    for value, stem in _TENS.items():
        for ending in ("ون", "ين"):
            words[normalize_key(stem + ending)] = value
    words[normalize_key("ثمانون")] = words[normalize_key("ثمانين")] = 80
    for form, value in _SCALES.items():
        words[normalize_key(form)] = value
    words[normalize_key("مئتين")] = words[normalize_key("مئتان")] = 200
    words[normalize_key("ألفين")] = words[normalize_key("ألفان")] = 2000
    # The article form (العشرين عاما) counts too, but not for ambiguous short words
    # (الست = "the lady", الخمس/السبع/التسع are fractions or "lion" in context).
    for form, value in list(words.items()):
        if value >= 10:
            words["ال" + form] = value
    return words


NUMBER_WORDS = _number_words()
_SCALE_KEYS = {normalize_key(k): v for k, v in _SCALES.items()}

# Time units: normalized word -> (unit key, implied count or None). Dual forms imply 2.
TIME_UNITS: dict[str, tuple[str, int | None]] = {}
for _unit, _unit_words, _duals in [
    ("year", ("عام", "عاما", "أعوام", "سنة", "سنوات", "سنين", "عامًا"), ("عامين", "سنتين")),
    ("month", ("شهر", "شهرا", "أشهر", "شهور"), ("شهرين",)),
    ("week", ("أسبوع", "أسبوعا", "أسابيع"), ("أسبوعين",)),
    ("day", ("يوم", "يوما", "أيام"), ("يومين",)),
    ("hour", ("ساعة", "ساعات"), ("ساعتين",)),
    ("minute", ("دقيقة", "دقائق"), ("دقيقتين",)),
    ("decade", ("عقد", "عقود", "عقدا"), ("عقدين",)),
    ("century", ("قرن", "قرون", "قرنا"), ("قرنين",)),
]:
    for _w in _unit_words:
        TIME_UNITS[normalize_key(_w)] = (_unit, None)
    for _w in _duals:
        TIME_UNITS[normalize_key(_w)] = (_unit, 2)
_DURATION_LEADS = _keys("لمدة", "مدة", "طوال", "خلال", "منذ")
_PLACE_OR_ORG = frozenset({"LOCATION", "ORGANIZATION"})
_OF_ORGANISATION = _keys("باسم", "لدى")  # المتحدث باسم الكرملين، المندوب لدى أوبك
_NAT_ADJ_RE = re.compile(r"^ال\w{2,}(ي|يه)$")  # الروسي، الإيرانية: nationality/role adjectives
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)*$")
# Words that can open a numeric span: what is left after stripping a clitic must be one.
_NUMERIC_WORDS = (
    set(NUMBER_WORDS)
    | _DURATION_LEADS
    | set(WEEKDAYS)
    | set(MONTHS)
    | _YEAR_WORDS
    | set(TIME_UNITS)
    | {seq[0] for seq, _ in RELATIVE_DATES}
    | {normalize_key("يوم")}
)

# Never part of a name, whatever a tagger guessed.
_NOT_NAMES = _keys(
    "في", "من", "إلى", "على", "عن", "مع", "إن", "أن", "الذي", "التي", "الذين", "قال", "قد",
    "لقد", "كان", "كانت", "هو", "هي", "أي", "كل", "بعد", "قبل", "منذ", "خلال", "حيث", "عبر",
)  # fmt: skip
_NAME_POS = frozenset({"noun_prop"})
# Arabic given names that are followed by a surname with the article (بشار الأسد) or that
# are also ordinary words (ناصر "supporter"): they join a name only next to another name.
GIVEN_NAMES = _keys(
    "محمد", "أحمد", "محمود", "مصطفى", "علي", "حسن", "حسين", "خالد", "عمر", "عثمان", "يحيى",
    "عبد", "عبدالله", "سعد", "سعيد", "فيصل", "سلمان", "تميم", "حمد", "إبراهيم", "يوسف", "عادل",
    "فهد", "نبيه", "ميشال", "ميشيل", "نجيب", "رجب", "هادي", "بشار", "حافظ", "ناصر", "جمال",
    "كمال", "سمير", "وليد", "طارق", "هشام", "رشيد", "مسعود", "إسماعيل", "عباس", "جواد", "صالح",
    "نوري", "فؤاد", "أنور", "منصور", "زايد", "قابوس", "مراد", "كريم", "أمين", "رامي", "زياد",
)  # fmt: skip


# ------------------------------------------------------------------- helpers


@dataclass(slots=True)
class _Word:
    token: Token
    key: str  # normalized, ASCII digits
    bare: tuple[str, ...]  # key and its proclitic-stripped variants, longest first
    stem: str  # key without the proclitics the tagger found (وبوتين -> بوتين), article kept
    clitic: int  # how many letters of the key those proclitics are


def _bare_forms(key: str) -> tuple[str, ...]:
    forms = [key]
    rest = key
    if rest[:1] in _PROCLITICS and len(rest) > 3:
        rest = rest[1:]
        forms.append(rest)
    if rest[:1] in _PREPOSITION_CLITICS and len(rest) > 3:
        tail = rest[1:]
        forms.append("ا" + tail if rest.startswith("لل") else tail)
    return tuple(forms)


def _words(sentence: Sentence) -> list[_Word]:
    out = []
    for tok in sentence.tokens:
        key = normalize_key(tok.surface.translate(_DIGITS))
        # A multiword lexicon entry (حزب الله) gives each of its words the whole lemma.
        lemma_words = normalize_key(tok.lemma).split() if tok.is_word else []
        lemma = next((lw for lw in lemma_words if key.endswith(lw)), "")
        stem, clitic = _stem(key, lemma)
        out.append(_Word(tok, key, _bare_forms(key), stem, clitic))
    return out


def _stem(key: str, lemma: str) -> tuple[str, int]:
    """Strip the proclitics the tagger's lemma reveals: ببيزشكيان (lemma بيزشكيان) -> بيزشكيان.

    Only و ف ب ل ك in front of the lemma count (a name's own letters are never cut: the
    lemma of فلاديمير is فلاديمير); the article stays with the name (الأسد).
    """
    if not lemma or lemma == key or not key.endswith(lemma):
        return key, 0
    prefix = key[: -len(lemma)]
    if prefix.endswith("ال"):
        prefix, lemma = prefix[:-2], "ال" + lemma
    if prefix and len(prefix) <= 3 and all(ch in "وفبلك" for ch in prefix) and prefix != "لل":
        return lemma, len(prefix)
    return key, 0


def _letters_to_chars(surface: str, letters: int) -> int:
    """How many characters of ``surface`` hold its first ``letters`` letters (marks skipped)."""
    seen = 0
    for pos, ch in enumerate(surface):
        if seen == letters and normalize_key(ch):
            return pos
        if normalize_key(ch):
            seen += 1
    return len(surface)


def _start_after_clitic(w: _Word) -> int:
    return w.token.start + (_letters_to_chars(w.token.surface, w.clitic) if w.clitic else 0)


def _span_entity(
    text: str, words: Sequence[_Word], i: int, j: int, type_: str, **extra: str | None
) -> Entity:
    start, end = words[i].token.start, words[j - 1].token.end
    return Entity(type_, text[start:end], start, end, words[i].token.sentence, **extra)  # type: ignore[arg-type]


def _is_nameish(w: _Word, lex_type: str | None) -> bool:
    """Could this word be part of a person's name? (never a function word or punctuation)."""
    tok = w.token
    if not tok.is_word or any(b in _NOT_NAMES for b in w.bare):
        return False
    if lex_type == "PERSON" or w.bare[-1] in NAME_PARTICLES:
        return True
    if lex_type is not None:  # a place or organisation is not a name part
        return False
    return tok.pos in _NAME_POS and not _has_article(w)


def _has_article(w: _Word) -> bool:
    """الأسد، الخارجية — but not ألباريس (a hamza: the name's own letters)."""
    written = dediac(w.token.surface)
    return written.startswith("ال") or (written[1:3] == "ال" and written[0] in "وفبك")


def _gloss_of(words: Sequence[_Word]) -> str | None:
    parts: list[str] = []
    for w in words:
        first = re.sub(r"\s*\(.*?\)", "", w.token.gloss.split(";")[0]).strip()
        if not first or not first[:1].isupper() or w.token.source == "backoff":
            return None  # only proper-noun glosses make a name's English form
        if not parts or parts[-1] != first:  # a multiword entry glosses each of its words
            parts.append(first)
    return " ".join(parts) or None


# -------------------------------------------------------------- numeric spans


def parse_number(words: Sequence[_Word], i: int) -> tuple[float, int] | None:
    """A number starting at ``words[i]``: (value, words used) — digits or number words."""
    w = words[i]
    for form in w.bare:
        if _NUMBER_RE.match(form):
            value = float(form.replace(",", "")) if form.count(",") else float(form)
            used = 1
            if i + 1 < len(words) and words[i + 1].key in _SCALE_KEYS:
                value *= _SCALE_KEYS[words[i + 1].key]
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


def find_numeric(text: str, words: Sequence[_Word]) -> list[tuple[int, int, Entity]]:
    """DATE, DURATION and NUMBER spans as (first word, end word, entity)."""
    found: list[tuple[int, int, Entity]] = []
    i = 0
    while i < len(words):
        hit = _date_at(text, words, i) or _duration_at(text, words, i) or _number_at(text, words, i)
        if hit:
            found.append(_without_clitic(text, words, *hit))
            i = hit[1]
        else:
            i += 1
    return found


def _without_clitic(
    text: str, words: Sequence[_Word], i: int, j: int, entity: Entity
) -> tuple[int, int, Entity]:
    """وطوال عشرين عاما -> طوال عشرين عاما; ب300 ألف -> 300 ألف (the span as a fact)."""
    w = words[i]
    if w.key in _NUMERIC_WORDS:
        return i, j, entity  # لمدة is one word here, not ل + مدة
    for n in (1, 2):
        prefix, form = w.key[:n], w.key[n:]
        if not all(ch in "وفبلك" for ch in prefix) or len(form) < 2:
            break
        if form in _NUMERIC_WORDS or _NUMBER_RE.match(form):
            start = w.token.start + _letters_to_chars(w.token.surface, n)
            return i, j, replace(entity, text=text[start : entity.end], start=start)
    return i, j, entity


def _date_at(text: str, words: Sequence[_Word], i: int) -> tuple[int, int, Entity] | None:
    w = words[i]
    # يوم الجمعة / الجمعة الماضي
    if any(b in {"يوم"} for b in w.bare) and i + 1 < len(words) and words[i + 1].key in WEEKDAYS:
        return i, i + 2, _span_entity(text, words, i, i + 2, "DATE", key=WEEKDAYS[words[i + 1].key])
    for b in w.bare:
        if b in WEEKDAYS and _weekday_context(words, i):
            # الخميس الماضي: the relative word is part of the date as written.
            end = i + 2 if i + 1 < len(words) and words[i + 1].key in _RELATIVE_WORDS else i + 1
            return i, end, _span_entity(text, words, i, end, "DATE", key=WEEKDAYS[b])
    # [15] يوليو[/تموز] [2024]
    day = None
    j = i
    if w.key.isdigit() and 1 <= int(w.key) <= 31 and _month_at(words, i + 1):
        day = int(w.key)
        j = i + 1
    month = _month_at(words, j)
    if month:
        value, end = month
        year = _year_at(words, end)
        if year:
            end = year[1]
        key = f"{year[0]:04d}-{value:02d}" if year else f"--{value:02d}"
        if day:
            key += f"-{day:02d}"
        return i, end, _span_entity(text, words, i, end, "DATE", key=key)
    # عام 1991 / في عام 2013
    if any(b in _YEAR_WORDS for b in w.bare):
        year = _year_at(words, i + 1)
        if year:
            return i, year[1], _span_entity(text, words, i, year[1], "DATE", key=str(year[0]))
    # في 2022 / منذ 2014: a bare year after a time preposition
    if i and words[i - 1].bare[-1] in _YEAR_PREPOSITIONS:
        year = _year_at(words, i)
        if year and 1800 <= year[0] <= 2200:
            return i, year[1], _span_entity(text, words, i, year[1], "DATE", key=str(year[0]))
    for words_seq, key in RELATIVE_DATES:
        n = len(words_seq)
        if (
            i + n <= len(words)
            and words_seq[0] in w.bare
            and all(words[i + k].key == words_seq[k] for k in range(1, n))
        ):
            return i, i + n, _span_entity(text, words, i, i + n, "DATE", key=key)
    return None


def _weekday_context(words: Sequence[_Word], i: int) -> bool:
    """A bare weekday name is a date only after في/يوم or before الماضي/المقبل/المقبلة."""
    prev = words[i - 1].key if i else ""
    nxt = words[i + 1].key if i + 1 < len(words) else ""
    return prev in _WEEKDAY_LEADS or nxt in _RELATIVE_WORDS


def _month_at(words: Sequence[_Word], i: int) -> tuple[int, int] | None:
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
    if not _month_is_date(words, i, end):
        return None
    return value, end


def _month_is_date(words: Sequence[_Word], i: int, end: int) -> bool:
    """Guard ambiguous month names (مارس = practise, ماي, آب = father ...)."""
    w = words[i]
    if w.token.pos == "verb":
        return False
    prev = words[i - 1].key if i else ""
    nxt = words[end].key if end < len(words) else ""
    if w.bare[-1] in _keys("ماي", "آب", "أوت", "مارس", "جوان"):
        return bool(_NUMBER_RE.match(prev) or _NUMBER_RE.match(nxt) or prev in {"في", "شهر"})
    return True


def _year_at(words: Sequence[_Word], i: int) -> tuple[int, int] | None:
    if i < len(words) and words[i].key.isdigit() and len(words[i].key) == 4:
        year = int(words[i].key)
        end = i + 1
        if end < len(words) and words[end].key in {"م", "ه"}:
            end += 1  # 1991 م
        return year, end
    return None


def _duration_at(text: str, words: Sequence[_Word], i: int) -> tuple[int, int, Entity] | None:
    w = words[i]
    start = i
    if any(b in _DURATION_LEADS for b in w.bare) and i + 1 < len(words):
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
    return None


def _dual_is_duration(words: Sequence[_Word], i: int) -> bool:
    # عامين, شهرين ... after a lead word, a preposition or a verb; not يومين as part of a name.
    prev = words[i - 1].bare[-1] if i else ""
    return prev in _DURATION_LEADS or prev in _keys("بعد", "قبل", "نحو", "حوالي", "قرابة")


def _duration(
    text: str, words: Sequence[_Word], i: int, j: int, value: float, unit: str
) -> tuple[int, int, Entity]:
    count = _fmt(value)
    plural = "" if value == 1 else "s"
    return (
        i,
        j,
        _span_entity(
            text, words, i, j, "DURATION", key=f"{count} {unit}", gloss=f"{count} {unit}{plural}"
        ),
    )


def _number_at(text: str, words: Sequence[_Word], i: int) -> tuple[int, int, Entity] | None:
    number = parse_number(words, i)
    if number is None:
        return None
    value, used = number
    w = words[i]
    if any(_NUMBER_RE.match(b) for b in w.bare):
        return i, i + used, _span_entity(text, words, i, i + used, "NUMBER", key=_fmt(value))
    if w.token.pos == "verb":
        return None  # ألف "he composed", not a thousand
    counted = i + used < len(words) and words[i + used].token.is_word
    if counted and _has_article(words[i + used]):
        return None  # a number word counts an indefinite noun (ألف دولار), not ألف الكاتب
    if value < 10 and used == 1 and (w.token.pos not in {"noun_num", "noun"} or not counted):
        return None  # ست/خمس alone are too ambiguous: a number word counts a noun after it
    return i, i + used, _span_entity(text, words, i, i + used, "NUMBER", key=_fmt(value))


# --------------------------------------------------------------------- names


@dataclass
class _People:
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
        self.by_name.setdefault(parts[-1], key)
        if title:
            self.by_title[_title_key(title)] = key
            self.titles[key] = title
        if gloss:
            self.glosses.setdefault(key, gloss)

    def resolve(self, parts: Sequence[str]) -> str | None:
        return self.by_name.get(" ".join(parts)) or (
            self.by_name.get(parts[-1]) if len(parts) == 1 else None
        )


def _title_key(title: str) -> str:
    words = [normalize_key(w) for w in title.split()]
    if words and words[0][:1] in _PROCLITICS and words[0][1:] in TITLE_HEADS:
        words[0] = words[0][1:]
    return " ".join(words)


def _title_at(words: Sequence[_Word], i: int, types: Sequence[str | None]) -> int | None:
    """End of a title starting at ``words[i]`` (head + modifiers), or None."""
    if not any(b in TITLE_HEADS for b in words[i].bare):
        return None
    j = i + 1
    while j < len(words) and j - i < 6:
        w = words[j]
        key = w.key
        if key in TITLE_MODIFIERS or (_title_word(w) and types[j] is None):
            j += 1
            if key in _OF_ORGANISATION and j < len(words) and types[j] in _PLACE_OR_ORG:
                j = _skip_typed(types, j)
            continue
        if types[j] in _PLACE_OR_ORG and words[j - 1].key in TITLE_MODIFIERS:
            j = _skip_typed(types, j)  # وزير خارجية إيران ...
            continue
        break
    return j


def _title_word(w: _Word) -> bool:
    """A definite noun or adjective continuing a title: وزيرة الخزانة الأمريكية،
    الأمين العام لجامعة ... (a name never has the article here, so it ends the title)."""
    if w.token.pos not in {"noun", "adj", "noun_num"}:
        return False
    if _has_article(w):
        return True
    return w.key.startswith("ل") and w.token.pos == "noun" and len(w.key) > 3


def _skip_typed(types: Sequence[str | None], j: int) -> int:
    kind = types[j]
    while j < len(types) and types[j] == kind:
        j += 1
    return j


def _name_run(words: Sequence[_Word], i: int, types: Sequence[str | None], limit: int = 4) -> int:
    j = i
    while j < len(words) and j - i < limit:
        w = words[j]
        if j > i and _has_article(w) and types[j] != "PERSON":
            # بشار الأسد، عبد الفتاح، أبو الغيط: an article surname only after a given name
            # or a particle.
            after = words[j - 1].stem in GIVEN_NAMES or words[j - 1].key in NAME_PARTICLES
            if not (after and _article_surname(w)):
                break
        elif not _is_nameish(w, types[j]) and not (
            (j == i and _given_name_starts(words, j, types))
            or (j > i and _plain_surname(words, j, types))
        ):
            break
        j += 1
    # A name does not end on a particle (بن، أبو) alone.
    while j > i and words[j - 1].bare[-1] in NAME_PARTICLES and words[j - 1].bare[-1] != "دبليو":
        j -= 1
    return j


def _given_name_starts(words: Sequence[_Word], j: int, types: Sequence[str | None]) -> bool:
    """A given name the tagger read as a word (سعيد "happy") starts a name only before a
    surname: قيس سعيد، بشار الأسد, not الوزير سعيد بالنتائج."""
    if words[j].stem not in GIVEN_NAMES or j + 1 >= len(words):
        return False
    nxt = words[j + 1]
    return (
        _is_nameish(nxt, types[j + 1])
        or _article_surname(nxt)
        or _plain_surname(words, j + 1, types)
    )


def _article_surname(w: _Word) -> bool:
    """الأسد in بشار الأسد: the article written first (not بالنتائج), not a date word."""
    return (
        dediac(w.token.surface).startswith("ال")
        and w.token.pos in {"noun", "noun_prop"}
        and not any(b in _NUMERIC_WORDS for b in w.bare)
    )


def _plain_surname(words: Sequence[_Word], j: int, types: Sequence[str | None]) -> bool:
    """محمد خاتمي: after an Arabic given name, a plain noun or adjective is the surname."""
    w = words[j]
    return (
        words[j - 1].stem in GIVEN_NAMES
        and w.token.pos in {"noun", "adj"}
        and types[j] is None
        and not _has_article(w)
        and not any(b in _NUMERIC_WORDS or b in TITLE_HEADS or b in _NOT_NAMES for b in w.bare)
    )


def _unknown_first_name(words: Sequence[_Word], i: int, types: Sequence[str | None]) -> bool:
    if i + 1 >= len(words):
        return False
    w = words[i]
    plain = w.token.pos in {"noun", "noun_prop", "adj"} and not _has_article(w)
    return plain and types[i] is None and _is_nameish(words[i + 1], types[i + 1])


def _given_name_before_person(words: Sequence[_Word], i: int, types: Sequence[str | None]) -> bool:
    """وناصر كريمي: a given name right before a name the lexicon types as a person."""
    return (
        words[i].stem in GIVEN_NAMES
        and i + 1 < len(words)
        and types[i + 1] == "PERSON"
        and types[i] is None
    )


def _name_parts(words: Sequence[_Word], i: int, j: int) -> list[str]:
    # Only the first word may carry a clitic (وبوتين، ببيزشكيان).
    return [words[i].stem, *(w.key for w in words[i + 1 : j])]


def find_people(
    text: str,
    words: Sequence[_Word],
    types: list[str | None],
    people: _People,
    claimed: list[bool],
) -> list[tuple[int, int, Entity]]:
    """PERSON spans: titled names, typed (overlay) names, and later mentions of known people."""
    found: list[tuple[int, int, Entity]] = []
    i = 0
    while i < len(words):
        if claimed[i]:
            i += 1
            continue
        hit = _titled_person(text, words, i, types, people, claimed) or _typed_person(
            text, words, i, types, people, claimed
        )
        if hit:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found


def _titled_person(
    text: str,
    words: Sequence[_Word],
    i: int,
    types: list[str | None],
    people: _People,
    claimed: list[bool],
) -> tuple[int, int, Entity] | None:
    title_end = _title_at(words, i, types)
    if title_end is None:
        return None
    name_end = _name_run(words, title_end, types)
    if name_end == title_end and _unknown_first_name(words, title_end, types):
        # جو بايدن: a first name the lexicon does not know, right before a known name.
        name_end = max(_name_run(words, title_end + 1, types), title_end + 1)
    if any(claimed[k] for k in range(title_end, name_end)):
        return None
    title_text = _clean_title(text, words, i, title_end, people)
    if name_end == title_end:
        return None  # a title alone is resolved later (speakers), not labelled
    return _person(text, words, title_end, name_end, people, title_text)


def _clean_title(text: str, words: Sequence[_Word], i: int, j: int, people: _People) -> str:
    first = words[i]
    head = next(b for b in first.bare if b in TITLE_HEADS)
    clitic = len(first.key) - len(head)  # ونظيره: the conjunction is not part of the title
    start = first.token.start + _letters_to_chars(first.token.surface, clitic)
    title = text[start : words[j - 1].token.end]
    if head in _COUNTERPART and people.last and people.last[0] == first.token.sentence:
        # "الرئيس الروسي فلاديمير بوتين ونظيره الإيراني": the counterpart of the person just
        # named in this sentence holds the same office, for another country.
        office = people.titles.get(people.last[1], "").split()
        rest = title.split()[1:]
        if office and rest:
            return _counterpart_title(office, rest)
    return title


def _counterpart_title(previous: list[str], rest: list[str]) -> str:
    """ "وزير الخارجية المغربي" + "نظيره الإسباني" -> "وزير الخارجية الإسباني"."""
    nationality = [k for k, word in enumerate(previous) if _NAT_ADJ_RE.match(normalize_key(word))]
    if nationality and len(rest) == 1:
        k = nationality[-1]
        return " ".join([*previous[:k], rest[0], *previous[k + 1 :]])
    return " ".join([previous[0], *rest])


def _typed_person(
    text: str,
    words: Sequence[_Word],
    i: int,
    types: list[str | None],
    people: _People,
    claimed: list[bool],
) -> tuple[int, int, Entity] | None:
    w = words[i]
    if i + 1 < len(words) and w.stem in NAME_PARTICLES:
        pair = people.by_name.get(f"{w.stem} {words[i + 1].key}")
        if pair and not claimed[i + 1]:
            return _person(text, words, i, i + 2, people, None)  # وقال أبو الغيط
    known = people.resolve([w.stem])
    if types[i] != "PERSON" and not known and not _given_name_before_person(words, i, types):
        return None
    end = max(_name_run(words, i, types), i + 1)
    if any(claimed[k] for k in range(i, end)):
        return None
    return _person(text, words, i, end, people, None)


def _person(
    text: str,
    words: Sequence[_Word],
    i: int,
    j: int,
    people: _People,
    title: str | None,
) -> tuple[int, int, Entity]:
    parts = _name_parts(words, i, j)
    key = people.resolve(parts) or " ".join(parts)
    gloss = _gloss_of(words[i:j])
    people.add(key, parts, title, gloss)
    people.last = (words[i].token.sentence, key)
    first = words[i]
    start = _start_after_clitic(first)
    end = words[j - 1].token.end
    entity = Entity(
        "PERSON",
        text[start:end],
        start,
        end,
        first.token.sentence,
        key=key,
        title=title or people.titles.get(key),
        gloss=people.glosses.get(key) or gloss,
    )
    return i, j, entity


def find_typed(
    text: str,
    words: Sequence[_Word],
    types: list[str | None],
    lengths: list[int],
    claimed: list[bool],
) -> list[tuple[int, int, Entity]]:
    """LOCATION and ORGANIZATION spans from the lexicon's typed multiword names."""
    found = []
    i = 0
    while i < len(words):
        kind = types[i]
        if kind in {"LOCATION", "ORGANIZATION"} and not claimed[i] and lengths[i]:
            j = i + lengths[i]
            parts = _name_parts(words, i, j)
            first = words[i]
            start = _start_after_clitic(first)
            end = words[j - 1].token.end
            found.append(
                (
                    i,
                    j,
                    Entity(
                        kind,
                        text[start:end],
                        start,
                        end,
                        first.token.sentence,
                        key=" ".join(parts),
                        gloss=_gloss_of(words[i:j]),
                    ),
                )
            )
            i = j
        else:
            i += 1
    return found


# ----------------------------------------------------------------- quotations

_OPEN_CLOSE = {"“": "”", "«": "»", '"': '"', "”": "”"}


def find_quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's inner text, marks excluded; unclosed ones dropped."""
    spans = []
    i = 0
    n = len(text)
    while i < n:
        closer = _OPEN_CLOSE.get(text[i])
        if closer is None:
            i += 1
            continue
        j = text.find(closer, i + 1)
        newline = text.find("\n", i + 1)
        if j < 0 or (0 <= newline < j):
            i += 1
            continue
        if j > i + 1 and text[i + 1 : j].strip():
            spans.append((i + 1, j))
        i = j + 1
    return spans


@dataclass(slots=True)
class _Speech:
    """A verb of saying in a sentence, with its explicit subject when there is one."""

    word: int  # index of the verb in the sentence
    subject: Entity | None
    participle: bool


def _speaker_entities(sent: Sentence, entities: Sequence[Entity]) -> list[Entity]:
    """Who may speak in a sentence: people and organisations, not the dateline's agency."""
    after = sent.dateline_end or 0
    return [
        e
        for e in entities
        if e.sentence == sent.index and e.type in {"PERSON", "ORGANIZATION"} and e.start >= after
    ]


def attribute_quotations(
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    people: _People,
) -> list[Quotation]:
    """Quotations with speakers: the subject of the verb of saying that introduces them.

    ``قال بوتين إن “…”`` → بوتين; ``وقال الرئيس الإيراني: “…”`` → the person who holds that
    title in this text; ``وأضاف: “…”`` / ``قائلا “…”`` → the previous speaker; a quotation
    that opens a sentence right after a quoted sentence → the same speaker. Quotations with
    no verb of saying (scare quotes, names of things) get no speaker.
    """
    quotations = []
    last_speaker: Entity | None = None
    last_quote_sentence = -2
    for sent in sentences:
        words = _words(sent)
        speakers = _speaker_entities(sent, entities)
        spans = [q for q in find_quotations(text[sent.start : sent.end])]
        cursor = 0  # word index after the previous quotation
        sentence_speaker: Entity | None = None
        speeches = _speeches(text, words, speakers, people)
        for qs, qe in spans:
            start, end = sent.start + qs, sent.start + qe
            first_word = _word_index_at(words, start - 1)  # the opening mark's token
            speaker: Entity | None = None
            frame = [s for s in speeches if cursor <= s.word < first_word]
            if frame:
                speech = frame[-1]
                if speech.subject is not None:
                    speaker = speech.subject
                elif speech.participle or sentence_speaker is not None:
                    # قائلا / مضيفا: the subject of the sentence's main verb is speaking.
                    speaker = (
                        sentence_speaker
                        or _earlier_subject(speeches, speech)
                        or _subject_before(speakers, words, 0, speech.word)
                        or last_speaker
                    )
                else:
                    speaker = _subject_before(speakers, words, cursor, speech.word) or (
                        last_speaker if _pronoun_subject(words, speech.word, first_word) else None
                    )
            elif sentence_speaker is not None and cursor > 0:
                speaker = sentence_speaker  # a second quotation after the same verb
            elif first_word == 0 and last_quote_sentence == sent.index - 1:
                speaker = last_speaker  # “…”. “…” — the same voice goes on
            quotations.append(Quotation(text[start:end], start, end, sent.index, speaker))
            if speaker is not None:
                sentence_speaker = speaker
                last_speaker = speaker
            last_quote_sentence = sent.index
            cursor = _word_index_at(words, end) + 1
        # A reported speech without quotation marks still sets who "he" is next.
        for speech in speeches:
            subject = speech.subject
            if (
                subject is not None
                and subject.type == "PERSON"
                and (not spans or speech.word > cursor)
            ):
                last_speaker = speech.subject
    return quotations


def _word_index_at(words: Sequence[_Word], offset: int) -> int:
    for k, w in enumerate(words):
        if w.token.end > offset:
            return k
    return len(words)


def _speeches(
    text: str, words: Sequence[_Word], speakers: Sequence[Entity], people: _People
) -> list[_Speech]:
    out = []
    for k, w in enumerate(words):
        if not any(b in SPEECH_VERBS for b in w.bare):
            continue
        participle = any(b in _PARTICIPLES for b in w.bare)
        subject = None if participle else _subject_after(text, words, speakers, people, k)
        out.append(_Speech(k, subject, participle))
    return out


def _subject_after(
    text: str, words: Sequence[_Word], speakers: Sequence[Entity], people: _People, k: int
) -> Entity | None:
    """The subject right after a verb (VSO): a named entity, or a title the text has used.

    Title words may stand between the verb and the name (قال الرئيس الأمريكي جو بايدن); a
    comma, a verb or إن/أن ends the search, so an object later in the clause is never taken.
    """
    for m in range(k + 1, min(k + 7, len(words))):
        w = words[m]
        if w.token.pos not in {"noun", "noun_prop", "adj", "abbrev"} or w.key in _SPEECH_LINKS:
            # Only a subject's own words (title, name) may come first: not a preposition
            # (وصرح المندوب لدى أوبك ... is no quote by OPEC), a verb or a comma.
            break
        hit = next((e for e in speakers if e.start < w.token.end and e.end > w.token.start), None)
        if hit is not None:
            return hit
    if k + 1 >= len(words):
        return None
    nxt = words[k + 1]
    title_end = _title_at(words, k + 1, [None] * len(words))
    if title_end is not None:
        start = _start_after_clitic(nxt)
        title = text[start : words[title_end - 1].token.end]
        key = people.by_title.get(_title_key(title))
        if key is not None:
            return Entity(
                "PERSON",
                title,
                start,
                words[title_end - 1].token.end,
                nxt.token.sentence,
                key=key,
                title=title,
                gloss=people.glosses.get(key),
            )
    return None


def _subject_before(
    speakers: Sequence[Entity], words: Sequence[_Word], lo: int, verb: int
) -> Entity | None:
    """SVO or a chain of verbs: وأشاد بوتين بالاتفاق ووصفه بأنه “…”."""
    lo_offset = words[lo].token.start if lo < len(words) else 0
    # Only a person: an organisation before the verb is too often an object or a source.
    before = [
        e for e in speakers if e.type == "PERSON" and lo_offset <= e.start < words[verb].token.start
    ]
    return before[0] if before else None


def _earlier_subject(speeches: Sequence[_Speech], speech: _Speech) -> Entity | None:
    for s in reversed(speeches):
        if s.word < speech.word and s.subject is not None:
            return s.subject
    return None


def _pronoun_subject(words: Sequence[_Word], verb: int, quote_word: int) -> bool:
    """وقال: “…” / وأضاف أن “…”: nothing but punctuation or إن/أن between verb and quote."""
    between = words[verb + 1 : quote_word]
    return all(not w.token.is_word or w.key in _SPEECH_LINKS for w in between[:1])


# ----------------------------------------------------------------------- all


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
    people = _People()
    entities: list[Entity] = []
    for sent in sentences:
        words = _words(sent)
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
    words: Sequence[_Word],
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
    words: Sequence[_Word], types: Sequence[str | None], lengths: Sequence[int], lex_match: LexMatch
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
