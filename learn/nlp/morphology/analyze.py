"""A lean analyzer over the CAMeL-format DB, for words the tagger knows are Arabic letters.

camel-tools' ``Analyzer.analyze`` gives the same analyses but is slower than this project's
budget (10k tokens/s uncached on two cores): it first runs a regular expression over all
Unicode punctuation on every word, then ``merge_features`` copies and re-merges every one of
the ~20 features of each prefix+stem+suffix combination. :class:`LeanAnalyzer` walks the same
segmentations and compatibility tables and builds only the fields the tagger reads.
``tests/nlp/test_morphology.py`` checks that both agree.
"""

from __future__ import annotations

from typing import Any

from camel_tools.morphology.utils import normalize_tanwyn, rewrite_diac

from learn.nlp.morphology.arabic import dediac, is_arabic_word, normalize_key

Analysis = dict[str, Any]
# Features a prefix or suffix may set on the combined analysis (when not "-" or empty).
_INFLECTION = (
    "prc3", "prc2", "prc1", "prc0", "per", "asp", "vox", "mod", "gen", "num", "stt", "cas", "enc0",
)  # fmt: skip


class LeanAnalyzer:
    """Analyses of plain Arabic words from a (camel-tools) MorphologyDB instance."""

    def __init__(self, db: Any) -> None:
        self._db = db
        self.db_path: Any = None  # set by the tagger, for reporting
        self.mle: dict[str, tuple[str, str]] | None = None  # optional likeliest readings

    def analyze(self, word: str) -> list[Analysis]:
        word = word.strip()
        if not is_arabic_word(word):
            return []
        word_dediac = dediac(word)
        normal = normalize_key(word_dediac)
        db = self._db
        found: list[Analysis] = []
        for prefix, stem, suffix in _segments(normal, db.max_prefix_size, db.max_suffix_size):
            prefixes = db.prefix_hash.get(prefix)
            if prefixes is None:
                continue
            suffixes = db.suffix_hash.get(suffix)
            if suffixes is None:
                continue
            stems = db.stem_hash.get(stem)
            if stems is not None:
                found.extend(self._combine(word_dediac, prefixes, stems, suffixes))
        return found

    def _combine(
        self,
        word_dediac: str,
        prefixes: list[tuple[str, Analysis]],
        stems: list[tuple[str, Analysis]],
        suffixes: list[tuple[str, Analysis]],
    ) -> list[Analysis]:
        db = self._db
        out = []
        for prefix_cat, prefix in prefixes:
            stem_ok = db.prefix_stem_compat.get(prefix_cat, ())
            prefix_suffix_ok = db.prefix_suffix_compat.get(prefix_cat, ())
            for stem_cat, stem in stems:
                if stem_cat not in stem_ok:
                    continue
                stem_suffix_ok = db.stem_suffix_compat.get(stem_cat, ())
                for suffix_cat, suffix in suffixes:
                    if suffix_cat in stem_suffix_ok and suffix_cat in prefix_suffix_ok:
                        out.append(_merge(word_dediac, prefix, stem, suffix))
        return out


def _segments(word: str, max_prefix: int, max_suffix: int) -> list[tuple[str, str, str]]:
    """(prefix, stem, suffix) splits with a non-empty stem, as camel-tools enumerates them."""
    size = len(word)
    splits = []
    for p in range(min(max_prefix, size - 1) + 1):
        for s in range(max(1, size - p - max_suffix), size - p + 1):
            splits.append((word[:p], word[p : p + s], word[p + s :]))
    return splits


def _merge(word_dediac: str, prefix: Analysis, stem: Analysis, suffix: Analysis) -> Analysis:
    result = dict(stem)
    for feat in _INFLECTION:
        # Same precedence as camel-tools' merge_features: the prefix wins over the suffix.
        for part in (suffix, prefix):
            value = part.get(feat)
            if value and value != "-":
                result[feat] = value
    diac = "+".join(x for x in (prefix.get("diac", ""), stem["diac"], suffix.get("diac", "")) if x)
    result["diac"] = normalize_tanwyn(rewrite_diac(diac))
    result["bw"] = "+".join(
        x for x in (prefix.get("bw"), stem.get("bw"), suffix.get("bw")) if x and x != "-"
    )
    result["stem"] = stem["diac"]
    result["stemgloss"] = stem.get("gloss", "")
    if dediac(result["diac"]) != word_dediac:
        result["source"] = "spvar"
    return result
