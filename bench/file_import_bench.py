"""Benchmark reading an article out of an uploaded file: the seed article as a saved web
page, a Word .docx and a four-page PDF (built in code by tests/web/article_files.py, lines of
about 70 characters as a page wraps them), each read by learn/articles/extract.py.

    .venv/bin/python bench/file_import_bench.py [--repeats N]

Prints, per kind, the file's size, the median wall and CPU time of one read after a warm-up
(the first read also imports the reader), and whether the words (and the paragraphs) come back
as the seed has them. Nothing is written.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from learn.articles.extract import extract_article  # noqa: E402
from tests.web.article_files import text_pdf, web_page, word_file  # noqa: E402

SEED = ROOT / "seeds" / "russia-iran-treaty.ar.txt"
LINE_LENGTH = 70
LINES_PER_PAGE = 40
LIMIT = 200_000


def wrapped(paragraphs: list[str]) -> list[str]:
    lines = []
    for paragraph in paragraphs:
        line: list[str] = []
        for word in paragraph.split():
            if line and len(" ".join([*line, word])) > LINE_LENGTH:
                lines.append(" ".join(line))
                line = []
            line.append(word)
        lines.append(" ".join(line))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8").strip()
    paragraphs = [p for p in seed.split("\n") if p.strip()]
    lines = wrapped(paragraphs)
    files = {
        "seed.html": web_page("روسيا وإيران توقعان معاهدة", paragraphs),
        "seed.docx": word_file(paragraphs),
        "seed.pdf": text_pdf(
            [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
        ),
    }
    print(f"load average {os.getloadavg()[0]:.1f}; seed {len(seed):,} characters")
    for name, data in files.items():
        extract_article(name, data, LIMIT)  # imports the reader
        walls, cpus = [], []
        for _ in range(args.repeats):
            wall, cpu = time.perf_counter(), time.process_time()
            text = extract_article(name, data, LIMIT).text
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        words = "same words" if text.split() == seed.split() else "DIFFERENT WORDS"
        paragraphs_kept = (
            "same paragraphs" if text == seed else f"{text.count(chr(10)) + 1} paragraphs"
        )
        print(
            f"{name}: {len(data):,} bytes, {statistics.median(walls) * 1000:.0f} ms wall, "
            f"{statistics.median(cpus) * 1000:.0f} ms CPU; {words}, {paragraphs_kept} "
            f"(the seed has {len(paragraphs)})"
        )


if __name__ == "__main__":
    main()
