"""Quiz statistics: pure functions on numbers, no Flask, no database.

The input is a score matrix: one row per attempt, one column per question, each cell the
item score in [0, 1] (1 correct, 0 wrong or unanswered). The definitions follow Moodle's
quiz statistics report (see docs/results.md):

* facility index of an item: the mean item score;
* discrimination index of an item: Pearson's correlation between the item score and the
  score on the *rest* of the quiz (total minus this item), so that an item is not
  correlated with itself;
* quiz score: the fraction of the quiz's items answered correctly (row mean);
* standard deviation: the sample standard deviation (n − 1) of the quiz scores;
* internal consistency: Cronbach's alpha, k/(k−1)·(1 − Σ var(item)/var(total)) with
  population variances; for right/wrong items it equals KR-20.

A statistic that is undefined on the data (one attempt, an item everyone got right, all
totals equal ...) is None, which the pages show as "n/a": a teacher with three students
must see the table, not an error.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

Matrix = Sequence[Sequence[float]]

# Thresholds for questions worth a second look (Moodle's documentation suggests similar).
LOW_DISCRIMINATION = 0.1
TOO_EASY = 0.95
TOO_HARD = 0.2

FLAG_LABELS = {
    "low_discrimination": "Low or negative discrimination: check the answer key",
    "too_easy": "Almost everyone got it right",
    "too_hard": "Almost everyone got it wrong: check the answer key",
}


@dataclass(frozen=True)
class ItemStats:
    facility: float | None
    discrimination: float | None
    flags: tuple[str, ...]


@dataclass(frozen=True)
class QuizSummary:
    count: int
    mean: float | None
    median: float | None
    sd: float | None
    alpha: float | None


def column(matrix: Matrix, item: int) -> list[float]:
    return [row[item] for row in matrix]


def totals(matrix: Matrix) -> list[float]:
    return [math.fsum(row) for row in matrix]


def facility(item_scores: Sequence[float]) -> float | None:
    return statistics.fmean(item_scores) if item_scores else None


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r, or None when it is undefined (fewer than 2 pairs, a constant series)."""
    if len(xs) != len(ys) or len(xs) < 2:
        return None
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = math.fsum((x - mean_x) ** 2 for x in xs)
    syy = math.fsum((y - mean_y) ** 2 for y in ys)
    # Rounding noise on a constant series must not turn into a huge correlation.
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def discrimination(matrix: Matrix, item: int) -> float | None:
    """Correlation of the item score with the score on the rest of the quiz."""
    scores = column(matrix, item)
    rest = [total - score for total, score in zip(totals(matrix), scores, strict=True)]
    return pearson(scores, rest)


def cronbach_alpha(matrix: Matrix) -> float | None:
    """Cronbach's alpha (KR-20 for right/wrong items); None with < 2 items, < 2 attempts or
    equal totals."""
    if len(matrix) < 2:
        return None
    k = len(matrix[0])
    if k < 2:
        return None
    total_variance = statistics.pvariance(totals(matrix))
    if total_variance <= 1e-12:
        return None
    item_variance = math.fsum(statistics.pvariance(column(matrix, i)) for i in range(k))
    return k / (k - 1) * (1 - item_variance / total_variance)


def item_flags(facility_index: float | None, discrimination_index: float | None) -> tuple[str, ...]:
    """Why a question deserves a look; an undefined statistic raises no flag of its own."""
    flags = []
    if discrimination_index is not None and discrimination_index < LOW_DISCRIMINATION:
        flags.append("low_discrimination")
    if facility_index is not None and facility_index > TOO_EASY:
        flags.append("too_easy")
    if facility_index is not None and facility_index < TOO_HARD:
        flags.append("too_hard")
    return tuple(flags)


def item_stats(matrix: Matrix) -> list[ItemStats]:
    if not matrix:
        return []
    result = []
    for item in range(len(matrix[0])):
        facility_index = facility(column(matrix, item))
        discrimination_index = discrimination(matrix, item)
        result.append(
            ItemStats(
                facility_index,
                discrimination_index,
                item_flags(facility_index, discrimination_index),
            )
        )
    return result


def quiz_scores(matrix: Matrix) -> list[float]:
    """Each attempt's score as the fraction of items right."""
    return [math.fsum(row) / len(row) if row else 0.0 for row in matrix]


def summarize(scores: Sequence[float], matrix: Matrix = ()) -> QuizSummary:
    """Mean, median, sample standard deviation of the scores, and alpha of the matrix."""
    return QuizSummary(
        count=len(scores),
        mean=statistics.fmean(scores) if scores else None,
        median=statistics.median(scores) if scores else None,
        sd=statistics.stdev(scores) if len(scores) >= 2 else None,
        alpha=cronbach_alpha(matrix) if matrix else None,
    )


def histogram(scores: Sequence[float], bins: int = 10) -> list[int]:
    """Counts of scores in equal bins over [0, 1]; 1.0 belongs to the last bin."""
    counts = [0] * bins
    for score in scores:
        index = min(int(max(score, 0.0) * bins + 1e-9), bins - 1)
        counts[index] += 1
    return counts


def mean_or_none(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.fmean(present) if present else None
