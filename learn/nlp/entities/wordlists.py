"""Closed word lists the entity rules rely on, compared after ``normalize_key``
(no diacritics, أإآ→ا, ى→ي, ة→ه). Written for Sahifa from general knowledge of Arabic news style."""

from __future__ import annotations

import re

from learn.nlp.morphology.arabic import normalize_key


def normalized_set(*words: str) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in words)


# ----------------------------------------------------------------- word lists
# Compared after normalize_key (no diacritics, أإآ→ا, ى→ي, ة→ه).

CONJUNCTIONS = ("و", "ف")  # conjunctions, stripped first
PREPOSITION_CLITICS = ("ب", "ل", "ك")

TITLE_HEADS = normalized_set(
    "الرئيس", "رئيس", "الرئيسة", "رئيسة", "نائب", "وزير", "الوزير", "وزيرة", "الوزيرة",
    "الملك", "الأمير", "الشيخ", "السفير", "سفير", "المتحدث", "المتحدثة", "الناطق", "المستشار",
    "المستشارة", "الجنرال", "اللواء", "العقيد", "الزعيم", "زعيم", "المرشد", "الأمين", "قائد",
    "القائد", "المدير", "مدير", "السيناتور", "النائبة", "القاضي", "الدكتور", "البابا", "المبعوث",
    "مبعوث", "المرشح", "المرشحة", "رئيسه", "الصحفي", "المراسل", "مراسل", "الكاتب", "المحلل",
    "نظيره", "نظيرته", "نظيرها", "نظيرهم", "نظيريه", "العاهل", "رئيسة", "المندوب", "مندوب",
    "الممثل", "ممثل", "الكولونيل", "الجنرال", "المفوض", "الحاكم", "حاكم", "المحافظ", "محافظ",
    "العمدة",
)  # fmt: skip
COUNTERPART = normalized_set("نظيره", "نظيرته", "نظيرها", "نظيرهم", "نظيريه")
# Words that may follow a title head and still be part of the title.
TITLE_MODIFIERS = normalized_set(
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
NAME_PARTICLES = normalized_set("بن", "ابن", "أبو", "ابو", "بنت", "دي", "فون", "فان", "دبليو")

SPEECH_VERBS = normalized_set(
    "قال", "قالت", "يقول", "تقول", "قالوا", "أضاف", "أضافت", "يضيف", "تضيف", "أكد", "أكدت",
    "يؤكد", "تؤكد", "أوضح", "أوضحت", "صرح", "صرحت", "ذكر", "ذكرت", "أعلن", "أعلنت", "تابع",
    "تابعت", "أشار", "أشارت", "شدد", "شددت", "اعتبر", "اعتبرت", "وصف", "وصفت", "وصفه", "وصفها",
    "وصفهم", "حذر", "حذرت", "كتب", "كتبت", "أعرب", "أعربت", "حث", "حثت", "رأى", "رأت",
    "روى", "روت", "يروي", "نقل", "نقلت", "تساءل", "تساءلت", "ردد", "رددت",
    "قائلا", "قائلة", "مضيفا", "مضيفة", "مؤكدا", "مؤكدة", "معتبرا", "معتبرة", "موضحا",
    "موضحة", "محذرا", "محذرة", "مشيرا", "مشيرة",
)  # fmt: skip
# After these the speaker is whoever spoke last (no subject follows a participle).
PARTICIPLES = normalized_set(
    "قائلا", "قائلة", "مضيفا", "مضيفة", "مؤكدا", "مؤكدة", "معتبرا", "معتبرة", "موضحا",
    "موضحة", "محذرا", "محذرة", "مشيرا", "مشيرة",
)  # fmt: skip
SPEECH_LINKS = normalized_set("إن", "أن", "بأن", "بأنه", "بأنها", "بأنهم", "إنه", "إنها", "إنهم")

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
YEAR_PREPOSITIONS = normalized_set(
    "في", "منذ", "حتى", "بحلول", "قبل", "بعد", "خلال", "مطلع", "أواخر"
)  # fmt: skip
WEEKDAY_LEADS = normalized_set(
    "في", "يوم", "منذ", "مساء", "صباح", "ليلة", "ليل", "ظهر", "فجر", "أمس", "منتصف", "نهار",
)  # fmt: skip
RELATIVE_WORDS = normalized_set("الماضي", "المقبل", "القادم", "الفائت")
# Parts of the day before a date: "مساء الأحد", "صباح اليوم", "ليل أمس".
TIME_OF_DAY = normalized_set("مساء", "صباح", "ليل", "ليلة", "ظهر", "فجر", "عصر", "ظهيرة", "منتصف")
# Days named relative to the report: key of each (one or two words).
RELATIVE_DAYS = {
    tuple(normalize_key(w) for w in words.split()): key
    for words, key in [
        ("اليوم", "today"), ("أمس", "yesterday"), ("الأمس", "yesterday"),
        ("أمس الأول", "day before yesterday"), ("أول أمس", "day before yesterday"),
        ("أول من أمس", "day before yesterday"), ("غدا", "tomorrow"), ("الغد", "tomorrow"),
    ]
}  # fmt: skip
# Marks that may wrap a weekday after a relative day: "غداً (الجمعة)", "اليوم /الخميس/".
DATE_WRAPPERS = frozenset("()/")
YEAR_WORDS = normalized_set("عام", "العام", "سنة", "السنة", "لعام", "بعام")

# Cardinal number words (with and without the article) -> value.
_UNITS = {
    1: ("واحد", "واحدة"), 2: ("اثنان", "اثنين", "اثنتان", "اثنتين"), 3: ("ثلاث", "ثلاثة"),
    4: ("أربع", "أربعة"), 5: ("خمس", "خمسة"), 6: ("ست", "ستة"), 7: ("سبع", "سبعة"),
    8: ("ثمان", "ثماني", "ثمانية"), 9: ("تسع", "تسعة"), 10: ("عشر", "عشرة"),
}  # fmt: skip
_TENS = {
    20: "عشر", 30: "ثلاث", 40: "أربع", 50: "خمس", 60: "ست", 70: "سبع", 80: "ثمان", 90: "تسع",
}  # fmt: skip
_SCALES = {
    "مئة": 100, "مائة": 100, "ألف": 1000, "مليون": 10**6, "مليار": 10**9,
    # Plurals after 3-10 (3 مليارات) scale the number the same way.
    "آلاف": 1000, "ملايين": 10**6, "مليارات": 10**9,
}  # fmt: skip
# "12 في المئة": the words that make a number a percentage.
PERCENT_WORDS = tuple(
    tuple(normalize_key(w) for w in phrase.split())
    for phrase in ("في المئة", "في المائة", "بالمئة", "بالمائة", "%")
)


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
        if form not in {"آلاف", "ملايين", "مليارات"}:  # vague alone ("thousands of")
            words[normalize_key(form)] = value
    words[normalize_key("مئتين")] = words[normalize_key("مئتان")] = 200
    words[normalize_key("ألفين")] = words[normalize_key("ألفان")] = 2000
    # The article form of the tens (العشرين عاما) counts too; not of the short words
    # (الست = "the lady", الخمس/السبع/التسع are fractions) nor of the scales (في المئة).
    for form, value in list(words.items()):
        if 20 <= value <= 90:
            words["ال" + form] = value
    return words


NUMBER_WORDS = _number_words()
SCALE_WORDS = {normalize_key(k): v for k, v in _SCALES.items()}

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
DURATION_LEADS = normalized_set("لمدة", "مدة", "طوال", "خلال", "منذ")
# Words before a range of years that make it a period: "للأعوام 2026 – 2027", "للفترة من …".
PERIOD_LEADS = normalized_set("الأعوام", "أعوام", "السنوات", "سنوات", "الفترة", "فترة")
PERIOD_SEPARATORS = frozenset({"-", "–", "—", "/"}) | normalized_set("إلى", "حتى")
PLACE_OR_ORG = frozenset({"LOCATION", "ORGANIZATION"})
OF_ORGANISATION = normalized_set("باسم", "لدى")  # المتحدث باسم الكرملين، المندوب لدى أوبك
NAT_ADJ_RE = re.compile(r"^ال\w{2,}(ي|يه)$")  # الروسي، الإيرانية: nationality/role adjectives
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)*$")
# Words that can open a numeric span: what is left after stripping a clitic must be one.
NUMERIC_WORDS = (
    set(NUMBER_WORDS)
    | DURATION_LEADS
    | PERIOD_LEADS
    | set(WEEKDAYS)
    | set(MONTHS)
    | YEAR_WORDS
    | set(TIME_UNITS)
    | {seq[0] for seq, _ in RELATIVE_DATES}
    | {normalize_key("يوم")}
)

# Never part of a name, whatever a tagger guessed.
NOT_NAMES = normalized_set(
    "في", "من", "إلى", "على", "عن", "مع", "إن", "أن", "الذي", "التي", "الذين", "قال", "قد",
    "لقد", "كان", "كانت", "هو", "هي", "أي", "كل", "بعد", "قبل", "منذ", "خلال", "حيث", "عبر",
)  # fmt: skip
NAME_POS = frozenset({"noun_prop"})
# Arabic given names that are followed by a surname with the article (بشار الأسد) or that
# are also ordinary words (ناصر "supporter"): they join a name only next to another name.
GIVEN_NAMES = normalized_set(
    "محمد", "أحمد", "محمود", "مصطفى", "علي", "حسن", "حسين", "خالد", "عمر", "عثمان", "يحيى",
    "عبد", "عبدالله", "سعد", "سعيد", "فيصل", "سلمان", "تميم", "حمد", "إبراهيم", "يوسف", "عادل",
    "فهد", "نبيه", "ميشال", "ميشيل", "نجيب", "رجب", "هادي", "بشار", "حافظ", "ناصر", "جمال",
    "كمال", "سمير", "وليد", "طارق", "هشام", "رشيد", "مسعود", "إسماعيل", "عباس", "جواد", "صالح",
    "نوري", "فؤاد", "أنور", "منصور", "زايد", "قابوس", "مراد", "كريم", "أمين", "رامي", "زياد",
)  # fmt: skip
