"""Small Arabic-script helpers shared by the DB builder, the store and the tagger.

Kept free of camel_tools imports so that building the database never triggers
camel_tools' data catalogue (which would try to download at import time).
"""

from __future__ import annotations

import re

# Buckwalter transliteration -> Arabic script (the standard table).
_BW2AR = {
    "'": "ء", "|": "آ", ">": "أ", "&": "ؤ", "<": "إ", "}": "ئ", "A": "ا", "b": "ب",
    "p": "ة", "t": "ت", "v": "ث", "j": "ج", "H": "ح", "x": "خ", "d": "د", "*": "ذ",
    "r": "ر", "z": "ز", "s": "س", "$": "ش", "S": "ص", "D": "ض", "T": "ط", "Z": "ظ",
    "E": "ع", "g": "غ", "_": "ـ", "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م",
    "n": "ن", "h": "ه", "w": "و", "Y": "ى", "y": "ي", "F": "ً", "N": "ٌ", "K": "ٍ",
    "a": "َ", "u": "ُ", "i": "ِ", "~": "ّ", "o": "ْ", "`": "ٰ", "{": "ٱ", "P": "پ",
    "J": "چ", "V": "ڤ", "G": "گ",
}  # fmt: skip
_BW2AR_TABLE = str.maketrans(_BW2AR)

DIACRITICS = "ًٌٍَُِّْٰ"  # tanwin, short vowels, shadda, sukun, dagger alif
_DIAC_RE = re.compile(f"[{DIACRITICS}ـ]")
# Same folding as camel_tools' Analyzer DEFAULT_NORMALIZE_MAP (keys must match it exactly).
_NORMALIZE_TABLE = str.maketrans(
    {"إ": "ا", "أ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": ""}
)
_ARABIC_LETTERS_RE = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u0671\u067e\u0686\u06a4\u06af]+$")
_HAS_ARABIC_RE = re.compile(r"[\u0621-\u064a]")
_SHORT_FINAL_RE = re.compile("[ًٌٍَُِ]+$")


def bw2ar(text: str) -> str:
    """Transliterate Buckwalter to Arabic script."""
    return text.translate(_BW2AR_TABLE)


def dediac(text: str) -> str:
    """Remove Arabic diacritics and tatweel."""
    return _DIAC_RE.sub("", text)


def normalize_key(text: str) -> str:
    """Dediacritize and fold hamza/alif/ta-marbuta the way camel_tools' Analyzer does."""
    return dediac(text).translate(_NORMALIZE_TABLE)


def is_arabic_word(text: str) -> bool:
    return bool(_ARABIC_LETTERS_RE.match(dediac(text)))


def has_arabic(text: str) -> bool:
    return bool(_HAS_ARABIC_RE.search(text))


def strip_final_vowel(text: str) -> str:
    """Drop a final case/mood vowel or tanwin (the gold lemma convention)."""
    return _SHORT_FINAL_RE.sub("", text)


_MARK_ORDER = {"ّ": 0}


def canonical_marks(text: str) -> str:
    """Put each letter's marks in one order (shadda first), so equal vocalizations compare
    equal however they were typed (وَقَّع may be typed with fatha before or after shadda)."""
    if "ّ" not in text:
        return text  # only a shadda is ever moved (the other marks keep their order)
    out: list[str] = []
    marks: list[str] = []
    for char in text:
        if char in DIACRITICS:
            marks.append(char)
            continue
        out += sorted(marks, key=lambda m: _MARK_ORDER.get(m, 1))
        marks = []
        out.append(char)
    out += sorted(marks, key=lambda m: _MARK_ORDER.get(m, 1))
    return "".join(out)
