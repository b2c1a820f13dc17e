"""Score the engine's PERSON / ORGANIZATION / LOCATION spans against an offsets-only annotation.

The annotation is a TSV file of ``file  start  end  type`` rows (character offsets into the
file's text; ``#`` starts a comment), so no text of the annotated articles is copied. Spans
are compared by the *words* they cover (maximal runs of Arabic letters, marks and digits):
a span that starts on a proclitic (ووزارة، للاتحاد) covers the same word as one that starts
after it, so the scores do not depend on where a clitic boundary was drawn.

* **exact**: same type and the same first and last word;
* **partial**: same type and at least one word in common (each span matched once).

``python -m learn.nlp.entities.evaluate ANNOTATION DIR [--data-dir DIR] [--details]``
prints precision, recall and F1 per type, for both matchings.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

NAME_TYPES = ("PERSON", "ORGANIZATION", "LOCATION")
_WORD_RE = re.compile(r"[\u0621-\u064a\u064b-\u065f\u0670\u0671-\u06d3\u0640\w]+")


@dataclass(frozen=True, slots=True)
class Span:
    file: str
    start: int
    end: int
    type: str


@dataclass(slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    partial: int = 0

    def scores(self, matched: int) -> tuple[float, float, float]:
        precision = matched / self.predicted if self.predicted else 0.0
        recall = matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass(slots=True)
class Report:
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in NAME_TYPES})
    missed: list[Span] = field(default_factory=list)
    spurious: list[Span] = field(default_factory=list)
    boundaries: list[tuple[Span, Span]] = field(default_factory=list)  # (gold, predicted)

    def total(self) -> Counts:
        total = Counts()
        for c in self.by_type.values():
            total.gold += c.gold
            total.predicted += c.predicted
            total.exact += c.exact
            total.partial += c.partial
        return total


def read_annotation(path: Path) -> list[Span]:
    """Rows ``file<TAB>start<TAB>end<TAB>type``; a malformed row raises ValueError with its line."""
    spans = []
    for n, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or parts[3] not in NAME_TYPES:
            raise ValueError(f"{path}:{n}: expected 'file<TAB>start<TAB>end<TAB>type'")
        start, end = int(parts[1]), int(parts[2])
        if not 0 <= start < end:
            raise ValueError(f"{path}:{n}: bad offsets {start}..{end}")
        spans.append(Span(parts[0], start, end, parts[3]))
    return spans


def word_range(words: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """Indices of the first and last word that the character span [start, end) touches."""
    inside = [i for i, (s, e) in enumerate(words) if s < end and start < e]
    return (inside[0], inside[-1]) if inside else None


def text_words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def score_file(text: str, gold: Sequence[Span], predicted: Sequence[Span], report: Report) -> None:
    """Add one file's matches to ``report`` (spans outside the three name types are ignored)."""
    words = text_words(text)
    for type_ in NAME_TYPES:
        g = _ranges(words, (s for s in gold if s.type == type_))
        p = _ranges(words, (s for s in predicted if s.type == type_))
        counts = report.by_type[type_]
        counts.gold += len(g)
        counts.predicted += len(p)
        exact = {r for r, _ in g} & {r for r, _ in p}
        counts.exact += len(exact)
        unmatched_p = list(p)
        for rng, span in g:
            hit = next((q for q in unmatched_p if q[0] == rng), None) or next(
                (q for q in unmatched_p if _overlap(q[0], rng)), None
            )
            if hit is None:
                report.missed.append(span)
                continue
            counts.partial += 1
            unmatched_p.remove(hit)
            if hit[0] != rng:
                report.boundaries.append((span, hit[1]))
        report.spurious += [span for _, span in unmatched_p]


def _ranges(
    words: Sequence[tuple[int, int]], spans: Iterable[Span]
) -> list[tuple[tuple[int, int], Span]]:
    out = []
    for s in spans:
        rng = word_range(words, s.start, s.end)
        if rng is not None:
            out.append((rng, s))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def render(report: Report) -> str:
    lines = [
        "| type | gold | found | exact P | exact R | exact F1 "
        "| partial P | partial R | partial F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = [*report.by_type.items(), ("all", report.total())]
    for name, c in rows:
        ep, er, ef = c.scores(c.exact)
        pp, pr, pf = c.scores(c.partial)
        lines.append(
            f"| {name} | {c.gold} | {c.predicted} | {ep:.1%} | {er:.1%} | {ef:.1%} "
            f"| {pp:.1%} | {pr:.1%} | {pf:.1%} |"
        )
    return "\n".join(lines)


def evaluate_dir(annotation: Path, folder: Path, data_dir: Path | None = None) -> Report:
    """Run the engine on every annotated file of ``folder`` and score its name entities."""
    from learn.nlp.engine import get_engine

    engine = get_engine(data_dir)
    gold = read_annotation(annotation)
    report = Report()
    for name in sorted({s.file for s in gold}):
        text = (folder / name).read_text("utf-8")
        analysed = engine.analyze(text)
        predicted = [
            Span(name, e.start, e.end, e.type) for e in analysed.entities if e.type in NAME_TYPES
        ]
        score_file(analysed.text, [s for s in gold if s.file == name], predicted, report)
    return report


def _describe(folder: Path, span: Span) -> str:
    text = (folder / span.file).read_text("utf-8")
    return f"{span.file} {span.type:12} {text[span.start : span.end]}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("annotation", type=Path)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--details", action="store_true", help="list missed and spurious spans")
    args = parser.parse_args(argv)
    try:
        report = evaluate_dir(args.annotation, args.folder, args.data_dir)
    except (OSError, ValueError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print(render(report))
    if args.details:
        print("\nmissed:")
        print("\n".join(_describe(args.folder, s) for s in report.missed))
        print("\nspurious:")
        print("\n".join(_describe(args.folder, s) for s in report.spurious))
        print("\nwrong boundaries (annotated | found):")
        for gold, found in report.boundaries:
            found_text = _describe(args.folder, found).split(maxsplit=2)[2]
            print(f"{_describe(args.folder, gold)} | {found_text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
