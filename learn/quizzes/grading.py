"""Grading a student's answer: pure functions, no Flask, no database.

Choice questions (multiple choice, true/false) are graded by exact choice: the student picks
one of the options shown, so the response must be one of them and equal to the answer.

Short answers are typed, so they are compared after a tolerant normalisation. Learners type
Arabic with or without short vowels, with whichever alef or hamza seat their keyboard offers,
and often confuse final ya/alef maqsura and ta marbuta/ha; none of that changes which word
they meant, so none of it should make a correct answer wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

CHOICE_FORMATS = ("multiple_choice", "true_false")

# Harakat, tanwin, shadda, sukun, maddah/hamza marks above and below, superscript alef.
_DIACRITICS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]"
)
_TATWEEL = "\u0640"
# Invisible direction and joining marks that editors and phones insert into Arabic text.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LETTER_FOLDS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",  # alef wasla
        "ى": "ي",  # alef maqsura
        "ة": "ه",  # ta marbuta
        # Arabic-Indic and Extended (Persian/Urdu) Arabic-Indic digits.
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_WHITESPACE = re.compile(r"\s+")


def _is_edge_noise(char: str) -> bool:
    """Punctuation, symbols and spaces around an answer (. ، ؟ « » " ! ...) carry no meaning."""
    return char.isspace() or unicodedata.category(char)[0] in "PSZC"


def normalize_answer(text: str) -> str:
    """The comparable form of a typed answer.

    NFKC first turns Arabic presentation forms and full-width Latin into ordinary letters;
    casefold makes English answers case-insensitive.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", _DIACRITICS.sub("", text)).replace(_TATWEEL, "")
    text = text.translate(_LETTER_FOLDS).casefold()
    text = _WHITESPACE.sub(" ", text)
    start, end = 0, len(text)
    while start < end and _is_edge_noise(text[start]):
        start += 1
    while end > start and _is_edge_noise(text[end - 1]):
        end -= 1
    return text[start:end]


def short_answer_matches(response: str, accepted: Iterable[str]) -> bool:
    """True when the response equals any accepted answer once both are normalised."""
    typed = normalize_answer(response)
    if not typed:
        return False
    return any(typed == normalize_answer(variant) for variant in accepted)


def grade(fmt: str, response: str, answer: str, accepted_answers: Iterable[str] = ()) -> bool:
    """Is `response` a correct answer to a question of format `fmt`?

    For short answers the answer itself is always accepted, besides its variants.
    """
    if fmt in CHOICE_FORMATS:
        return response.strip() == answer.strip()
    return short_answer_matches(response, [answer, *accepted_answers])
