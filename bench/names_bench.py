"""Benchmark the name layer: the gazetteer index, and a 1,000-word article from text to lesson.

* gazetteer index: first build into a fresh folder, and load in fresh processes;
* the 1,000-word article of bench/lessons_bench.py, warm: ``Engine.analyze`` (tagging,
  entities, names re-read as names) and then ``build_lesson`` — the budget is 0.3 s.

    .venv/bin/python bench/names_bench.py [--data-dir DIR] [--repeats N]

Prints medians (wall and CPU; the machine is shared) and writes bench/results/names.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

RESULTS = ROOT / "bench" / "results"
DEFAULT_DATA_DIR = ROOT / ".cache" / "test-nlp"

_LOAD = (
    "import time; from pathlib import Path; from learn.nlp.entities.gazetteer import "
    "ensure_index, read_index; p = ensure_index(Path({!r})); s = time.perf_counter(); "
    "c = time.process_time(); g = read_index(p); "
    "print(time.perf_counter() - s, time.process_time() - c, len(g))"
)


def bench_build() -> tuple[float, float, int]:
    from learn.nlp.entities.gazetteer import ensure_index

    with tempfile.TemporaryDirectory() as folder:
        start, cpu = time.perf_counter(), time.process_time()
        path = ensure_index(Path(folder))
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        return wall, cpu, path.stat().st_size


def bench_load(data_dir: Path, repeats: int) -> tuple[float, float, int]:
    runs = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD.format(str(data_dir))],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout.split()
        runs.append((float(out[0]), float(out[1]), int(out[2])))
    return (
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        runs[0][2],
    )


def bench_article(data_dir: Path, repeats: int) -> dict[str, float]:
    from lessons_bench import article_text

    from learn.lessons import build_lesson
    from learn.nlp import get_engine

    text = article_text(1000)
    engine = get_engine(data_dir).load()
    build_lesson(engine.analyze(text))  # warm-up
    analyze, lesson, analyze_cpu, lesson_cpu = [], [], [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        analyzed = engine.analyze(text)
        t1, c1 = time.perf_counter(), time.process_time()
        build_lesson(analyzed)
        t2, c2 = time.perf_counter(), time.process_time()
        analyze.append(t1 - t0)
        lesson.append(t2 - t1)
        analyze_cpu.append(c1 - c0)
        lesson_cpu.append(c2 - c1)
    names = sum(1 for e in analyzed.entities if e.type in {"PERSON", "LOCATION", "ORGANIZATION"})
    return {
        "words": sum(1 for t in analyzed.tokens if t.is_word),
        "names": names,
        "analyze_s": statistics.median(analyze),
        "analyze_cpu_s": statistics.median(analyze_cpu),
        "lesson_s": statistics.median(lesson),
        "lesson_cpu_s": statistics.median(lesson_cpu),
        "total_s": statistics.median(a + b for a, b in zip(analyze, lesson, strict=True)),
        "total_cpu_s": statistics.median(
            a + b for a, b in zip(analyze_cpu, lesson_cpu, strict=True)
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument(
        "--article-only",
        action="store_true",
        help="time text -> lesson only (also works in a checkout without the gazetteer)",
    )
    args = parser.parse_args()
    load_average = os.getloadavg()[0]
    if args.article_only:
        article = bench_article(args.data_dir, args.repeats)
        print(f"machine load average (1 min):  {load_average:.2f}")
        _print_article(article)
        return 0
    build = bench_build()
    load = bench_load(args.data_dir, 5)
    article = bench_article(args.data_dir, args.repeats)
    result = {
        "load_average": load_average,
        "index_build_s": build[0],
        "index_build_cpu_s": build[1],
        "index_bytes": build[2],
        "index_load_s": load[0],
        "index_load_cpu_s": load[1],
        "index_names": load[2],
        **{f"article_{k}": v for k, v in article.items()},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "names.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"machine load average (1 min):  {load_average:.2f}")
    print(
        f"gazetteer index, first build:  {build[0]:.2f} s wall, {build[1]:.2f} s CPU, "
        f"{build[2] / 1024:.0f} KiB"
    )
    print(
        f"gazetteer index, load:         {load[0] * 1000:.0f} ms wall, {load[1] * 1000:.0f} ms CPU "
        f"({load[2]:,} names; median of 5 fresh processes)"
    )
    _print_article(article)
    return 0


def _print_article(article: dict[str, float]) -> None:
    ms = {k: v * 1000 for k, v in article.items() if k.endswith("_s")}
    print(
        f"1,000-word article, warm:      analysis {ms['analyze_s']:.1f} ms "
        f"({ms['analyze_cpu_s']:.1f} ms CPU), lesson {ms['lesson_s']:.1f} ms "
        f"({ms['lesson_cpu_s']:.1f} ms CPU)"
    )
    print(
        f"text -> lesson, warm:          {ms['total_s']:.1f} ms wall, "
        f"{ms['total_cpu_s']:.1f} ms CPU (target <= 300 ms; "
        f"{article['words']:.0f} words, {article['names']:.0f} names)"
    )


if __name__ == "__main__":
    sys.exit(main())
