"""Score the tagger against a CoNLL-U treebank (e.g. UD Arabic-PADT): lemma, POS and gloss.

Scoring is per *surface word* (a multiword token counts once). For a multiword token the
gold lemma/POS/gloss are those of its content part: trailing pronoun clitics and leading
one-letter proclitics (و ف ب ل ك س) are skipped, and the first remaining segment is used
(بموجبه → موجب; وبانه → أن).

Measures (punctuation is not scored; tokens tagged X with ``Root=OOV`` — words PADT's own
analyser did not know, mostly names, with LEMMA = FORM and no gloss — are counted apart):

* lemma, undiacritized: both lemmas dediacritized, hamza seats / alif maqsura / ta marbuta
  folded;
* lemma, vocalized: both lemmas with sukun dropped, the final case vowel dropped (the gold
  convention), hamzat wasl written as alif, a fatha before a long alif dropped (BAMA omits
  it, PADT writes it), marks put in one order;
* coarse POS: both tags mapped to the coarse classes in :data:`CAMEL_TO_COARSE` /
  :data:`UD_TO_COARSE`. Gold X (foreign names with a gloss) counts as PROPN, gold
  ``Abbr=Yes`` as X, and a gold NOUN whose gloss is capitalized (a place name PADT tags
  NOUN) also accepts PROPN;
* gloss, for content words (NOUN/PROPN/VERB/ADJ/ADV/X with a gold Gloss): the prediction
  matches when one of its sense words equals one of the gold's, after lowercasing, dropping
  parentheses and function words, and stripping a plural -s.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from learn.nlp.morphology.arabic import (
    DIACRITICS,
    canonical_marks,
    dediac,
    normalize_key,
    strip_final_vowel,
)

CAMEL_TO_COARSE = {
    "noun": "NOUN", "noun_quant": "NOUN", "noun_prop": "PROPN", "adj": "ADJ", "adj_comp": "ADJ",
    "adj_num": "ADJ", "verb": "VERB", "verb_pseudo": "PART", "prep": "ADP", "conj": "CCONJ",
    "conj_sub": "SCONJ", "digit": "NUM", "noun_num": "NUM", "pron": "PRON", "pron_dem": "DET",
    "pron_rel": "DET", "pron_interrog": "DET", "pron_exclam": "DET", "part": "PART",
    "part_neg": "PART", "part_verb": "PART", "part_fut": "PART", "part_interrog": "PART",
    "part_det": "PART", "part_focus": "PART", "part_restrict": "PART", "part_voc": "PART",
    "adv": "ADV", "adv_interrog": "ADV", "adv_rel": "ADV", "punc": "PUNCT", "abbrev": "X",
    "foreign": "X", "interj": "INTJ",
}  # fmt: skip
UD_TO_COARSE = {
    "NOUN": "NOUN", "PROPN": "PROPN", "ADJ": "ADJ", "VERB": "VERB", "AUX": "VERB", "ADP": "ADP",
    "CCONJ": "CCONJ", "SCONJ": "SCONJ", "NUM": "NUM", "PRON": "PRON", "DET": "DET",
    "PART": "PART", "ADV": "ADV", "PUNCT": "PUNCT", "SYM": "PUNCT", "INTJ": "INTJ", "X": "PROPN",
}  # fmt: skip
CONTENT_UPOS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "X", "AUX"})
_PROCLITIC_FORMS = frozenset({"و", "ف", "ب", "ل", "ك", "س", "لل"})
_CONJ_FORMS = frozenset({"و", "ف", "س"})
# PADT tags the verbal particle قد and the negative ليس AUX; camel-tools calls them particles.
_AUX_PARTICLES = frozenset({"قد", "ليس"})
_GLOSS_STOPWORDS = frozenset(
    {
        "a", "an", "the", "to", "of", "be", "is", "are", "was", "for", "and", "or", "in", "on",
        "at", "by", "with", "as", "from", "up", "out", "into", "it", "its", "one's", "oneself",
        "someone", "something",
    }
)  # fmt: skip
_PAREN_RE = re.compile(r"\([^)]*\)|\[[^]]*\]")
_WORD_RE = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True, slots=True)
class GoldWord:
    form: str  # surface word as written
    lemma: str
    upos: str
    gloss: str  # senses separated by ","; "" when absent
    abbr: bool = False
    oov: bool = False  # X with Root=OOV
    vform: str = ""  # the whole word vocalized in context (segments' Vforms joined); "" if unknown
    stem_end: int = 0  # letters of vform up to the end of the content part (its case ending)

    @property
    def coarse(self) -> str:
        if self.upos == "X" and self.abbr:
            return "X"
        if self.upos == "AUX" and normalize_key(self.lemma) in _AUX_PARTICLES:
            return "PART"
        return UD_TO_COARSE.get(self.upos, self.upos)


@dataclass(frozen=True, slots=True)
class GoldSentence:
    sent_id: str
    words: tuple[GoldWord, ...]
    doc_id: str = ""  # the ``# newdoc id`` it belongs to (else the sent_id before ":")


@dataclass
class EvalResult:
    """Counts from one evaluation run (accuracies are derived)."""

    sentences: int = 0
    words: int = 0  # all surface words
    punctuation: int = 0
    oov: int = 0  # gold X/Root=OOV words (not scored)
    oov_tagged_proper: int = 0  # of those, tagged noun_prop/foreign/abbrev by us
    scored: int = 0  # words scored for lemma and POS
    lemma_dediac: int = 0
    lemma_vocalized: int = 0
    pos: int = 0
    gloss_scored: int = 0
    gloss: int = 0
    vocal_scored: int = 0  # words with a gold Vform spelled with the surface's letters
    vocal_full: int = 0  # vocalized form equal to the gold Vform, case ending included
    vocal_nocase: int = 0  # equal once the case/mood ending is left out on both sides
    by_source: Counter[str] = field(default_factory=Counter)
    pos_confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    lemma_errors: Counter[tuple[str, str]] = field(default_factory=Counter)

    @staticmethod
    def _rate(hits: int, total: int) -> float:
        return hits / total if total else 0.0

    @property
    def lemma_dediac_accuracy(self) -> float:
        return self._rate(self.lemma_dediac, self.scored)

    @property
    def lemma_vocalized_accuracy(self) -> float:
        return self._rate(self.lemma_vocalized, self.scored)

    @property
    def pos_accuracy(self) -> float:
        return self._rate(self.pos, self.scored)

    @property
    def gloss_accuracy(self) -> float:
        return self._rate(self.gloss, self.gloss_scored)

    @property
    def vocal_full_accuracy(self) -> float:
        return self._rate(self.vocal_full, self.vocal_scored)

    @property
    def vocal_nocase_accuracy(self) -> float:
        return self._rate(self.vocal_nocase, self.vocal_scored)


# -- reading CoNLL-U ----------------------------------------------------------------------------
def _misc(text: str) -> dict[str, str]:
    out = {}
    for item in text.split("|"):
        key, sep, value = item.partition("=")
        if sep:
            out[key] = value
    return out


def _gold_word(form: str, segments: Sequence[list[str]]) -> GoldWord:
    parts = list(segments)
    # Conjunctions و/ف and future س never carry the word (وهو is هو); a preposition does
    # when only a pronoun follows it (لها is لِ + ها, as camel-tools analyses it).
    while len(parts) > 1 and normalize_key(parts[0][1]) in _PROCLITIC_FORMS:
        rest = parts[1:]
        if normalize_key(parts[0][1]) not in _CONJ_FORMS and all(p[3] == "PRON" for p in rest):
            break
        parts.pop(0)
    while len(parts) > 1 and parts[-1][3] == "PRON":
        parts.pop()
    cols = parts[0]
    misc = _misc(cols[9])
    feats = cols[5]
    vform, stem_end = _joined_vform(segments, segments.index(cols))
    return GoldWord(
        form=form,
        lemma=cols[2],
        upos=cols[3],
        gloss=misc.get("Gloss", ""),
        abbr="Abbr=Yes" in feats,
        oov=cols[3] == "X" and misc.get("Root") == "OOV",
        vform=vform,
        stem_end=stem_end,
    )


def _joined_vform(segments: Sequence[list[str]], content: int) -> tuple[str, int]:
    """The segments' Vforms as one written word, and the letter count up to the end of the
    content segment. ل + the article is written لل (لِ + اَلمَرَّةِ → لِلمَرَّةِ), and a ta
    marbuta before a suffix is written ت (شَقِيقَةُ + هُ → شَقِيقَتُهُ)."""
    text = ""
    stem_end = 0
    for position, seg in enumerate(segments):
        vform = _misc(seg[9]).get("Vform", "")
        if not vform:
            return "", 0
        if text and dediac(text)[-1:] == "ل" and dediac(vform).startswith("ال"):
            vform = vform[1:].lstrip(DIACRITICS)
        if text and dediac(text)[-1:] == "ة":
            cut = text.rindex("ة")
            text = text[:cut] + "ت" + text[cut + 1 :]
        text += vform
        if position == content:
            stem_end = len(dediac(text))
    return text, stem_end


def read_conllu(text: str) -> list[GoldSentence]:
    """Surface words of each sentence with the gold annotation of their content part."""
    sentences = []
    doc_id = ""
    for block in text.split("\n\n"):
        sent_id = ""
        words: list[GoldWord] = []
        lines = [line for line in block.split("\n") if line]
        i = 0
        while i < len(lines):
            line = lines[i]
            i += 1
            if line.startswith("# newdoc id"):
                doc_id = line.split("=", 1)[1].strip()
            if line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10 or "." in cols[0]:
                continue
            if "-" in cols[0]:
                start, end = (int(x) for x in cols[0].split("-"))
                segments: list[list[str]] = []
                while i < len(lines) and len(segments) < end - start + 1:
                    seg = lines[i].split("\t")
                    i += 1
                    if len(seg) == 10 and "." not in seg[0]:
                        segments.append(seg)
                words.append(_gold_word(cols[1], segments))
            else:
                words.append(_gold_word(cols[1], [cols]))
        if words:
            sentences.append(GoldSentence(sent_id, tuple(words), doc_id or sent_id.split(":")[0]))
    return sentences


HALVES = ("tuning", "checking")


def split_halves(sentences: Sequence[GoldSentence]) -> dict[str, list[GoldSentence]]:
    """Split by document: in order of first appearance, the 1st, 3rd, 5th ... document go to
    the tuning half and the 2nd, 4th ... to the checking half. Rules are developed on the
    tuning half only; the checking half is reported in aggregate and its errors never shown."""
    order: dict[str, int] = {}
    halves: dict[str, list[GoldSentence]] = {half: [] for half in HALVES}
    for sentence in sentences:
        position = order.setdefault(sentence.doc_id, len(order))
        halves[HALVES[position % 2]].append(sentence)
    return halves


def documents(sentences: Iterable[GoldSentence]) -> list[str]:
    return list(dict.fromkeys(s.doc_id for s in sentences))


# -- comparing ---------------------------------------------------------------------------------
def lemma_key_dediac(lemma: str) -> str:
    return normalize_key(lemma)


def lemma_key_vocalized(lemma: str) -> str:
    text = canonical_marks(lemma.replace("ٱ", "ا").replace("ْ", ""))
    text = text.replace("َا", "ا").replace("ٰ", "")
    return strip_final_vowel(text)


_SUKUN, _FATHA, _FATHATAN, _SHADDA = "ْ", "َ", "ً", "ّ"
_LETTER_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_BARE_ALIF_MARKS_RE = re.compile(f"([اٱ])[{DIACRITICS}]+")
_FATHA_BEFORE_LONG_RE = re.compile(f"{_FATHA}(?=[اى])")


def vocal_key(text: str) -> str:
    """A vocalized word in a form where only real differences of vocalization remain.

    Sukun and the dagger alif are dropped; a bare alif carries no mark (PADT writes the
    article اَل and a wasl alif with the vowel it takes at the start of speech); a fatha
    before a long alif is dropped (BAMA omits it); tanwin fath stands before its alif;
    hamza seats, alif maqsura and ta marbuta are folded (spelling, not vocalization).
    """
    text = canonical_marks(text.replace(_SUKUN, "").replace("ٰ", ""))
    text = text.replace("ا" + _FATHATAN, _FATHATAN + "ا")
    text = _BARE_ALIF_MARKS_RE.sub(r"\1", text)
    text = _FATHA_BEFORE_LONG_RE.sub("", text)
    return text.translate(_LETTER_FOLD)


def without_case_ending(key: str, stem_end: int) -> str:
    """``key`` (a :func:`vocal_key`) without the case or mood ending: the vowel on the
    stem's last letter (letter ``stem_end``), or tanwin fath before a final alif, and the
    vowel of a pronoun ه right after it, which echoes the ending (كتابُهُ / كتابِهِ)."""
    clusters = _clusters(key)
    last = stem_end - 1
    if not 0 <= last < len(clusters):
        return key
    clusters[last][1] = _keep_shadda(clusters[last][1])
    if clusters[last][0] == "ا" and last > 0:
        clusters[last - 1][1] = clusters[last - 1][1].replace(_FATHATAN, "")
    if last + 1 < len(clusters) and clusters[last + 1][0] == "ه":
        clusters[last + 1][1] = _keep_shadda(clusters[last + 1][1])
    return "".join(letter + marks for letter, marks in clusters)


def _clusters(text: str) -> list[list[str]]:
    """[letter, its marks] pairs (marks before the first letter are dropped)."""
    clusters: list[list[str]] = []
    for char in text:
        if char in DIACRITICS:
            if clusters:
                clusters[-1][1] += char
        else:
            clusters.append([char, ""])
    return clusters


def _keep_shadda(marks: str) -> str:
    return _SHADDA if _SHADDA in marks else ""


def _gloss_words(gloss: str, separators: str) -> set[str]:
    words: set[str] = set()
    for sense in re.split(f"[{separators}]", gloss.lower().replace("_", " ")):
        # Parenthesized words are qualifiers, unless they are the whole sense: "(has/have)".
        sense = _PAREN_RE.sub(" ", sense) if _PAREN_RE.sub("", sense).strip() else sense
        for word in _WORD_RE.findall(sense):
            if word in _GLOSS_STOPWORDS:
                continue
            words.add(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return words


def gloss_matches(predicted: str, gold: str) -> bool:
    """Predicted senses ("; "-separated) share a content word with gold senses (","-separated)."""
    return bool(_gloss_words(predicted, ";") & _gloss_words(gold, ","))


def _pos_matches(predicted_pos: str, gold: GoldWord) -> bool:
    predicted = CAMEL_TO_COARSE.get(predicted_pos, predicted_pos.upper())
    if predicted == gold.coarse:
        return True
    # PADT tags some place names NOUN (طهران); a capitalized gold gloss marks them.
    return gold.coarse == "NOUN" and predicted == "PROPN" and gold.gloss[:1].isupper()


# -- running -----------------------------------------------------------------------------------
class _Tagger(Protocol):
    """Anything with ``tag(words)`` returning objects with lemma, pos, gloss (and source)."""

    def tag(self, words: Sequence[str]) -> Sequence[object]: ...


def evaluate(
    sentences: Iterable[GoldSentence], tag: Callable[[Sequence[str]], Sequence[object]]
) -> EvalResult:
    """Tag each gold sentence's surface words with ``tag`` and count agreements."""
    result = EvalResult()
    for sentence in sentences:
        result.sentences += 1
        forms = [w.form for w in sentence.words]
        predictions = tag(forms)
        if len(predictions) != len(forms):
            raise ValueError(
                f"{sentence.sent_id}: tagger returned {len(predictions)} for {len(forms)} words"
            )
        for gold, pred in zip(sentence.words, predictions, strict=True):
            _score_word(result, gold, pred)
    return result


def _score_word(result: EvalResult, gold: GoldWord, pred: object) -> None:
    lemma, pos, gloss = (str(getattr(pred, name)) for name in ("lemma", "pos", "gloss"))
    result.words += 1
    if gold.upos == "PUNCT":
        result.punctuation += 1
        return
    if gold.oov:
        result.oov += 1
        result.oov_tagged_proper += pos in {"noun_prop", "foreign", "abbrev"}
        return
    result.scored += 1
    result.by_source[str(getattr(pred, "source", "?"))] += 1
    if lemma_key_dediac(lemma) == lemma_key_dediac(gold.lemma):
        result.lemma_dediac += 1
    else:
        result.lemma_errors[(gold.lemma, lemma)] += 1
    result.lemma_vocalized += lemma_key_vocalized(lemma) == lemma_key_vocalized(gold.lemma)
    if _pos_matches(pos, gold):
        result.pos += 1
    else:
        result.pos_confusions[(gold.coarse, CAMEL_TO_COARSE.get(pos, pos))] += 1
    if gold.upos in CONTENT_UPOS and gold.gloss:
        result.gloss_scored += 1
        result.gloss += gloss_matches(gloss, gold.gloss)
    _score_vocalization(result, gold, str(getattr(pred, "diac", "")))


def _score_vocalization(result: EvalResult, gold: GoldWord, diac: str) -> None:
    """Compare the vocalized form with the gold Vform, when both spell the word's letters
    (PADT rewrites a few segments, e.g. الا as أن + لا; numbers have no vowels)."""
    gold_key = vocal_key(gold.vform)
    if not gold_key or dediac(gold_key) != normalize_key(gold.form):
        return
    result.vocal_scored += 1
    predicted = vocal_key(diac)
    result.vocal_full += predicted == gold_key
    result.vocal_nocase += without_case_ending(predicted, gold.stem_end) == without_case_ending(
        gold_key, gold.stem_end
    )


def evaluate_file(path: str | Path, tagger: _Tagger) -> EvalResult:
    text = Path(path).read_text(encoding="utf-8")
    return evaluate(read_conllu(text), tagger.tag)


def render(result: EvalResult, details: int = 10) -> str:
    """A plain-text report of an :class:`EvalResult`."""

    def pct(hits: int, total: int) -> str:
        return f"{100 * hits / total:5.1f}%  ({hits}/{total})" if total else "  n/a"

    lines = [
        f"sentences: {result.sentences}   surface words: {result.words}   "
        f"punctuation (not scored): {result.punctuation}",
        f"gold X/Root=OOV words (not scored): {result.oov}, of which tagged as names: "
        f"{result.oov_tagged_proper}",
        f"scored words: {result.scored}",
        f"lemma (undiacritized):  {pct(result.lemma_dediac, result.scored)}",
        f"lemma (vocalized):      {pct(result.lemma_vocalized, result.scored)}",
        f"coarse POS:             {pct(result.pos, result.scored)}",
        f"gloss (content words):  {pct(result.gloss, result.gloss_scored)}",
        f"vocalized form:         {pct(result.vocal_full, result.vocal_scored)}",
        f"  without case ending:  {pct(result.vocal_nocase, result.vocal_scored)}",
        "analysis sources: " + ", ".join(f"{k} {v}" for k, v in result.by_source.most_common()),
    ]
    if details:
        lines.append("most frequent POS confusions (gold -> predicted):")
        lines += [f"  {g} -> {p}: {n}" for (g, p), n in result.pos_confusions.most_common(details)]
        lines.append("most frequent lemma errors (gold -> predicted):")
        lines += [f"  {g} -> {p}: {n}" for (g, p), n in result.lemma_errors.most_common(details)]
    return "\n".join(lines)


def report(
    sentences: Sequence[GoldSentence],
    tag: Callable[[Sequence[str]], Sequence[object]],
    details: int = 10,
    halves: Sequence[str] = HALVES,
) -> str:
    """Both halves of a treebank, split by document (:func:`split_halves`).

    The tuning half is reported with its most frequent mistakes; the checking half only
    in aggregate, so that its errors are never read while rules are being changed."""
    split = split_halves(sentences)
    sections = []
    for half in halves:
        part = split[half]
        heading = f"== {half} half: {len(documents(part))} documents ({', '.join(documents(part))})"
        shown = details if half == "tuning" else 0
        sections.append(heading + "\n" + render(evaluate(part, tag), shown))
    return "\n\n".join(sections)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m learn.nlp.evaluate GOLD.conllu [--data-dir DIR] [--details N] [--half H]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m learn.nlp.evaluate", description=main.__doc__)
    parser.add_argument("gold", type=Path, help="CoNLL-U file with gold lemmas, UPOS and glosses")
    parser.add_argument("--data-dir", type=Path, default=None, help="analysis data folder")
    parser.add_argument(
        "--details", type=int, default=10, help="mistakes to list (tuning half only)"
    )
    parser.add_argument(
        "--half", choices=(*HALVES, "both"), default="both", help="which half to report"
    )
    args = parser.parse_args(argv)

    from learn.nlp.tagger import Tagger

    sentences = read_conllu(args.gold.read_text(encoding="utf-8"))
    halves = HALVES if args.half == "both" else (args.half,)
    print(report(sentences, Tagger(args.data_dir).load().tag, args.details, halves))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
