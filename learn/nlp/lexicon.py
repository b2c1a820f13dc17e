"""The overlay lexicon and teachers' corrections, layered over the BAMA-derived DB.

Precedence, highest first: corrections (from the web layer's database), the overlay file
(``learn/nlp/data/overlay.tsv``, current-affairs names and modern words), then BAMA.
A :class:`Lexicon` is immutable; :meth:`Lexicon.with_corrections` returns a new one, so a
shared tagger can be re-pointed at fresh corrections without locking.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from learn.nlp.morphology.arabic import normalize_key

OVERLAY_PATH = Path(__file__).with_name("data") / "overlay.tsv"
ENTITY_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})
# Proclitic strings tried before an overlay lookup: the word itself first, then the longest.
_PROCLITICS = (
    "وبال", "فبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "و", "ف", "ب", "ك", "ل",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class LexEntry:
    """One overlay or correction entry."""

    surface: str  # as written, undiacritized; several words separated by single spaces
    lemma: str
    pos: str
    gloss: str  # senses separated by "; ", best first
    root: str | None = None
    entity: str | None = None  # PERSON / LOCATION / ORGANIZATION
    source: str = "overlay"  # overlay or correction

    @property
    def words(self) -> int:
        return len(self.surface.split())


@dataclass(frozen=True, slots=True)
class Correction:
    """A teacher's fix, keyed by surface form or by lemma. Unset fields keep the analysis'."""

    surface: str = ""  # match this written word (clitics included, diacritics ignored)
    match_lemma: str = ""  # or: match every analysis with this lemma (diacritics ignored)
    lemma: str | None = None
    gloss: str | None = None
    pos: str | None = None
    root: str | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Correction:
        def text(key: str) -> str | None:
            value = data.get(key)
            return str(value) if value not in (None, "") else None

        return cls(
            surface=text("surface") or "",
            match_lemma=text("match_lemma") or "",
            lemma=text("lemma"),
            gloss=text("gloss"),
            pos=text("pos"),
            root=text("root"),
        )


class OverlayFormatError(ValueError):
    pass


def _clean_gloss(gloss: str) -> str:
    return "; ".join(sense.strip() for sense in gloss.split(";") if sense.strip())


def parse_overlay(lines: Iterable[str], origin: str = "overlay") -> list[LexEntry]:
    """Parse overlay TSV lines (format documented at the top of overlay.tsv)."""
    entries = []
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [col.strip() for col in line.split("\t")]
        if len(cols) < 4 or not all(cols[:3]):
            raise OverlayFormatError(f"{origin}:{number}: need surface, lemma, pos, gloss")
        cols += [""] * (6 - len(cols))
        entity = cols[5].upper() or None
        if entity is not None and entity not in ENTITY_TYPES:
            raise OverlayFormatError(f"{origin}:{number}: unknown entity type {cols[5]!r}")
        surface = " ".join(cols[0].split())
        entries.append(
            LexEntry(surface, cols[1], cols[2], _clean_gloss(cols[3]), cols[4] or None, entity)
        )
    return entries


def _key(text: str) -> str:
    return " ".join(normalize_key(word) for word in text.split())


@dataclass(frozen=True)
class Lexicon:
    """Overlay entries plus corrections, indexed by normalized surface."""

    entries: tuple[LexEntry, ...] = ()
    corrections: tuple[Correction, ...] = ()
    _by_surface: dict[str, LexEntry] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _by_lemma: dict[str, Correction] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _max_words: int = field(default=1, init=False, repr=False, compare=False)
    _multi_first: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)
    # Per-word lookup results; safe because a Lexicon never changes after construction.
    _word_cache: dict[str, LexEntry | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for entry in self.entries:  # later entries win
            self._by_surface[_key(entry.surface)] = entry
        for correction in self.corrections:
            if correction.surface:
                base = self._by_surface.get(_key(correction.surface))
                self._by_surface[_key(correction.surface)] = _corrected_entry(correction, base)
            if correction.match_lemma:
                self._by_lemma[normalize_key(correction.match_lemma)] = correction
        longest = max((len(key.split()) for key in self._by_surface), default=1)
        object.__setattr__(self, "_max_words", longest)
        firsts = frozenset(key.split()[0] for key in self._by_surface if " " in key)
        object.__setattr__(self, "_multi_first", firsts)

    @classmethod
    def load(cls, path: Path | None = None) -> Lexicon:
        """The overlay file (default: the bundled one), parsed once per process."""
        return _load_cached(Path(path or OVERLAY_PATH).resolve())

    def with_corrections(self, corrections: Iterable[Correction | Mapping[str, object]]) -> Lexicon:
        """A new Lexicon whose corrections (surface or lemma keyed) win over everything."""
        parsed = tuple(
            c if isinstance(c, Correction) else Correction.from_mapping(c) for c in corrections
        )
        return Lexicon(self.entries, self.corrections + parsed)

    def lookup(self, word: str) -> LexEntry | None:
        """The entry for a single written word, also trying it without its proclitics."""
        if word in self._word_cache:
            return self._word_cache[word]
        found = None
        for candidate in _clitic_candidates(word):
            found = self._by_surface.get(candidate)
            if found is not None:
                break
        self._word_cache[word] = found
        return found

    def match(self, words: Sequence[str], start: int) -> tuple[LexEntry, int] | None:
        """Longest entry matching ``words[start:]`` (first word may carry proclitics)."""
        limit = min(self._max_words, len(words) - start)
        firsts = [c for c in _clitic_candidates(words[start]) if c in self._multi_first]
        for size in range(limit, 1, -1) if firsts else ():
            rest = " ".join(normalize_key(w) for w in words[start + 1 : start + size])
            for first in firsts:
                entry = self._by_surface.get(f"{first} {rest}")
                if entry is not None:
                    return entry, size
        entry = self.lookup(words[start]) if limit >= 1 else None
        return (entry, 1) if entry is not None else None

    def lemma_correction(self, lemma: str) -> Correction | None:
        return self._by_lemma.get(normalize_key(lemma)) if self._by_lemma else None

    def __len__(self) -> int:
        return len(self._by_surface)


def _corrected_entry(correction: Correction, base: LexEntry | None) -> LexEntry:
    return LexEntry(
        surface=correction.surface,
        lemma=correction.lemma or (base.lemma if base else correction.surface),
        pos=correction.pos or (base.pos if base else "noun"),
        gloss=_clean_gloss(correction.gloss) if correction.gloss else (base.gloss if base else ""),
        root=correction.root or (base.root if base else None),
        entity=base.entity if base else None,
        source="correction",
    )


def _clitic_candidates(word: str) -> list[str]:
    key = normalize_key(word)
    candidates = [key]
    for clitic in _PROCLITICS:
        if key.startswith(clitic) and len(key) - len(clitic) >= 2:
            rest = key[len(clitic) :]
            # li + al- is written لل: the article's alif drops.
            if clitic.endswith("لل"):
                candidates.append("ال" + rest)
            elif clitic.endswith("ال"):
                candidates += ["ال" + rest, rest]
            else:
                candidates.append(rest)
    return candidates


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path) -> Lexicon:
    with path.open(encoding="utf-8") as handle:
        return Lexicon(tuple(parse_overlay(handle, origin=path.name)))
