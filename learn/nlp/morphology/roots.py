"""Which root a lemma gets, and why some get none.

BAMA files its stems under ``;--- xyz`` root headers. Most are right; some are missing or
misplaced (ثَقافَة sits under ``vgw``, تِجارِيّ under ``tbE``), and a few are numbered
(``mkn(1)``) or give a choice of third radical (``blw/y``). A root is kept when its radicals
are consistent with the lemma: every radical is found, in order, among the lemma's letters,
where a weak radical (و ي) may surface as a long vowel, a hamza or the ت of form VIII, or not
at all, and a hamza radical may be written on any seat, softened or dropped. When BAMA's
header does not fit, the root Arramooz gives the same lemma is tried (``lexdict``).

Words that truly have no root get none, with the reason kept: particles and pronouns
(function words), names, and borrowed words whose "root" would only spell the word out.
"""

from __future__ import annotations

from learn.nlp.morphology.arabic import bw2ar, dediac
from learn.nlp.morphology.lexdict import Dictionary

NO_ROOT = "-"
LOANWORD = "-loan"  # the root feature of a borrowed word: no Arabic root
# Parts of speech without a root: function words, names, abbreviations.
ROOTLESS_POS = frozenset(
    {
        "conj", "conj_sub", "part", "part_neg", "part_verb", "part_fut", "part_interrog",
        "part_det", "part_focus", "part_restrict", "part_voc", "pron", "pron_dem", "pron_rel",
        "pron_interrog", "pron_exclam", "verb_pseudo", "interj", "abbrev", "noun_prop",
        "punc", "digit", "latin", "foreign",
    }
)  # fmt: skip
_WEAK = frozenset("وي")
_HAMZA = "ء"
_HAMZA_BW = frozenset("'|><&}{")
_HAMZA_FOLD = str.maketrans({"أ": "ء", "إ": "ء", "آ": "ء", "ؤ": "ء", "ئ": "ء"})
# What a weak or hamza radical may be written as, besides itself.
_WEAK_SURFACES = frozenset("وياىءت")
_HAMZA_SURFACES = frozenset("ءاويى")
_FATHA = "َ"


def header_roots(root_bw: str) -> tuple[list[list[str]], list[list[str]]]:
    """A BAMA header as candidate radical lists, and the guesses made from a two-letter one:
    ``wqE`` → [و ق ع]; ``blw/y`` → [ب ل و], [ب ل ي]; ``md`` → guess م د د (a geminate; but
    ``Ab`` is أ ب و, which only another source can tell)."""
    base, _, other = root_bw.partition("/")
    variants = [base] + ([base[:-1] + other] if other else []) if base else []
    roots, guesses = [], []
    for variant in variants:
        letters = [_HAMZA if c in _HAMZA_BW or c == "A" else bw2ar(c) for c in variant if c != "~"]
        if len(letters) >= 3:
            roots.append(letters)
        elif len(letters) == 2 and letters[1] not in _WEAK and letters[1] != _HAMZA:
            guesses.append([*letters, letters[1]])
    return roots, guesses


def root_fits(radicals: list[str], lemma: str) -> bool:
    """Are these radicals consistent with the lemma's letters (see the module docstring)?"""
    letters = dediac(lemma).translate(_HAMZA_FOLD)
    return _match(radicals, 0, letters, 0)


def _match(radicals: list[str], r: int, letters: str, start: int) -> bool:
    if r == len(radicals):
        return True
    radical = radicals[r]
    # A doubled radical (مدّ = م د د) is written once, with a shadda.
    if r > 0 and radical == radicals[r - 1] and _match(radicals, r + 1, letters, start):
        return True
    for i in range(start, len(letters)):
        if _can_write(radical, letters[i]) and _match(radicals, r + 1, letters, i + 1):
            return True
        if radical not in _WEAK and radical != _HAMZA and letters[i] == radical:
            break  # a strong radical is taken at its first occurrence only
    # A weak or hamza radical may vanish (قال for ق و ل, صِلَة for و ص ل, كُل for ء ك ل).
    return (radical in _WEAK or radical == _HAMZA) and _match(radicals, r + 1, letters, start)


def _can_write(radical: str, letter: str) -> bool:
    if letter == radical:
        return True
    if radical in _WEAK:
        return letter in _WEAK_SURFACES
    if radical == _HAMZA:
        return letter in _HAMZA_SURFACES
    return False


def looks_spelled_out(radicals: list[str], lemma: str) -> bool:
    """A four-radical "root" whose و or ي is a long vowel of the word (دُولار under dwlr):
    the letters of a borrowed word, not an Arabic root."""
    if len(radicals) < 4:
        return False
    for index, char in enumerate(lemma):
        if char in _WEAK and char in radicals and index > 0:
            before = lemma[index - 1]
            after = lemma[index + 1] if index + 1 < len(lemma) else ""
            long_vowel = (char == "و" and before == "ُ") or (char == "ي" and before == "ِ")
            if long_vowel and after not in "َُِّ":
                return True
    return False


def resolve_root(root_bw: str, lemma: str, pos: str, dictionary: Dictionary | None) -> str:
    """The root feature of a stem: radicals joined by ".", :data:`NO_ROOT` or
    :data:`LOANWORD`."""
    if pos in ROOTLESS_POS or (pos == "prep" and not _nominal_preposition(lemma)):
        return NO_ROOT
    headers, guesses = header_roots(root_bw)
    known = dictionary.roots(lemma, verb=pos == "verb") if dictionary is not None else []
    for radicals in [*headers, *known, *guesses]:
        if root_fits(radicals, lemma):
            if looks_spelled_out(radicals, lemma):
                return LOANWORD
            return ".".join(radicals)
    return NO_ROOT


def _nominal_preposition(lemma: str) -> bool:
    """بَعْدَ، قَبْلَ، بَيْنَ، خِلالَ: nouns in the accusative used as prepositions have a root
    (a final fatha marks them); في، على، إلى، مُنْذُ، مَعَ are particles."""
    return len(dediac(lemma)) >= 3 and lemma.endswith(_FATHA)
