"""Load the CAMeL-format DB fast and lean, once per process.

camel-tools' own ``MorphologyDB`` parser turns every one of ~80k stem lines into a feature
dict up front (over 1 s and about 110 MB here). A news article touches a few hundred stems,
so :class:`LeanMorphologyDB` keeps each stem key's lines as raw text and parses them the
first time the analyzer asks for that key, interning feature names and repeated values.
It is a real ``MorphologyDB`` subclass, so camel-tools' ``Analyzer`` accepts it unchanged.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

from camel_tools.morphology.database import MorphologyDB, MorphologyDBFlags
from camel_tools.morphology.errors import DatabaseParseError
from camel_tools.morphology.utils import strip_lex

Analysis = dict[str, str]
_MISSING = object()
_intern = sys.intern


def _parse_feats(text: str) -> Analysis:
    feats: Analysis = {}
    for token in text.split(" "):
        if not token:
            continue
        name, sep, value = token.partition(":")
        if not sep:
            raise DatabaseParseError(f"invalid key value pair {token!r}")
        # Feature names and short closed-class values repeat across thousands of entries.
        feats[_intern(name)] = _intern(value) if len(value) <= 12 else value
    return feats


class _LazyStemIndex(dict[str, Any]):
    """stem key -> [(category, feats)], parsed on first access from raw ``cat\\tfeats`` lines."""

    def _parsed(self, key: str, raw: list[str]) -> list[tuple[str, Analysis]]:
        entries = []
        for line in raw:
            category, _, body = line.partition("\t")
            feats = _parse_feats(body)
            feats["lex"] = strip_lex(feats["lex"])
            entries.append((_intern(category), feats))
        dict.__setitem__(self, key, entries)
        return entries

    def get(self, key: str, default: Any = None) -> Any:
        value = dict.get(self, key, _MISSING)
        if value is _MISSING:
            return default
        if value and isinstance(value[0], str):
            return self._parsed(key, value)
        return value

    def __getitem__(self, key: str) -> Any:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value


class LeanMorphologyDB(MorphologyDB):
    """Analysis-only MorphologyDB with lazily parsed stems."""

    def __init__(self, fpath: str | Path) -> None:
        self._withAnalysis = True
        self._withGeneration = False
        self._withReinflection = False
        self._defaultKey = "pos"
        self.flags = MorphologyDBFlags(True, False, False)
        self.defines: dict[str, list[str] | None] = {}
        self.defaults: dict[str, dict[str, str | None]] = {}
        self.order: list[str] | None = None
        self.tokenizations: frozenset[str] = frozenset()
        self.compute_feats: frozenset[str] = frozenset()
        self.stem_backoffs: dict[str, list[str]] = {}
        self.prefix_hash: dict[str, list[tuple[str, Analysis]]] = {}
        self.suffix_hash: dict[str, list[tuple[str, Analysis]]] = {}
        self.stem_hash: _LazyStemIndex = _LazyStemIndex()
        self.prefix_cat_hash: dict[str, list[Analysis]] = {}
        self.suffix_cat_hash: dict[str, list[Analysis]] = {}
        self.lemma_hash: dict[str, list[Analysis]] = {}
        self.prefix_stem_compat: dict[str, set[str]] = {}
        self.stem_suffix_compat: dict[str, set[str]] = {}
        self.prefix_suffix_compat: dict[str, set[str]] = {}
        self.stem_prefix_compat: dict[str, set[str]] = {}
        self.max_prefix_size = 0
        self.max_suffix_size = 0
        self._load(Path(fpath))

    def _load(self, path: Path) -> None:
        sections = _split_sections(path.read_text(encoding="utf-8"))
        for line in sections.get("DEFINES", []):
            name, *values = line.split(" ")[1:]
            opened = len(values) == 1 and values[0].endswith(":*open*")
            self.defines[name] = None if opened else [v.split(":", 1)[1] for v in values]
        for line in sections.get("DEFAULTS", []):
            feats: dict[str, str | None] = dict(_parse_feats(line[len("DEFAULT ") :]))
            self.defaults[str(feats["pos"])] = {
                k: (None if v == "*" else v) for k, v in feats.items()
            }
        for line in sections.get("ORDER", []):
            self.order = line.split(" ")[1:]
        self.compute_feats = frozenset(self.order or ())
        for line in sections.get("STEMBACKOFF", []):
            name, *cats = line.split(" ")[1:]
            self.stem_backoffs[name] = cats
        self.prefix_hash = _affix_index(sections.get("PREFIXES", []))
        self.suffix_hash = _affix_index(sections.get("SUFFIXES", []))
        for line in sections.get("STEMS", []):
            key, _, rest = line.partition("\t")
            self.stem_hash.setdefault(_intern(key), []).append(rest)
        self.prefix_stem_compat = _compat(sections.get("TABLE AB", []))
        self.stem_suffix_compat = _compat(sections.get("TABLE BC", []))
        self.prefix_suffix_compat = _compat(sections.get("TABLE AC", []))
        self.max_prefix_size = max(map(len, self.prefix_hash), default=0)
        self.max_suffix_size = max(map(len, self.suffix_hash), default=0)


def _split_sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.split("\n"):
        if line.startswith("###") and line.endswith("###"):
            current = sections.setdefault(line.strip("#"), [])
        elif line.strip():
            current.append(line)
    return sections


def _affix_index(lines: list[str]) -> dict[str, list[tuple[str, Analysis]]]:
    index: dict[str, list[tuple[str, Analysis]]] = {}
    for line in lines:
        parts = line.split("\t")
        if len(parts) != 3:
            raise DatabaseParseError(f"invalid affix line {line!r}")
        index.setdefault(parts[0].strip(), []).append(
            (_intern(parts[1]), _parse_feats(parts[2].strip()))
        )
    return index


def _compat(lines: list[str]) -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for line in lines:
        left, right = line.split()
        table.setdefault(_intern(left), set()).add(_intern(right))
    return table


_CACHE: dict[Path, LeanMorphologyDB] = {}
_LOCK = threading.Lock()


def load_db(path: str | Path) -> LeanMorphologyDB:
    """The process-wide shared DB for ``path`` (loaded on first use)."""
    key = Path(path).resolve()
    with _LOCK:
        db = _CACHE.get(key)
        if db is None:
            db = _CACHE[key] = LeanMorphologyDB(key)
        return db
