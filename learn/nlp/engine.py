"""The analysis engine: text in, :class:`~learn.nlp.types.AnalyzedText` out.

``text`` (validation, cleanup, sentences, tokens) → ``Tagger`` (lemma, POS, gloss, root per
token) → ``entities`` (people, places, dates, numbers, durations, quotations) → the words of
each person, place and organisation re-read as names (:func:`read_names_as_names`) → one
frozen :class:`AnalyzedText` whose offsets all refer to the text exactly as given.

One :class:`Engine` per process and data folder (:func:`get_engine`): the tagger's database
is loaded lazily on first use and then shared by every thread.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from learn.nlp import entities as entities_mod
from learn.nlp.camel import resolve_data_dir
from learn.nlp.entities.names import read_names_as_names
from learn.nlp.morphology.arabic import normalize_key
from learn.nlp.text import MAX_CHARS, RawToken, Segment, prepare, segment
from learn.nlp.types import AnalyzedText, Sentence, Token

if TYPE_CHECKING:
    from learn.nlp.entities.gazetteer import Gazetteer
    from learn.nlp.lexicon import Correction
    from learn.nlp.tagger import Tagger, WordAnalysis


class Engine:
    """Analyses texts; thread-safe, with the tagger (and its database) loaded lazily.

    ``data_dir`` holds the built morphology database; ``None`` means ``$SAHIFA_DATA_DIR``
    (else the instance folder's default, as :func:`learn.nlp.camel.resolve_data_dir` says).
    Texts longer than ``max_chars`` are refused with :class:`~learn.nlp.text.TextError`.
    """

    def __init__(self, data_dir: str | Path | None = None, max_chars: int = MAX_CHARS) -> None:
        self.data_dir = resolve_data_dir(data_dir)
        self.max_chars = max_chars
        self._tagger: Tagger | None = None
        self._gazetteer: Gazetteer | None = None
        self._lock = threading.Lock()

    @property
    def tagger(self) -> Tagger:
        if self._tagger is None:
            with self._lock:
                if self._tagger is None:
                    # Imported here: importing the tagger prepares camel-tools' offline data.
                    from learn.nlp.tagger import Tagger

                    self._tagger = Tagger(self.data_dir).load()
        return self._tagger

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            with self._lock:
                if self._gazetteer is None:
                    from learn.nlp.entities.gazetteer import load_gazetteer

                    self._gazetteer = load_gazetteer(self.data_dir)
        return self._gazetteer

    def load(self) -> Engine:
        """Load the databases now (e.g. at worker start) rather than on the first text."""
        _ = self.tagger, self.gazetteer
        return self

    def analyze(
        self,
        text: str | bytes,
        corrections: Sequence[Correction | dict[str, object]] | None = None,
    ) -> AnalyzedText:
        """Analyse ``text`` (str, or UTF-8 bytes); raise ``TextError`` when it is unusable.

        ``corrections`` (teachers' fixes, keyed by surface or lemma) override the lexicon
        for this call only.
        """
        original = prepare(text, self.max_chars)
        tagger = self.tagger.with_corrections(corrections) if corrections else self.tagger
        segments = segment(original)
        sentences, hints, proper = _tag_sentences(tagger, original, segments)
        lexicon = tagger.lexicon

        def lex_match(words: Sequence[str], i: int) -> tuple[str, int, str] | None:
            hit = lexicon.match(words, i)
            if hit is None or hit[0].entity is None:
                return None
            return hit[0].entity, hit[1], hit[0].gloss

        gazetteer = self.gazetteer
        found, quotations = entities_mod.extract(
            original, sentences, lex_match, hints, gazetteer, proper
        )
        sentences = read_names_as_names(sentences, found, gazetteer, proper)
        labels = entities_mod.label_tokens(sentences, found)
        labelled = tuple(
            replace(
                s,
                tokens=tuple(replace(t, entity=labels.get((s.index, t.index))) for t in s.tokens),
            )
            for s in sentences
        )
        meta = {
            "sentences": str(len(labelled)),
            "tokens": str(sum(len(s.tokens) for s in labelled)),
        }
        if segments and segments[0].dateline_end is not None:
            meta["dateline"] = original[segments[0].start : segments[0].dateline_end]
        return AnalyzedText(original, labelled, tuple(found), tuple(quotations), meta)


def _tag_sentences(
    tagger: Tagger, text: str, segments: Sequence[Segment]
) -> tuple[list[Sentence], dict[tuple[int, int], str], dict[tuple[int, int], str]]:
    """The tagged sentences, the tagger's entity hints, and for each word that the tagger
    did not read as a name but could have, the English of that proper-noun reading."""
    sentences: list[Sentence] = []
    hints: dict[tuple[int, int], str] = {}
    proper: dict[tuple[int, int], str] = {}
    for s_index, seg in enumerate(segments):
        analyses = tagger.tag([t.form for t in seg.tokens])
        if len(analyses) != len(seg.tokens):  # the tagger's contract: one analysis per word
            raise RuntimeError(
                f"tagger returned {len(analyses)} analyses for {len(seg.tokens)} words"
            )
        tokens = []
        for t_index, (raw, wa) in enumerate(zip(seg.tokens, analyses, strict=True)):
            tokens.append(_token(s_index, t_index, raw, wa))
            if wa.entity:
                hints[(s_index, t_index)] = wa.entity
            elif wa.pos != "noun_prop" and wa.source == "lex":
                reading = _proper_reading(tagger, raw.form)
                if reading:
                    proper[(s_index, t_index)] = reading
        sentences.append(
            Sentence(
                s_index,
                seg.start,
                seg.end,
                text[seg.start : seg.end],
                tuple(tokens),
                dateline_end=seg.dateline_end,
            )
        )
    return sentences, hints, proper


def _proper_reading(tagger: Tagger, word: str) -> str | None:
    """The gloss of a likely proper-noun analysis of the whole word (no clitics), if it has
    one: سامح "forgiving" can be Samih, أشرف "supervised" Ashraf (but وأكد is not Waked)."""
    key = normalize_key(word)
    candidates = tagger.candidates(word)
    for cand in candidates:
        lemma = normalize_key(cand.lemma)
        if (
            cand.pos == "noun_prop"
            and key in (lemma, "ال" + lemma)  # البحرين: Bahrain, not "the two seas"
            and cand.gloss[:1].isupper()
            and cand.score >= candidates[0].score - _PROPER_READING_GAP
        ):
            return cand.gloss
    return None


# How much less likely (log10 prior) than the best reading a proper-noun reading may be.
_PROPER_READING_GAP = 3.5


def _token(s_index: int, t_index: int, raw: RawToken, wa: WordAnalysis) -> Token:
    # The tagger saw the cleaned form; a digit token keeps the digits as written.
    diac = raw.surface if wa.pos in {"digit", "punc"} else wa.diac
    return Token(
        sentence=s_index,
        index=t_index,
        start=raw.start,
        end=raw.end,
        surface=raw.surface,
        diac=diac,
        lemma=wa.lemma,
        pos=wa.pos,
        gloss=wa.gloss,
        root=wa.root,
        source=wa.source,
        parts=wa.parts,
        alternatives=wa.alternatives,
        root_note=wa.root_note,
    )


_engines: dict[Path, Engine] = {}
_engines_lock = threading.Lock()


def get_engine(data_dir: str | Path | None = None) -> Engine:
    """The process-wide engine for ``data_dir`` (created on first call, then reused)."""
    path = resolve_data_dir(data_dir)
    engine = _engines.get(path)
    if engine is None:
        with _engines_lock:
            engine = _engines.get(path)
            if engine is None:
                engine = _engines[path] = Engine(path)
    return engine
