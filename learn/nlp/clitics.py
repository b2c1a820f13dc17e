"""A written word in its parts: proclitics, stem and enclitics, each clitic with its meaning.

ونظيره is وَ "and" + نَظِير + ـه "his"; بالاتفاق is بِـ "with" + الـ "the" + اِتِّفاق. The parts
come from the chosen analysis: BAMA's segmentation (``bw``: ``wa/CONJ+naZiyr/NOUN+hu/
POSS_PRON_3MS``) for analysed words, and the letters stripped before a lexicon match for
names and modern words (بالكرملين → بِـ + الكرملين). The stem carries the word's lemma and
gloss; the clitics' meanings are the closed set below.
"""

from __future__ import annotations

import re

from learn.nlp.morphology.arabic import bw2ar, canonical_marks, normalize_key
from learn.nlp.types import WordPart

PROCLITIC, STEM, ENCLITIC = "proclitic", "stem", "enclitic"

# (Buckwalter morph, BAMA tag) of a proclitic -> its meaning.
_PROCLITIC_GLOSS = {
    ("wa", "CONJ"): "and",
    ("fa", "CONJ"): "so; then",
    ("bi", "PREP"): "with; by; in",
    ("li", "PREP"): "for; to",
    ("l", "PREP"): "for; to",
    ("ka", "PREP"): "like; as",
    ("Al", "DET"): "the",
    ("sa", "FUT"): "will",
    ("li", "SUBJUNC"): "(in order) to",
    ("la", "EMPHATIC_PARTICLE"): "indeed",
    ("la", "RESULT_CLAUSE_PARTICLE"): "then surely",
    (">a", "INTERROG_PART"): "(asks a yes/no question)",
}
_POSSESSIVE = {
    "1S": "my", "1P": "our", "2MS": "your", "2FS": "your (f.)", "2D": "your (two)",
    "2MP": "your (pl.)", "2FP": "your (f. pl.)", "3MS": "his; its", "3FS": "her; its",
    "3D": "their (two)", "3MP": "their", "3FP": "their (f.)",
}  # fmt: skip
_OBJECT = {
    "1S": "me", "1P": "us", "2MS": "you", "2FS": "you (f.)", "2D": "you (two)",
    "2MP": "you (pl.)", "2FP": "you (f. pl.)", "3MS": "him; it", "3FS": "her; it",
    "3D": "them (two)", "3MP": "them", "3FP": "them (f.)",
}  # fmt: skip
_SUBJECT = {
    "1S": "I", "1P": "we", "2MS": "you", "2FS": "you (f.)", "2D": "you (two)",
    "2MP": "you (pl.)", "2FP": "you (f. pl.)", "3MS": "he; it", "3FS": "she; it",
    "3D": "they (two)", "3MP": "they", "3FP": "they (f.)",
}  # fmt: skip
# Particles whose attached pronoun is the subject of what follows (إنّ and its sisters).
_SUBJECT_TAKING_TAGS = frozenset({"FUNC_WORD", "SUB_CONJ", "CONJ", "PART", "NEG_PART"})
# A pronoun ه whose vowel echoes the case ending, which is not given (كتابُهُ / كتابِهِ).
_ECHOING_VOWEL_RE = re.compile(r"^h[ui]")


def parts_from_bw(bw: str) -> tuple[WordPart, ...]:
    """The parts of an analysed word from its Buckwalter segmentation; () when the word has
    no clitic (a bare stem needs no breakdown)."""
    segments = [_segment(piece) for piece in bw.split("+") if piece]
    segments = [(morph, tag) for morph, tag in segments if tag]
    end = len(segments)
    while end > 1 and _is_enclitic(segments[end - 1][1]):
        end -= 1
    start = 0
    while start < end - 1 and segments[start] in _PROCLITIC_GLOSS:
        start += 1
    if start == 0 and end == len(segments):
        return ()
    parts = [_proclitic(morph, tag) for morph, tag in segments[:start]]
    stem = "".join(_arabic(morph) for morph, _ in segments[start:end])
    parts.append(WordPart(STEM, stem))
    stem_tag = segments[end - 1][1]
    parts += [_enclitic(morph, tag, stem_tag) for morph, tag in segments[end:]]
    return tuple(parts)


def parts_from_proclitics(letters: str, stem: str) -> tuple[WordPart, ...]:
    """The parts of a word matched in the lexicon after stripping proclitic ``letters``
    (e.g. "وبال" → وَ + بِ + ال) from before ``stem``; () when nothing was stripped."""
    if not letters:
        return ()
    parts = []
    rest = letters
    while rest:
        piece = "ال" if rest.startswith("ال") else rest[0]
        form, gloss = _LETTER_PROCLITICS.get(piece, (piece, ""))
        parts.append(WordPart(PROCLITIC, form, gloss))
        rest = rest[len(piece) :]
    return (*parts, WordPart(STEM, stem))


def stripped_proclitics(word: str, entry_word: str) -> str:
    """The proclitic letters before ``entry_word`` in ``word`` (both compared without
    diacritics or hamza spelling): بالكرملين / الكرملين → "ب"; للكرملين / الكرملين → "ل"
    (the article's alif drops after لِ); "" when there are none."""
    written, entry = normalize_key(word), normalize_key(entry_word)
    if written == entry or not entry:
        return ""
    if written.endswith(entry):
        return written[: len(written) - len(entry)]
    if entry.startswith("ال") and written.endswith(entry[1:]):
        prefix = written[: len(written) - len(entry) + 1]
        return prefix if prefix.endswith("ل") and len(prefix) > 0 else ""
    return ""


def proclitic_diac(parts: tuple[WordPart, ...]) -> str:
    """The vocalized proclitics of ``parts`` written together (وَبِال)."""
    return "".join(part.form for part in parts if part.kind == PROCLITIC)


def _segment(piece: str) -> tuple[str, str]:
    morph, _, tag = piece.rpartition("/")
    return ("" if morph == "(null)" else morph), tag


def _is_enclitic(tag: str) -> bool:
    return tag.startswith(("POSS_PRON", "PRON_")) or "_DO:" in tag


def _proclitic(morph: str, tag: str) -> WordPart:
    return WordPart(PROCLITIC, _arabic(morph), _PROCLITIC_GLOSS.get((morph, tag), ""))


def _enclitic(morph: str, tag: str, stem_tag: str) -> WordPart:
    code = tag.rsplit(":", 1)[1] if ":" in tag else tag.rsplit("_", 1)[-1]
    if tag.startswith("POSS_PRON"):
        table = _POSSESSIVE
    elif tag.startswith("PRON_") and stem_tag in _SUBJECT_TAKING_TAGS:
        table = _SUBJECT  # أنّه "that he", لكنّها "but she"
    else:
        table = _OBJECT
    return WordPart(ENCLITIC, _arabic(_ECHOING_VOWEL_RE.sub("h", morph)), table.get(code, ""))


def _arabic(morph: str) -> str:
    return canonical_marks(bw2ar(morph).replace("ٱ", "ا"))


# Proclitics as the letters a lexicon match strips (بالكرملين → ب + الكرملين): و ف ب ل ك ال.
_LETTER_PROCLITICS = {
    normalize_key(bw2ar(morph)): (_arabic(morph), gloss)
    for (morph, tag), gloss in _PROCLITIC_GLOSS.items()
    if tag in {"CONJ", "PREP", "DET"} and morph != "l"
}
