"""Tag the words of a sentence with lemma, POS, gloss and root, without a trained model.

For each surface word the camel-tools ``Analyzer`` (over the BAMA-derived DB) proposes
analyses. Each analysis gets a context-free score (its lemma's corpus prior, computed at DB
build time, plus penalties for spelling variants, rare categories and extra clitics); the
scored list is cached per surface form, so repeated words cost a dict lookup. A light pass
over the sentence then adds context: verbs after قد/لن/لم/أن, nominals after prepositions,
adjectives agreeing with the noun before them, and sense cues such as وَقَّع "sign" before a
treaty or agreement. The overlay lexicon and teachers' corrections take precedence over BAMA.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from learn.nlp.camel import resolve_data_dir, setup_offline
from learn.nlp.clitics import (
    PROCLITIC,
    STEM,
    parts_from_bw,
    parts_from_proclitics,
    stripped_proclitics,
)
from learn.nlp.disambiguation import Candidate, SentenceContext, order_senses, rank
from learn.nlp.lexicon import Correction, LexEntry, Lexicon
from learn.nlp.morphology.arabic import canonical_marks, dediac, has_arabic, normalize_key
from learn.nlp.morphology.build import Progress, ensure_db
from learn.nlp.morphology.priors import vocalizations_compatible
from learn.nlp.morphology.roots import LOANWORD, ROOTLESS_POS
from learn.nlp.types import Alternative, WordPart
from learn.nlp.vocalize import (
    article_before_wasl,
    fatha_before_long_alif,
    lexicon_vocalization,
    written_letters,
)

# Words of a multiword name that keep their own analysis: ordinary nouns and adjectives.
_NAME_PART_POS = frozenset({"noun", "adj", "noun_num", "noun_quant", "adj_comp"})
_BACKOFF_SCORE = -30.0
_NOMINAL_POS = frozenset({"noun", "noun_prop", "adj", "noun_num", "noun_quant", "adj_comp"})
# Context-free penalties (log10 units, like the priors).
_SPELLING_VARIANT_PENALTY = 3.0  # analysis spells the word differently (e.g. ه for ة)
_HAMZA_VARIANT_PENALTY = 0.3  # only the hamza seat differs: news often drops hamzas
_CLITIC_PENALTY = 0.4  # per clitic: prefer reading letters as part of the stem
_RARE_PARTICLE_PENALTY = 2.0  # the result/emphatic particle لَ
_NON_THIRD_PERSON_PENALTY = 1.0  # news is told in the third person (quotes aside)
_DUAL_PENALTY = 0.1
_MLE_BONUS = 3.0
# Distinct surface forms kept in the per-surface cache (about 1 KB each).
CACHE_LIMIT = 100_000  # for the reading camel-tools' pretrained MLE model prefers (if installed)
_POS_PENALTY = {"abbrev": 4.0, "interj": 3.0, "part_interrog": 2.0, "adv": 0.3}
_NO_ROOT_VALUES = frozenset({"-", "", "PUNC", "DIGIT", "FOREIGN", LOANWORD})
_ALIF_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
# A number with a glued proclitic (ب300، و2022، بـ5): still a number.
_CLITIC_NUMBER_RE = re.compile(r"[وفبلك]{1,2}ـ?[0-9٠-٩][0-9٠-٩.,،٫٬]*")


@dataclass(frozen=True, slots=True)
class WordAnalysis:
    """The chosen analysis of one surface word in its sentence."""

    surface: str
    diac: str  # vocalized form (best effort; BAMA has no case endings)
    lemma: str  # vocalized lemma; a verb's is its perfective 3ms stem; "" for punctuation
    pos: str  # camel-tools coarse POS
    gloss: str  # English senses, "; "-separated, best first
    root: str | None  # radicals joined by "."
    source: str  # lex, overlay, correction, backoff, rule
    entity: str | None = None  # PERSON / LOCATION / ORGANIZATION when known
    bw: str = ""  # Buckwalter segmentation with tags (debugging, teaching clitics)
    parts: tuple[WordPart, ...] = ()  # proclitics, stem, enclitics; () without clitics
    alternatives: tuple[Alternative, ...] = ()  # readings that came close, best first
    root_note: str | None = None  # why there is no root (see types.Token.root_note)

    @property
    def is_proper(self) -> bool:
        return self.pos == "noun_prop"


class Tagger:
    """Shared, thread-safe tagger; the DB is built (first time only) and loaded lazily."""

    def __init__(
        self,
        data_dir: str | Path | None = None,
        lexicon: Lexicon | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.data_dir = resolve_data_dir(data_dir)
        self.lexicon = lexicon if lexicon is not None else Lexicon.load()
        self._progress = progress
        self._analyzer: Any = None
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._lock = threading.Lock()

    def with_lexicon(self, lexicon: Lexicon) -> Tagger:
        """A tagger over the same loaded DB with another lexicon (e.g. fresh corrections)."""
        other = Tagger(self.data_dir, lexicon, self._progress)
        other._analyzer = self._get_analyzer()
        # Candidates depend only on the DB (the lexicon is applied after), so share them.
        other._cache = self._cache
        return other

    def with_corrections(self, corrections: Sequence[Correction | dict[str, object]]) -> Tagger:
        return self.with_lexicon(self.lexicon.with_corrections(corrections))

    # -- loading ---------------------------------------------------------------------------
    def _get_analyzer(self) -> Any:
        if self._analyzer is None:
            with self._lock:
                if self._analyzer is None:
                    self._analyzer = _make_analyzer(self.data_dir, self._progress)
        return self._analyzer

    @property
    def db_path(self) -> Path:
        """The morphology DB in use (Sahifa's BAMA-derived one, or an installed calima)."""
        return Path(self._get_analyzer().db_path)

    def load(self) -> Tagger:
        """Build/load the DB now instead of on the first call to :meth:`tag`."""
        self._get_analyzer()
        return self

    # -- analysis --------------------------------------------------------------------------
    def candidates(self, word: str) -> tuple[Candidate, ...]:
        """Context-free scored analyses of one word, best first (cached per surface)."""
        cached = self._cache.get(word)
        if cached is None:
            if len(self._cache) >= CACHE_LIMIT:
                # A long-running process sees an open-ended vocabulary: start afresh rather
                # than grow without bound (re-analysing is cheap).
                self._cache.clear()
            cached = self._cache[word] = self._analyze(word)
        return cached

    def _analyze(self, word: str) -> tuple[Candidate, ...]:
        analyzer = self._get_analyzer()
        analyses = analyzer.analyze(word)
        word_dediac = dediac(word)
        found = [_candidate(a, word_dediac) for a in analyses if a.get("source") != "backoff"]
        mle = getattr(analyzer, "mle", None)
        if mle and word_dediac in mle:
            # camel-tools' pretrained disambiguator (when installed) names the likeliest reading.
            likeliest = mle[word_dediac]
            found = [
                replace(c, score=c.score + _MLE_BONUS) if (c.lemma, c.pos) == likeliest else c
                for c in found
            ]
        if word != word_dediac:
            # Diacritized input: keep the analyses its vowels allow (if any).
            matching = [c for c in found if vocalizations_compatible(word, c.diac)]
            found = matching or found
        found = _dedupe(found)
        found.sort(key=lambda c: c.score, reverse=True)
        return tuple(found)

    def tag(self, words: Sequence[str]) -> list[WordAnalysis]:
        """Analyse the words of one sentence (as split by camel-tools' simple_word_tokenize)."""
        results: list[WordAnalysis | None] = [None] * len(words)
        chosen: list[Candidate | None] = [None] * len(words)
        context = SentenceContext(words, chosen, results, lambda i: self._peek(words, i))
        index = 0
        while index < len(words):
            word = words[index]
            kind = word_kind(word)
            if kind != "arabic":
                results[index] = _non_arabic(word, kind)
                index += 1
                continue
            match = self.lexicon.match(words, index)
            if match is not None:
                entry, size = match
                for offset in range(size):
                    position = index + offset
                    part = words[position]
                    own = self.candidates(part) if size > 1 else ()
                    if own and own[0].pos in _NAME_PART_POS and entry.pos != "abbrev":
                        # A common word inside a name (الولايات in الولايات المتحدة) keeps its
                        # own lemma and sense; the name's gloss and type are added.
                        chosen[position] = own[0]
                        results[position] = _part_of_name(part, own[0], entry)
                    else:
                        single = self.lexicon.lookup(part) if size > 1 else None
                        results[position] = (
                            _part_of_name(part, _entry_candidate(single), entry)
                            if single is not None and single.words == 1
                            else self._from_entry(part, entry, first=offset == 0)
                        )
                index += size
                continue
            candidates = self.candidates(word)
            if not candidates:
                results[index] = _backoff(word)
            else:
                ranked = rank(candidates, context, index)
                best = order_senses(ranked[0][1], words, index)
                chosen[index] = best
                results[index] = self._finish(word, best, close_alternatives(ranked))
            index += 1
        return [r for r in results if r is not None]

    def _peek(self, words: Sequence[str], index: int) -> Candidate | None:
        """The likeliest context-free reading of ``words[index]``, for rules that look ahead:
        a lexicon entry (a name, an acronym), else the best analysis."""
        if index >= len(words) or word_kind(words[index]) != "arabic":
            return None
        entry = self.lexicon.lookup(words[index])
        if entry is not None:
            return _entry_candidate(entry, words[index])
        found = self.candidates(words[index])
        return found[0] if found else None

    def _finish(
        self, word: str, best: Candidate, alternatives: tuple[Alternative, ...] = ()
    ) -> WordAnalysis:
        analysis = WordAnalysis(
            word, best.diac, best.lemma, best.pos, best.gloss, best.root, best.source,
            bw=best.bw, parts=_word_parts(best.bw), alternatives=alternatives,
            root_note=root_note(best.pos, best.root, best.root_note),
        )  # fmt: skip
        correction = self.lexicon.lemma_correction(best.lemma)
        if correction is None:
            return analysis
        pos = correction.pos or best.pos
        root = correction.root or best.root
        return replace(
            analysis,
            lemma=correction.lemma or best.lemma,
            pos=pos,
            gloss=correction.gloss or best.gloss,
            root=root,
            source="correction",
            alternatives=(),  # a teacher has decided
            root_note=root_note(pos, root, best.root_note),
        )

    def _from_entry(self, word: str, entry: LexEntry, first: bool = True) -> WordAnalysis:
        """An overlay/correction entry as the analysis of ``word``.

        A multiword entry (بيونغ يانغ، الأمم المتحدة) gives each word the entry's gloss, POS
        and entity, but the word itself as lemma: a single word is not the whole name. Only
        the first word of an entry may carry proclitics (والأمم المتحدة).
        """
        entry_word = entry.surface.split()[0] if first else ""
        letters = stripped_proclitics(word, entry_word) if first else ""
        note = root_note(entry.pos, entry.root, None, entity=entry.entity)
        if entry.words == 1:
            same_kind = [c for c in self.candidates(word) if _same_kind(c.pos, entry.pos)]
            analyses = [(c.lemma, c.diac) for c in same_kind]
            diac = fatha_before_long_alif(
                lexicon_vocalization(word, entry.lemma, letters, analyses), analysed=False
            )
            # An analysis of the word with the entry's lemma knows its parts (العقوبات = الـ +
            # عقوبات); else the letters stripped before the match are its proclitics.
            same = next((c for c in same_kind if _same_lemma(c.lemma, entry.lemma)), None)
            parts = _word_parts(same.bw) if same else _entry_parts(letters, diac, word)
            return WordAnalysis(
                word, diac, entry.lemma, entry.pos, entry.gloss, entry.root, entry.source,
                entity=entry.entity, parts=parts, root_note=note,
            )  # fmt: skip
        return WordAnalysis(
            word, word, dediac(word), entry.pos, entry.gloss, entry.root, entry.source,
            entity=entry.entity, parts=_entry_parts(letters, word, word), root_note=note,
        )  # fmt: skip


# -- helpers ---------------------------------------------------------------------------------
def _make_analyzer(data_dir: Path, progress: Progress | None) -> Any:
    """The analyzer over the official calima-msa-r13 DB when installed, else over ours."""
    setup = setup_offline(data_dir)
    # Imported only now: camel_tools may be imported only after setup_offline() has run.
    from learn.nlp.morphology.analyze import LeanAnalyzer
    from learn.nlp.morphology.store import load_db

    if setup.official_db is not None:
        path = setup.official_db
    elif progress is None:
        path = ensure_db(setup.data_dir)
    else:
        path = ensure_db(setup.data_dir, progress=progress)
    analyzer = LeanAnalyzer(load_db(path))
    analyzer.db_path = path
    analyzer.mle = _load_mle(setup.mle_model) if setup.mle_model is not None else None
    return analyzer


def _load_mle(path: Path) -> dict[str, tuple[str, str]]:
    """camel-tools' pretrained MLE model: undiacritized word -> (lemma, POS) of its likeliest
    analysis. Read directly (it is a JSON object of analyses keyed by word)."""
    from camel_tools.morphology.utils import strip_lex

    with path.open(encoding="utf-8") as handle:
        raw = json.load(handle)
    return {
        word: (canonical_marks(strip_lex(a.get("lex", ""))), a.get("pos", ""))
        for word, a in raw.items()
        if isinstance(a, dict)
    }


def word_kind(word: str) -> str:
    """punc, digit, foreign or arabic."""
    if not word:
        return "punc"
    if all(unicodedata.category(ch)[0] in "PSZ" for ch in word):
        return "punc"
    if any(ch.isdigit() for ch in word) and (
        not has_arabic(word.replace("،", "")) or _CLITIC_NUMBER_RE.fullmatch(word)
    ):
        return "digit"
    if has_arabic(word):
        return "arabic"
    return "foreign"


def _non_arabic(word: str, kind: str) -> WordAnalysis:
    if kind == "punc":
        return WordAnalysis(word, word, "", "punc", "", None, "rule")
    if kind == "digit":
        return WordAnalysis(word, word, word, "digit", word, None, "rule")
    return WordAnalysis(word, word, word, "foreign", word, None, "rule")


def _entry_candidate(entry: LexEntry, word: str = "") -> Candidate:
    return Candidate(
        entry.lemma, entry.lemma, entry.pos, entry.gloss, entry.root, "", "d", 0.0, entry.source,
        article=normalize_key(word).startswith(("ال", "وال", "بال", "فال", "كال", "لل")),
    )  # fmt: skip


def _part_of_name(word: str, cand: Candidate, entry: LexEntry) -> WordAnalysis:
    return WordAnalysis(
        word, cand.diac, cand.lemma, cand.pos, f"{cand.gloss} (in: {entry.gloss})", cand.root,
        cand.source, entity=entry.entity, bw=cand.bw, parts=_word_parts(cand.bw),
        root_note=root_note(cand.pos, cand.root, cand.root_note),
    )  # fmt: skip


@functools.lru_cache(maxsize=20_000)
def _word_parts(bw: str) -> tuple[WordPart, ...]:
    """The analysis' parts, each vocalized like the word (a fatha before a long alif)."""
    return tuple(replace(p, form=fatha_before_long_alif(p.form)) for p in parts_from_bw(bw))


def _same_lemma(lemma: str, other: str) -> bool:
    return normalize_key(lemma) == normalize_key(other)


def _same_kind(pos: str, other: str) -> bool:
    """Two POS tags of one kind of word, for borrowing an analysis' vowels (كلم "km" is not
    the verb كَلَّم): both nominal, or the same tag."""
    return pos == other or (pos in _NOMINAL_POS and other in _NOMINAL_POS)


def _entry_parts(letters: str, diac: str, word: str) -> tuple[WordPart, ...]:
    """Proclitics stripped before a lexicon match, then the rest of the word as its stem
    (vocalized when ``diac`` gives the word's vowels)."""
    if not letters:
        return ()
    parts = parts_from_proclitics(letters, "")
    written = "".join(p.form for p in parts if p.kind == PROCLITIC)
    stem = diac[len(written) :] if diac != word and diac.startswith(written) else ""
    if not stem:
        stem = word[len(letters) :] if normalize_key(word).startswith(letters) else word
    return (*parts[:-1], WordPart(STEM, stem))


def root_note(
    pos: str, root: str | None, note: str | None, entity: str | None = None
) -> str | None:
    """Why a word has no root: a name, a function word, a borrowed word, or not found."""
    if root or pos in {"punc", "digit", "foreign"}:
        return None
    if pos == "noun_prop" or entity is not None:
        return "name"
    if pos == "abbrev":
        return "abbreviation"
    if pos in ROOTLESS_POS or pos == "prep":
        return "function word"
    return note or "not found"


_GLOSS_WORD_RE = re.compile(r"[a-z]+")
_GLOSS_STOPWORDS = frozenset(
    {"a", "an", "the", "to", "of", "be", "in", "on", "at", "by", "for", "with", "and", "or"}
)


def _gloss_words(gloss: str) -> set[str]:
    words = set()
    for word in _GLOSS_WORD_RE.findall(gloss.lower()):
        if word not in _GLOSS_STOPWORDS:
            words.add(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return words


def _same_meaning(gloss: str, other: str) -> bool:
    """Do two glosses share a content word (after lowercasing and a plural -s)?"""
    return bool(_gloss_words(gloss) & _gloss_words(other)) or gloss == other


# How close (log10 units) another reading must come to the chosen one to be shown beside it.
CLOSE_CALL = 1.0
_MAX_ALTERNATIVES = 2


def close_alternatives(ranked: Sequence[tuple[float, Candidate]]) -> tuple[Alternative, ...]:
    """Readings that scored within :data:`CLOSE_CALL` of the best and differ from it in
    meaning (a preposition and a noun reading of أمام, both "front", are one reading to a
    learner)."""
    best_total, best = ranked[0]
    found: list[Alternative] = []
    for total, cand in ranked[1:]:
        if best_total - total > CLOSE_CALL or len(found) == _MAX_ALTERNATIVES:
            break
        if _same_meaning(cand.gloss, best.gloss):
            continue  # أمام "in front of" / "front": the learner's reading does not change
        if any(a.lemma == cand.lemma and a.pos == cand.pos for a in found):
            continue
        found.append(Alternative(cand.lemma, cand.pos, cand.gloss, cand.diac))
    return tuple(found)


_TRANSLIT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "w", "ي": "y", "ى": "a", "ة": "a", "ء": "'", "ؤ": "'", "ئ": "'",
    "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g",
}  # fmt: skip


def transliterate(word: str) -> str:
    """A rough Latin rendering for unknown names (a hint, not a standard)."""
    letters = dediac(word)
    out = []
    for i, char in enumerate(letters):
        latin = _TRANSLIT.get(char, "")
        # Long vowels between consonants read better as vowels.
        if char == "و" and 0 < i < len(letters) - 1:
            latin = "u"
        elif char == "ي" and 0 < i < len(letters) - 1:
            latin = "i"
        out.append(latin)
    text = "".join(out).strip("'")
    return text[:1].upper() + text[1:]


def _backoff(word: str) -> WordAnalysis:
    """Unknown Arabic word: a proper noun (a leading conjunction و is split off)."""
    stem = word
    if dediac(word).startswith("و") and len(dediac(word)) > 4:
        stem = dediac(word)[1:]
    parts = parts_from_proclitics("و", stem) if stem != word else ()
    return WordAnalysis(
        word, ("وَ" + stem) if parts else dediac(word), stem, "noun_prop", transliterate(stem),
        None, "backoff", bw=f"{stem}/NOUN_PROP", parts=parts, root_note="name",
    )  # fmt: skip


def _candidate(analysis: dict[str, str], word_dediac: str) -> Candidate:
    pos = analysis.get("pos", "noun")
    score = float(analysis.get("lex_logprob", -99.0))
    if analysis.get("source") == "spvar":
        # A bare alif written for a hamza seat is common in news; a different explicit
        # hamza (إن read as آن) or ه for ة is a real mismatch.
        analysed = dediac(analysis.get("diac", ""))
        hamza_dropped = analysed.translate(_ALIF_FOLD) == word_dediac
        score -= _HAMZA_VARIANT_PENALTY if hamza_dropped else _SPELLING_VARIANT_PENALTY
    score -= _POS_PENALTY.get(pos, 0.0)
    score -= _rare_reading_penalty(analysis, pos)
    # The article (prc0) is not counted: it never competes with a stem-internal reading
    # the way a preposition or a pronoun suffix can.
    clitics = sum(analysis.get(f, "0") not in ("0", "na", "") for f in ("prc2", "prc1", "enc0"))
    score -= _CLITIC_PENALTY * clitics
    if analysis.get("num") == "d" and word_dediac.endswith("ين"):
        # -ين is a dual or a plural ending; with nothing else to go on, the plural is likelier.
        score -= _DUAL_PENALTY
    root = analysis.get("root", "-")
    return Candidate(
        diac=_vocalized(analysis, word_dediac),
        lemma=canonical_marks(analysis.get("lex", word_dediac)),
        pos=pos,
        gloss=_gloss(analysis.get("stemgloss", "")),
        root=root if root not in _NO_ROOT_VALUES else None,
        bw=analysis.get("bw", ""),
        # Definite: the article, or a possessive pronoun (agreement treats both alike).
        stt="d" if analysis.get("stt") == "d" or analysis.get("enc0", "0") != "0" else "i",
        score=score,
        gen=_feature(analysis, "gen"),
        num=_feature(analysis, "num"),
        prep=analysis.get("prc1", "0").endswith("_prep"),
        enclitic=analysis.get("enc0", "0") or "0",
        article=analysis.get("prc0") == "Al_det",
        construct="_POSS" in analysis.get("bw", ""),
        root_note="borrowed word" if root == LOANWORD else None,
        aspect=analysis.get("asp", "na") or "na",
    )


def _vocalized(analysis: dict[str, str], word_dediac: str) -> str:
    """The analysis' vocalization, written as vocalize.py describes."""
    diac = canonical_marks(analysis.get("diac", word_dediac))
    if analysis.get("source") == "spvar":
        # Only a spelling variant reads a letter as another (ه for ة): put the text's back.
        diac = written_letters(diac, word_dediac)
    return fatha_before_long_alif(article_before_wasl(diac))


def _feature(analysis: dict[str, str], name: str) -> str:
    value = analysis.get(name, "-")
    return value if value in {"m", "f", "s", "d", "p"} else "-"


def _rare_reading_penalty(analysis: dict[str, str], pos: str) -> float:
    """Readings that are rare in news prose, where BAMA offers them for common words:
    the result/emphatic لَ (لكنها read as لَ+كُنَّ+ها), first/second person verbs (قمتها read as
    "I did it" rather than "its summit"), and second person suffixes."""
    penalty = 0.0
    if analysis.get("prc1") in {"la_rc", "la_emph"}:
        penalty += _RARE_PARTICLE_PENALTY
    if pos == "verb" and analysis.get("per") in {"1", "2"}:
        penalty += _NON_THIRD_PERSON_PENALTY
    if analysis.get("enc0", "0")[:1] == "2":
        penalty += _NON_THIRD_PERSON_PENALTY
    return penalty


def _gloss(raw: str) -> str:
    senses = [s.replace("_", " ").strip() for s in raw.split(";")]
    return "; ".join(s for s in senses if s and s != "-")


_MAX_SENSES = 5


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per (lemma, POS): the best-scored one, carrying the senses of all.

    BAMA lists the senses of a lemma as separate entries (وَضْع "laying down" and
    "situation"); a learner should see them together, the likeliest entry's first.
    """
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for cand in sorted(candidates, key=lambda c: c.score, reverse=True):
        groups.setdefault((cand.lemma, cand.pos), []).append(cand)
    merged = []
    for group in groups.values():
        best = group[0]
        senses: list[str] = []
        for cand in group:
            senses += [s for s in cand.gloss.split("; ") if s and s not in senses]
        gloss = "; ".join(senses[:_MAX_SENSES])
        merged.append(best if gloss == best.gloss else replace(best, gloss=gloss))
    return merged
