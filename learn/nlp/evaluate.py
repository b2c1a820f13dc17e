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

from learn.nlp.morphology.arabic import canonical_marks, normalize_key, strip_final_vowel

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
    return GoldWord(
        form=form,
        lemma=cols[2],
        upos=cols[3],
        gloss=misc.get("Gloss", ""),
        abbr="Abbr=Yes" in feats,
        oov=cols[3] == "X" and misc.get("Root") == "OOV",
    )


def read_conllu(text: str) -> list[GoldSentence]:
    """Surface words of each sentence with the gold annotation of their content part."""
    sentences = []
    for block in text.split("\n\n"):
        sent_id = ""
        words: list[GoldWord] = []
        lines = [line for line in block.split("\n") if line]
        i = 0
        while i < len(lines):
            line = lines[i]
            i += 1
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
            sentences.append(GoldSentence(sent_id, tuple(words)))
    return sentences


# -- comparing ---------------------------------------------------------------------------------
def lemma_key_dediac(lemma: str) -> str:
    return normalize_key(lemma)


def lemma_key_vocalized(lemma: str) -> str:
    text = canonical_marks(lemma.replace("ٱ", "ا").replace("ْ", ""))
    text = text.replace("َا", "ا").replace("ٰ", "")
    return strip_final_vowel(text)


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
        "analysis sources: " + ", ".join(f"{k} {v}" for k, v in result.by_source.most_common()),
    ]
    if details:
        lines.append("most frequent POS confusions (gold -> predicted):")
        lines += [f"  {g} -> {p}: {n}" for (g, p), n in result.pos_confusions.most_common(details)]
        lines.append("most frequent lemma errors (gold -> predicted):")
        lines += [f"  {g} -> {p}: {n}" for (g, p), n in result.lemma_errors.most_common(details)]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m learn.nlp.evaluate GOLD.conllu [--data-dir DIR] [--details N]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m learn.nlp.evaluate", description=main.__doc__)
    parser.add_argument("gold", type=Path, help="CoNLL-U file with gold lemmas, UPOS and glosses")
    parser.add_argument("--data-dir", type=Path, default=None, help="analysis data folder")
    parser.add_argument("--details", type=int, default=10, help="mistakes to list per measure")
    args = parser.parse_args(argv)

    from learn.nlp.tagger import Tagger

    print(render(evaluate_file(args.gold, Tagger(args.data_dir).load()), args.details))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
