"""Closed lists for recognising names that no lexicon lists: the *frames* names appear in.

They hold the function words of Arabic news naming — offices, honorifics, organisation and
place heads, name particles — never names themselves. Written for Sahifa from general
knowledge of Arabic news style; compared after ``normalize_key`` (أإآ→ا, ى→ي, ة→ه).
"""

from __future__ import annotations

from learn.nlp.entities.wordlists import TITLE_HEADS, normalized_set
from learn.nlp.morphology.arabic import normalize_key

# Honorifics and forms of address: a name follows, they are part of the title.
HONORIFICS = normalized_set(
    "الدكتور", "الدكتورة", "د", "المهندس", "المهندسة", "الأستاذ", "الأستاذة", "السيد", "السيدة",
    "سعادة", "معالي", "فخامة", "جلالة", "سمو", "صاحب", "السمو", "الملكي", "سماحة",
    "الحاج", "الشيخة", "الأميرة", "الملكة", "السلطان", "الإمام", "العقيد", "الفريق",
    "المشير", "العميد", "الرائد", "النقيب", "الجنرال", "الأدميرال", "اللواء", "الكاردينال",
)  # fmt: skip
# Offices that head a title (with or without the article); TITLE_HEADS holds the older ones.
OFFICE_HEADS = TITLE_HEADS | normalized_set(
    "ولي", "أمير", "مستشار", "مستشارة", "متحدث", "متحدثة", "ناطق", "ناطقة", "سلطان", "ملك",
    "الأمين", "رئيسة", "نائبة", "وزيرة", "مساعد", "المساعد", "مساعدة", "وكيل", "الوكيل",
    "المدير", "مديرة", "المديرة", "عضو", "العضو", "قائد", "زعيمة", "الزعيمة", "الممثلة", "ممثلة",
    "المفوضة", "مفوض", "المنسق", "منسق", "المبعوثة", "مبعوثة", "السفيرة", "سفيرة", "النائب",
    "رئيس", "عمدة", "حاكمة", "الحاكمة", "خادم", "الأمير", "الملك", "الشيخ", "البابا",
    "بطريرك", "البطريرك", "المرشد", "مرشد", "القاضي", "قاضي", "المدعي", "مدعي", "النائب",
    "المتحدث", "الناطق", "المراسل", "المراسلة", "مراسلة", "الموفد", "موفد", "المحلل",
    "الباحث", "الخبير", "الكاتب", "الصحفي", "الصحفية", "الرئيس", "المسؤول", "مسؤول",
    "المسؤولة", "مسؤولة", "المندوبة", "مندوبة", "الوسيط", "محافظ", "المحافظ", "حاكم", "الحاكم",
)  # fmt: skip
# Words that stand after a head inside a multiword office (ولي العهد، خادم الحرمين الشريفين).
OFFICE_TAILS = normalized_set(
    "العهد", "الحرمين", "الشريفين", "العام", "العامة", "المساعد", "المساعدة", "التنفيذي",
    "التنفيذية", "المنتدب", "الأعلى", "الأول", "الأولى", "الدائم", "الدائمة", "الخاص", "الخاصة",
    "المكلف", "بالإنابة", "بالوكالة", "المستقيل", "المنتهية", "ولايته", "السابق", "السابقة",
    "الأسبق", "الحالي", "الجديد", "الجديدة", "المؤقت", "المؤقتة", "المنتخب", "المنتخبة",
    "الرسمي", "الرسمية", "الإعلامي", "الإعلامية", "السمو", "الملكي", "الوزراء", "الدولة",
    "أول", "الركن",  # military ranks: الفريق أول، اللواء الركن
)  # fmt: skip
# A monarch's regnal number belongs to the name: الملك عبد الله الثاني.
MONARCHS = normalized_set(
    "الملك", "الملكة", "السلطان", "الأمير", "البابا", "الإمبراطور", "الشاه", "ملك", "سلطان",
)  # fmt: skip
REGNAL_NUMBERS = normalized_set(
    "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع",
    "العاشر", "عشر",
)  # fmt: skip
# Parts of the day, which are also given names (صباح): before a day word they are a time.
TIME_OF_DAY = normalized_set("صباح", "مساء", "ظهر", "فجر", "عصر", "ليل", "ليلة", "منتصف")
DAY_WORDS = normalized_set("اليوم", "أمس", "الأمس", "غدا", "الغد", "يوم")
# Particles inside Arabic names: the word after them is a name too.
NAME_LINKS = normalized_set("بن", "ابن", "بنت", "أبو", "ابو", "أبي", "أم", "آل", "ولد")
THEOPHORIC = normalize_key("عبد")  # عبد + a divine name with the article: عبد الله، عبد العزيز
DIVINE = normalize_key("الله")
# Second halves of compound given names: نصر الله، زين العابدين، صلاح الدين، سيف الإسلام.
COMPOUND_TAILS = normalized_set("الله", "الدين", "العابدين", "الإسلام")

# Heads of organisation names: a named body follows in construct, with adjectives, ل + a
# complement or a place (وزارة الخارجية، مجلس الأمن الروسي، المؤسسة العامة للنفط).
_BODIES = (
    "وزارة", "مجلس", "هيئة", "مؤسسة", "شركة", "حزب", "حركة", "منظمة", "وكالة", "جهاز", "جامعة",
    "بنك", "مصرف", "صندوق", "اتحاد", "لجنة", "سلطة", "محكمة", "جمعية", "رابطة", "نقابة",
    "معهد", "أكاديمية", "مجموعة", "تحالف", "جبهة", "ائتلاف", "مفوضية",
)  # fmt: skip
ORGANISATION_HEADS = normalized_set(
    *_BODIES,
    *("ال" + b for b in _BODIES),
    # Only with the article, and only with their adjectives: القوات المسلحة الكويتية،
    # الجيش الإسرائيلي، البرلمان اللبناني، الخطوط الجوية القطرية.
    "القوات", "الجيش", "البرلمان", "الخطوط",
)  # fmt: skip
# English of organisation heads (the lexicon may read منظمة as "organized").
ORGANISATION_ENGLISH = {
    normalize_key(ar): en
    for ar, en in (
        ("وزارة", "Ministry"), ("مجلس", "Council"), ("هيئة", "Authority"),
        ("مؤسسة", "Corporation"), ("شركة", "Company"), ("حزب", "Party"), ("حركة", "Movement"),
        ("منظمة", "Organization"), ("وكالة", "Agency"), ("جهاز", "Agency"), ("جامعة", "League"),
        ("بنك", "Bank"), ("مصرف", "Bank"), ("صندوق", "Fund"), ("اتحاد", "Union"),
        ("لجنة", "Committee"), ("سلطة", "Authority"), ("محكمة", "Court"),
        ("جمعية", "Association"), ("رابطة", "League"), ("نقابة", "Union"),
        ("معهد", "Institute"), ("أكاديمية", "Academy"), ("مجموعة", "Group"),
        ("تحالف", "Alliance"), ("جبهة", "Front"), ("ائتلاف", "Coalition"),
        ("مفوضية", "Commission"), ("قوات", "Forces"), ("جيش", "Army"),
        ("برلمان", "Parliament"), ("خطوط", "Lines"),
    )
}  # fmt: skip
# Fields of ministries, which news often names without وزارة: الخارجية الأمريكية.
MINISTRY_FIELDS = {
    normalize_key(ar): en
    for ar, en in (
        ("الخارجية", "Foreign"), ("الخزانة", "Treasury"), ("الدفاع", "Defence"),
        ("الداخلية", "Interior"), ("المالية", "Finance"), ("العدل", "Justice"),
        ("الصحة", "Health"), ("التجارة", "Trade"),
    )
}  # fmt: skip
# The second word of a body's board: مجلس إدارة، مجلس أمناء (the body is what follows).
BOARD_WORDS = normalized_set("إدارة", "أمناء", "الإدارة", "الأمناء")
# Media outlets: the name after them (often quoted) is the organisation.
MEDIA_HEADS = normalized_set(
    "صحيفة", "جريدة", "وكالة", "قناة", "موقع", "مجلة", "إذاعة", "تلفزيون", "شبكة", "منصة",
)  # fmt: skip
# Whose reporter: مراسل الجزيرة، موفد "المملكة".
CORRESPONDENTS = normalized_set("مراسل", "مراسلة", "موفد", "موفدة", "مراسلو", "مراسلي")
# Words a place name follows as its descriptor (مدينة جدة، مستوطنة سديروت): not part of the name.
PLACE_DESCRIPTORS = normalized_set(
    "مدينة", "العاصمة", "عاصمة", "بلدة", "قرية", "مخيم", "ميناء", "مطار", "مستوطنة", "محافظة",
    "ولاية", "إقليم", "منطقة", "جزيرة", "جزر", "قطاع", "ضاحية", "حي", "نهر", "جبل", "بحيرة",
    "مقاطعة", "دولة", "جمهورية", "مملكة", "إمارة", "سلطنة", "بلدية", "شمال", "جنوب", "شرق",
    "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "قارة", "قارتي", "عاصمتها", "مدن",
    # Named sites: قصر الإليزيه، معبر رفح، مضيق هرمز.
    "قصر", "معبر", "مضيق", "خليج", "مرفأ", "جسر", "سد", "ساحة", "شارع",
)  # fmt: skip
# A state named by its kind and its adjectives: الجمهورية التونسية، المملكة الأردنية الهاشمية.
STATE_WORDS = normalized_set("الجمهورية", "المملكة", "السلطنة", "الإمارة", "الدولة")
# … and before its name with adjectives: جمهورية الصين الشعبية، مملكة البحرين (then just البحرين).
STATE_HEADS = normalized_set("جمهورية", "مملكة", "سلطنة", "إمارة", "دولة")
# Adjectives that make an organisation name with an article head (البنك الدولي، الحزب
# الجمهوري) besides country adjectives: international, regional, religious, ideological.
ORGANISATION_ADJECTIVES = normalized_set(
    "الدولي", "الدولية", "العربي", "العربية", "الأوروبي", "الأوروبية", "الإسلامي", "الإسلامية",
    "الأفريقي", "الأفريقية", "الإفريقي", "الإفريقية", "الآسيوي", "الآسيوية", "الخليجي",
    "الخليجية", "الجمهوري", "الديمقراطي", "الاشتراكي", "الشيوعي", "الوطني", "الوطنية",
    "الأولمبية", "الأولمبي", "الفيدرالي", "الاتحادي", "الاتحادية", "المركزي", "العالمي",
    "العالمية", "الأممية", "الأطلسي", "المسلحة", "البحرية", "الجوية", "البرية", "المتحدة",
    "العليا", "المشتركة", "الشعبي", "الشعبية",
)  # fmt: skip
# Cardinal directions, which make a region of a place (جنوب القوقاز) but are no name alone.
DIRECTIONS = normalized_set("شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي")
