"""Benchmark the lesson layer: vocabulary and questions for a 1,000-word article.

The article is analysed once (the engine's cost is nlp_bench.py's business); then, after one
warm-up run, the vocabulary list, the questions, and the whole ``build_lesson`` are timed
over repeats and their medians printed. The text is the seed article followed by the
articles written for tests/lessons, cut at the first sentence end after 1,000 words.

    .venv/bin/python bench/lessons_bench.py [--data-dir DIR] [--repeats N] [--words N]

Writes JSON to bench/results/lessons.json (git-ignored). Target: <= 0.5 s warm.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "russia-iran-treaty.ar.txt"
ARTICLES = sorted((ROOT / "tests" / "lessons" / "articles").glob("*.ar.txt"))
RESULTS = ROOT / "bench" / "results"
DEFAULT_DATA_DIR = ROOT / ".cache" / "test-nlp"


def article_text(words: int) -> str:
    """About ``words`` words of running news text, whole lines only."""
    lines: list[str] = []
    count = 0
    for path in [SEED, *ARTICLES]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.strip() == "___":
                continue
            lines.append(line)
            count += len(line.split())
            if count >= words:
                return "\n".join(lines)
    return "\n".join(lines)


def median_seconds(run: Callable[[], object], repeats: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR))
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()

    from learn.lessons import build_lesson, build_vocab, generate_questions
    from learn.lessons.names import clean_analysis
    from learn.nlp.engine import get_engine

    text = article_text(args.words)
    analyzed = get_engine(args.data_dir).analyze(text)
    words = sum(1 for t in analyzed.tokens if t.is_word)
    cleaned = clean_analysis(analyzed)
    vocab = build_vocab(cleaned)

    build_lesson(analyzed)  # warm-up: word frequencies, curated lists, regexes
    vocab_s, _ = median_seconds(lambda: build_vocab(cleaned), args.repeats)
    questions_s, _ = median_seconds(lambda: generate_questions(cleaned, vocab), args.repeats)
    lesson_s, lesson_all = median_seconds(lambda: build_lesson(analyzed), args.repeats)
    lesson = build_lesson(analyzed)

    report = {
        "words": words,
        "sentences": len(analyzed.sentences),
        "repeats": args.repeats,
        "vocab_median_s": round(vocab_s, 4),
        "questions_median_s": round(questions_s, 4),
        "build_lesson_median_s": round(lesson_s, 4),
        "build_lesson_max_s": round(max(lesson_all), 4),
        "vocab_entries": len(lesson.vocab),
        "questions": len(lesson.questions),
        "target_s": 0.5,
    }
    print(f"article: {words} words, {len(analyzed.sentences)} sentences")
    print(f"vocabulary list     median {vocab_s * 1000:7.1f} ms ({len(lesson.vocab)} lemmas)")
    print(f"questions           median {questions_s * 1000:7.1f} ms ({len(lesson.questions)})")
    print(f"build_lesson total  median {lesson_s * 1000:7.1f} ms (target <= 500 ms warm)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "lessons.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if lesson_s <= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
