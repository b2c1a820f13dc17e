"""Writing a word's vowels: the article, sun letters, hamzat wasl, and words the lexicon knows.

What the vocalized form (``diac``) gives, and what it leaves off, is the same for every word:

* the vowels of the stem and its clitics as the chosen analysis has them (BAMA 1.0);
* endings that the written word itself decides: tanwin fath on a final alif (كثيراً), the
  sound plural and dual endings (ـُونَ، ـِينَ، ـانِ، ـَيْنِ), the perfect verb's endings;
* **not** the short case or mood vowel of a singular or broken plural noun, an adjective or
  an imperfect verb, nor the vowel of a pronoun ه that echoes it (كتابه): only syntax
  decides those, and the analysis does not, so they are left off throughout;
* a fatha before a long alif (كِتَاب), which BAMA leaves out;
* the article is written ال with a shadda on a following sun letter (الشَّمْس); before a
  hamzat wasl the article's lam takes the linking kasra and the alif none (الِاتِّفاقِيَّة,
  never الاِتِّفاقِيَّة).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from learn.nlp.clitics import parts_from_proclitics, proclitic_diac
from learn.nlp.morphology.arabic import canonical_marks, dediac, normalize_key

SUN_LETTERS = frozenset("تثدذرزسشصضطظلن")
_SHADDA, _KASRA, _SUKUN = "ّ", "ِ", "ْ"
_VOWELS = "َُِْ"
# The article (ال، or لل after لِ) followed by a wasl alif that carries its own kasra.
_ARTICLE_WASL_RE = re.compile(f"(ال|لِل){_SUKUN}?([اٱ]){_KASRA}")
# A wasl alif with its kasra inside a word, after a vowelled proclitic (وَ، فَ، بِ، لِ، كَ).
_INNER_WASL_RE = re.compile(f"(?<=[َُِ])[اٱ]{_KASRA}")


def article_before_wasl(diac: str) -> str:
    """الاِتِّفاق → الِاتِّفاق: the kasra of a wasl alif after the article belongs to the
    article's lam; after another proclitic the alif is silent and has none (وَاسْتِخْدام,
    not وَاِسْتِخْدام). Only a wasl alif is a bare alif with a kasra."""
    if "ا" + _KASRA not in diac and "ٱ" + _KASRA not in diac:
        return diac  # no wasl alif with a vowel: the common case
    diac = _ARTICLE_WASL_RE.sub(lambda m: f"{m.group(1)}{_KASRA}ا", diac)
    return _INNER_WASL_RE.sub("ا", diac)


_FATHA = "َ"
_MARKS = "ًٌٍَُِّْٰ"


def fatha_before_long_alif(diac: str, analysed: bool = True) -> str:
    """كِتاب → كِتَاب: BAMA leaves out the fatha before a long alif; a learner's full
    vowels write it. Left alone: the silent alif after ـُو (كَتَبُوا), an alif carrying
    tanwin (ـاً), and a word that is not ``analysed`` and has no vowels at all (nothing is
    known of its letters: a bare بالكرملين is not بَالكرملين)."""
    if "ا" not in diac or (not analysed and not any(mark in diac for mark in _MARKS)):
        return diac
    return _UNMARKED_BEFORE_ALIF_RE.sub(_add_fatha, diac)


# A letter with no mark of its own, then a bare alif that carries no tanwin.
_UNMARKED_BEFORE_ALIF_RE = re.compile(
    "(ُ?)([\u0621-\u0626\u0628-\u063a\u0641-\u0648\u064a])(?=ا(?!ً))"
)


def _add_fatha(match: re.Match[str]) -> str:
    damma, letter = match.group(1), match.group(2)
    if letter == "و" and damma:
        return damma + letter  # كَتَبُوا: the alif after ـُو is silent
    return damma + letter + _FATHA


_SPELLING_PAIRS = frozenset({("ه", "ة"), ("ة", "ه"), ("ي", "ى"), ("ى", "ي")})


def written_letters(diac: str, written: str) -> str:
    """The analysis' vowels on the word's own letters where the analysis read one letter
    as another (تغريدة analysed as تَغْرِيده، على as عَلَي): ة/ه and ى/ي follow the text.
    Hamza seats the text leaves out stay as the analysis writes them (أَمْرِيكِيّ)."""
    if dediac(diac) == written:
        return diac  # the common case: nothing to put back
    letters = [i for i, char in enumerate(diac) if char not in _MARKS]
    if len(letters) != len(written):
        return diac
    chars = list(diac)
    for position, char in zip(letters, written, strict=True):
        if (chars[position], char) in _SPELLING_PAIRS:
            chars[position] = char
    return "".join(chars)


def with_article(stem_diac: str) -> str:
    """The article before a vocalized stem: a sun letter takes a shadda (الشَّمْس)."""
    if stem_diac and stem_diac[0] in SUN_LETTERS and _SHADDA not in stem_diac[1:3]:
        stem_diac = stem_diac[0] + _SHADDA + stem_diac[1:].lstrip(_SUKUN)
    return article_before_wasl(canonical_marks("ال" + stem_diac))


def lexicon_vocalization(
    word: str, lemma: str, letters: str, analyses: Iterable[tuple[str, str]]
) -> str:
    """The vocalized form of a word the lexicon analysed (a name or a modern word), written
    with proclitic ``letters`` before the entry (see :func:`clitics.stripped_proclitics`):
    the vocalization of BAMA's analysis of the same word with the same lemma when there is
    one (العقوبات → العُقُوبات), else the lemma's with the word's proclitics and article
    (والأردن → وَالأُرْدُنّ، بالكرملين → بِالكرملين), else the word as written.

    ``analyses`` are (lemma, diac) pairs of the word's own analyses, best first."""
    for candidate_lemma, diac in analyses:
        if normalize_key(candidate_lemma) == normalize_key(lemma):
            return diac
    article = letters.endswith("ال")
    clitics = letters[:-2] if article else letters
    before = proclitic_diac(parts_from_proclitics(clitics, ""))
    stem = normalize_key(word)[len(letters) :]
    target = normalize_key(lemma)
    if stem == target:
        return before + (with_article(lemma) if article else lemma)
    if stem == "ال" + target:
        return before + with_article(lemma)
    if clitics.endswith("ل") and target.startswith("ال") and stem == target[1:]:
        return before + lemma[1:].lstrip(_VOWELS)  # لِ + the article: لِلكرملين
    return word
