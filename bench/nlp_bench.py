"""Benchmark the morphology DB and the tagger.

Measures (medians over repeats):

* first-time DB build from the Buckwalter files (into a temporary folder);
* DB load time and extra resident memory, each in a fresh process;
* tokens/s with an empty per-surface cache ("uncached"), once on a fresh process' first
  pass (stems still to be parsed) and then with only the cache cleared;
* the time to tag a 1,000-word article once its words have been seen ("warm").

Prints a report and writes JSON to bench/results/ (git-ignored).

    .venv/bin/python bench/nlp_bench.py [--data-dir DIR] [--repeats N] [--build-repeats N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "russia-iran-treaty.ar.txt"
EXTRA_TEXTS = sorted(Path("/work/shared/eval/padt-dev/articles").glob("*.txt"))
RESULTS = ROOT / "bench" / "results"

_LOAD_PROBE = """
import json, sys, time
sys.path.insert(0, {root!r})
from learn.nlp.camel import setup_offline
setup_offline({data_dir!r})
import camel_tools.morphology.database  # import cost is not DB load cost
from learn.nlp.morphology.store import LeanMorphologyDB

def rss_kib():
    with open("/proc/self/statm") as f:
        import os
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024

before = rss_kib()
start, cpu = time.perf_counter(), time.process_time()
db = LeanMorphologyDB({db!r})
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
extra = (rss_kib() - before) / 1024
print(json.dumps({{"seconds": elapsed, "cpu_seconds": cpu, "extra_rss_mib": extra}}))
"""


def corpus_sentences() -> list[list[str]]:
    from camel_tools.tokenizers.word import simple_word_tokenize

    texts = [SEED.read_text(encoding="utf-8")] + [
        p.read_text(encoding="utf-8") for p in EXTRA_TEXTS
    ]
    sentences = []
    for text in texts:
        for chunk in re.split(r"(?<=[.!?؟])\s+|\n+", text):
            words = simple_word_tokenize(chunk)
            if words:
                sentences.append(words)
    return sentences


def article_of(sentences: list[list[str]], size: int = 1000) -> list[list[str]]:
    """About ``size`` words of running text, cycling through the corpus' sentences."""
    article: list[list[str]] = []
    count = 0
    while count < size:
        for sentence in sentences:
            article.append(sentence)
            count += len(sentence)
            if count >= size:
                break
    return article


def bench_build(repeats: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of a first-time build into an empty folder."""
    from learn.nlp.morphology.build import ensure_db

    times = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as folder:
            start, cpu = time.perf_counter(), time.process_time()
            ensure_db(Path(folder), progress=None)
            times.append((time.perf_counter() - start, time.process_time() - cpu))
    return times


def bench_load(data_dir: Path, db: Path, repeats: int) -> list[dict[str, float]]:
    runs = []
    code = _LOAD_PROBE.format(root=str(ROOT), data_dir=str(data_dir), db=str(db))
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return runs


def bench_tagging(data_dir: Path, repeats: int) -> dict[str, object]:
    from learn.nlp.tagger import Tagger

    sentences = corpus_sentences()
    tokens = sum(len(s) for s in sentences)
    tagger = Tagger(data_dir).load()

    start = time.perf_counter()
    for sentence in sentences:
        tagger.tag(sentence)
    first_pass = tokens / (time.perf_counter() - start)

    uncached, uncached_cpu = [], []
    for _ in range(repeats):
        tagger._cache.clear()  # the per-surface cache only; the DB stays loaded
        start, cpu = time.perf_counter(), time.process_time()
        for sentence in sentences:
            tagger.tag(sentence)
        uncached.append(tokens / (time.perf_counter() - start))
        uncached_cpu.append(tokens / (time.process_time() - cpu))

    article = article_of(sentences)
    article_words = sum(len(s) for s in article)
    for sentence in article:  # warm: its words have been seen once
        tagger.tag(sentence)
    warm, warm_cpu = [], []
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        for sentence in article:
            tagger.tag(sentence)
        warm.append(time.perf_counter() - start)
        warm_cpu.append(time.process_time() - cpu)
    return {
        "corpus_tokens": tokens,
        "first_pass_tokens_per_s": first_pass,
        "uncached_tokens_per_s": uncached,
        "uncached_tokens_per_cpu_s": uncached_cpu,
        "article_words": article_words,
        "article_warm_seconds": warm,
        "article_warm_cpu_seconds": warm_cpu,
    }


def _load_average() -> float:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", type=Path, default=None, help="analysis data folder")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--build-repeats", type=int, default=3)
    args = parser.parse_args()

    from learn.nlp.camel import setup_offline

    setup = setup_offline(args.data_dir)
    from learn.nlp.morphology.build import ensure_db

    db = ensure_db(setup.data_dir)
    build = bench_build(args.build_repeats)
    load = bench_load(setup.data_dir, db, args.repeats)
    tagging = bench_tagging(setup.data_dir, args.repeats)
    median = statistics.median
    results = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": sys.version.split()[0],
        "load_average_1min": _load_average(),
        "db_size_mib": db.stat().st_size / 2**20,
        "build_runs_wall_cpu_seconds": build,
        "build_seconds_median": median(wall for wall, _ in build),
        "build_cpu_seconds_median": median(cpu for _, cpu in build),
        "load_runs": load,
        "load_seconds_median": median(r["seconds"] for r in load),
        "load_cpu_seconds_median": median(r["cpu_seconds"] for r in load),
        "load_extra_rss_mib_median": median(r["extra_rss_mib"] for r in load),
        **tagging,
        "uncached_tokens_per_s_median": median(tagging["uncached_tokens_per_s"]),  # type: ignore[arg-type]
        "uncached_tokens_per_cpu_s_median": median(tagging["uncached_tokens_per_cpu_s"]),  # type: ignore[arg-type]
        "article_warm_seconds_median": median(tagging["article_warm_seconds"]),  # type: ignore[arg-type]
        "article_warm_cpu_seconds_median": median(tagging["article_warm_cpu_seconds"]),  # type: ignore[arg-type]
    }
    r = results
    lines = [
        f"machine load average (1 min):  {r['load_average_1min']:.2f}",
        f"DB build (first time):         {r['build_seconds_median']:.2f} s wall, "
        f"{r['build_cpu_seconds_median']:.2f} s CPU  (median of {len(build)})",
        f"DB size:                       {r['db_size_mib']:.1f} MiB",
        f"DB load:                       {r['load_seconds_median']:.3f} s wall, "
        f"{r['load_cpu_seconds_median']:.3f} s CPU, +{r['load_extra_rss_mib_median']:.0f} MiB RSS "
        f"(median of {len(load)} fresh processes)",
        f"tagging, first pass:           {tagging['first_pass_tokens_per_s']:,.0f} tokens/s wall "
        f"({tagging['corpus_tokens']} tokens, stems not yet parsed)",
        f"tagging, uncached:             {r['uncached_tokens_per_s_median']:,.0f} tokens/s wall, "
        f"{r['uncached_tokens_per_cpu_s_median']:,.0f} tokens/CPU-s (median)",
        f"1,000-word article, warm:      {r['article_warm_seconds_median'] * 1000:.1f} ms wall, "
        f"{r['article_warm_cpu_seconds_median'] * 1000:.1f} ms CPU "
        f"({tagging['article_words']} words)",
    ]
    print("\n".join(lines))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"nlp-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
